import Crypto
public import Foundation
public import JSONSupport

/// The published advisories as a CSAF 2.0 provider lays them out (section 7.1, requirements 7 and 9 to 19): the
/// `provider-metadata.json` at `/.well-known/csaf/`, and a TLP:WHITE directory with one folder per year,
/// `index.txt`, `changes.csv`, and each document's SHA-256, SHA-512 and OpenPGP signature files.
public enum CSAFProviderLayout {
    /// One document in the directory.
    public struct Entry: Sendable, Hashable {
        /// `2026/chx-2026-0001.json`: the year of its initial release, and its file name.
        public let path: String
        /// Its `/document/tracking/current_release_date`, which `changes.csv` lists.
        public let currentRelease: Date

        public init(_ draft: AdvisoryDraft) {
            self.init(id: draft.id, published: draft.published, currentRelease: draft.csafCurrentRelease)
        }

        /// The entry of an advisory that has not changed since it was published, as published advisories never do.
        public init(id: AdvisoryID, published: Date, currentRelease: Date? = nil) {
            let year = Calendar.utc.component(.year, from: published)
            path = "\(year)/\(CSAFProviderLayout.filename(trackingID: id.description))"
            self.currentRelease = currentRelease ?? published
        }
    }

    /// Where the TLP:WHITE directory is, under the instance's base URL.
    public static let directoryPath = "/.well-known/csaf/white"

    /// A document's file name from its tracking id (section 5.1): lower case, each run of characters other than
    /// `a`–`z`, `0`–`9`, `+` and `-` replaced by one `_`, and `.json`.
    public static func filename(trackingID: String) -> String {
        var name = ""
        var replacing = false
        for scalar in trackingID.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "+" || scalar == "-" {
                name.unicodeScalars.append(scalar)
                replacing = false
            } else if !replacing {
                name += "_"
                replacing = true
            }
        }
        return name + ".json"
    }

    /// `index.txt` (requirement 12): every document's path, one per line.
    public static func index(_ entries: [Entry]) -> String {
        entries.map { $0.path + "\n" }.joined()
    }

    /// `changes.csv` (requirement 13): each path and its current release date, quoted, the latest first, with no
    /// heading.
    public static func changes(_ entries: [Entry]) -> String {
        entries.sorted { ($0.currentRelease, $1.path) > ($1.currentRelease, $0.path) }
            .map { "\"\($0.path)\",\"\(AdvisoryDraft.csafTimestamp($0.currentRelease))\"\n" }.joined()
    }

    /// The hash algorithms of requirement 18, by the extension of their files.
    public enum HashAlgorithm: String, Sendable, CaseIterable {
        case sha256, sha512

        /// The file's text, as `sha256sum` and `sha512sum` write it: the digest, two spaces and the file name.
        public func file(of document: Data, named filename: String) -> String {
            let digest =
                switch self {
                case .sha256: SHA256.hash(data: document).hex
                case .sha512: SHA512.hash(data: document).hex
                }
            return "\(digest)  \(filename)\n"
        }
    }

    /// `provider-metadata.json` (requirement 7): the publisher, the directory, and the signing key when there is
    /// one (a `csaf_trusted_provider` signs; without a key the role is `csaf_provider`).
    ///
    /// - Parameters:
    ///   - base: the instance's public base URL.
    ///   - lastUpdated: the latest current release date of the documents, or when there are none, any fixed time.
    ///   - key: the signing key's fingerprint and where its certificate is served.
    public static func providerMetadata(
        base: String, publisher: AdvisoryDraft.CSAFPublisher, lastUpdated: Date,
        key: (fingerprint: String, url: String)?
    ) -> JSONTree {
        var metadata: [String: JSONTree] = [
            "canonical_url": .string("\(base)/.well-known/csaf/provider-metadata.json"),
            "distributions": .array([.object(["directory_url": .string(base + directoryPath + "/")])]),
            "last_updated": .string(AdvisoryDraft.csafTimestamp(lastUpdated)),
            "list_on_CSAF_aggregators": .bool(true),
            "mirror_on_CSAF_aggregators": .bool(true),
            "metadata_version": .string("2.0"),
            "publisher": publisher.tree,
            "role": .string(key == nil ? "csaf_provider" : "csaf_trusted_provider"),
        ]
        if let key {
            metadata["public_openpgp_keys"] = .array([
                .object(["fingerprint": .string(key.fingerprint), "url": .string(key.url)])
            ])
        }
        return .object(metadata)
    }
}

extension Calendar {
    /// The Gregorian calendar in UTC: the year of an advisory's id and of its CSAF folder.
    public static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}
