import ClearinghouseCore
import ClearinghouseStore
import Crypto
import Foundation
import Testing

/// The CSAF provider directory: the metadata names the directory and the key; `index.txt` and `changes.csv` list
/// each published advisory; each document is the one `/csaf` serves, with its hashes and signature; nothing else
/// is served. `scripts/client-test` verifies the signatures with GnuPG.
@Suite struct CSAFProviderAPITests {
    @Test(arguments: engines)
    func publishedAdvisoriesAreLaidOutWithHashesAndSignatures(engine: Dialect) async throws {
        let key = try OpenPGPSigningKey(userID: "Test CSAF <csaf@clearinghouse.test>", created: Date())
        try await TestAPI.run(engine, configure: { $0.csafSigningKey = key }) { api in
            let empty = try await api.send(.get, "/.well-known/csaf/white/index.txt")
            #expect(empty.status == .ok && empty.text.isEmpty)

            let ids = try await TAXIIAPITests.publish(2, api)
            let metadata = try await api.send(.get, "/.well-known/csaf/provider-metadata.json")
            #expect(metadata["role"] as? String == "csaf_trusted_provider", "\(metadata.text)")
            let keys = metadata["public_openpgp_keys"] as? [[String: String]]
            #expect(keys?.first?["fingerprint"] == key.fingerprint)
            let directory = (metadata["distributions"] as? [[String: String]])?.first?["directory_url"]
            #expect(directory?.hasSuffix("/.well-known/csaf/white/") == true)

            let year = Calendar(identifier: .gregorian).dateComponents(
                in: TimeZone(identifier: "UTC")!, from: api.dependencies.now()
            ).year!
            let paths = ids.map { "\(year)/\($0.lowercased()).json" }
            let index = try await api.send(.get, "/.well-known/csaf/white/index.txt")
            #expect(index.text == paths.reversed().map { $0 + "\n" }.joined(), "\(index.text)")
            #expect(index.headers[.contentType] == "text/plain; charset=utf-8")
            let changes = try await api.send(.get, "/.well-known/csaf/white/changes.csv")
            #expect(changes.text.split(separator: "\n").count == 2 && changes.text.contains("\"\(paths[0])\",\""))

            for (id, path) in zip(ids, paths) {
                let document = try await api.send(.get, "/.well-known/csaf/white/\(path)")
                let served = try await api.send(.get, "/v1/published-advisories/\(id)/csaf")
                #expect(document.status == .ok && document.text == served.text)
                let sha256 = try await api.send(.get, "/.well-known/csaf/white/\(path).sha256")
                let name = String(path.split(separator: "/").last!)
                #expect(
                    sha256.text
                        == "\(SHA256.hash(data: Data(document.text.utf8)).map { String(format: "%02x", $0) }.joined())  \(name)\n"
                )
                let sha512 = try await api.send(.get, "/.well-known/csaf/white/\(path).sha512")
                #expect(sha512.text.hasSuffix("  \(name)\n") && sha512.text.count == 128 + 3 + name.count)
                let signature = try await api.send(.get, "/.well-known/csaf/white/\(path).asc")
                #expect(signature.headers[.contentType] == "application/pgp-signature")
                #expect(signature.text.hasPrefix("-----BEGIN PGP SIGNATURE-----\n"))
            }

            let certificate = try await api.send(.get, "/.well-known/csaf/openpgp/\(key.fingerprint).asc")
            #expect(certificate.status == .ok && certificate.text == key.certificate)
            for path in [
                "/.well-known/csaf/openpgp/\(String(repeating: "0", count: 40)).asc",
                "/.well-known/csaf/white/\(year + 1)/\(ids[0].lowercased()).json",
                "/.well-known/csaf/white/\(year)/\(ids[0]).json",
                "/.well-known/csaf/white/\(year)/\(ids[0].lowercased()).json.md5",
                "/.well-known/csaf/white/\(year)/\(ids[0].lowercased()).jsonx",
                "/.well-known/csaf/white/\(year)/chx-\(year)-9999.json",
                "/.well-known/csaf/white/\(year)/..%2Findex.txt",
            ] {
                #expect(try await api.send(.get, path).status == .notFound, "\(path)")
            }
        }
    }

    @Test(arguments: engines)
    func withoutAKeyTheDocumentsAreHashedNotSigned(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let ids = try await TAXIIAPITests.publish(1, api)
            let metadata = try await api.send(.get, "/.well-known/csaf/provider-metadata.json")
            #expect(metadata["role"] as? String == "csaf_provider" && metadata["public_openpgp_keys"] == nil)
            let path = try #require(
                (try await api.send(.get, "/.well-known/csaf/white/index.txt")).text.split(separator: "\n").first)
            #expect(path.hasSuffix("\(ids[0].lowercased()).json"))
            #expect(try await api.send(.get, "/.well-known/csaf/white/\(path).sha256").status == .ok)
            #expect(try await api.send(.get, "/.well-known/csaf/white/\(path).asc").status == .notFound)
        }
    }
}
