import ArgumentParser
import ClearinghouseCore
import Foundation

/// `clearinghouse csaf`: the CSAF provider directory of published advisories.
struct CSAFCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "csaf",
        abstract: "Manage the CSAF 2.0 provider directory at /.well-known/csaf/.",
        subcommands: [CSAFKeyCommand.self])
}

/// `clearinghouse csaf key`: the OpenPGP key that signs the directory's documents.
struct CSAFKeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key",
        abstract: "Make the OpenPGP key (Ed25519) that signs the CSAF documents this instance publishes.",
        discussion: """
            Writes a new key to --out (mode 0600; an existing file is never replaced) and prints its fingerprint. \
            Give it to every node with `serve --csaf-signing-key FILE`: the provider metadata then lists the key, \
            the instance is a `csaf_trusted_provider`, and each document has a detached `.asc` signature beside \
            it. The key's certificate is served at /.well-known/csaf/openpgp/FINGERPRINT.asc; publish the \
            fingerprint where your readers can check it.
            """)

    @Option(name: .long, help: ArgumentHelp("Where to write the key.", valueName: "file"))
    var out: String

    @Option(name: .long, help: "Who the key is, as its certificate names it.")
    var userID: String = "Clearinghouse CSAF signing key"

    func run() throws {
        let key: OpenPGPSigningKey
        do {
            key = try OpenPGPSigningKey(userID: userID, created: Date())
        } catch {
            throw ValidationError("--user-id: \(error.message) Such as `Example CERT <csaf@cert.example>`.")
        }
        try CSAFKeyFile.create(out, key: key)
        print(key.fingerprint)
    }
}

/// The CSAF signing key on disk, readable by its owner only: one line,
/// `openpgp-ed25519 <creation time> <base64 Ed25519 seed> <user id>` (the creation time is part of the fingerprint).
enum CSAFKeyFile {
    static let what = "CSAF signing key"

    static func create(_ path: String, key: OpenPGPSigningKey) throws {
        try SecretFile.create(
            path, contents: "openpgp-ed25519 \(key.created) \(key.seed.base64EncodedString()) \(key.userID)\n",
            what: what)
    }

    static func read(_ path: String) throws -> OpenPGPSigningKey {
        let text = try SecretFile.read(path, what: what).trimmingCharacters(in: .newlines)
        let fields = text.split(separator: " ", maxSplits: 3)
        guard fields.count == 4, fields[0] == "openpgp-ed25519", let created = UInt32(fields[1]),
            let seed = Data(base64Encoded: String(fields[2])),
            let key = try? OpenPGPSigningKey(seed: seed, created: created, userID: String(fields[3]))
        else {
            throw ValidationError(
                "\(path) is not a \(what) file, as `clearinghouse csaf key` writes it: `openpgp-ed25519 <creation time> <base64 seed> <user id>`."
            )
        }
        return key
    }
}
