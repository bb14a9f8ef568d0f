import ArgumentParser
import Crypto
import Foundation
import TransparencyLog

/// The transparency log's private key on disk: one line of signer-key text, readable by its owner only.
enum LogKeyFile {
    /// Reads a key file.
    static func read(_ path: String) throws -> NoteSigner {
        let text = try SecretFile.read(path, what: "log key")
        do {
            return try NoteSigner(signerKey: text)
        } catch {
            throw ValidationError("\(path) is not a log key (\(error)). Make one with `clearinghouse log keygen`.")
        }
    }

    /// Makes a new key named `name` and writes it to `path` with mode 0600, refusing to replace a file.
    static func create(_ path: String, name: String) throws -> NoteSigner {
        let signer: NoteSigner
        do {
            signer = try NoteSigner(name: name, seed: Curve25519.Signing.PrivateKey().rawRepresentation)
        } catch {
            throw ValidationError("`\(name)` cannot name a log: \(error).")
        }
        try SecretFile.create(path, contents: signer.signerKey + "\n", what: "log key")
        return signer
    }
}
