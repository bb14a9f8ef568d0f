import ArgumentParser
import Crypto
import Foundation
import TransparencyLog

/// The transparency log's private key on disk: one line of signer-key text, readable by its owner only.
enum LogKeyFile {
    /// Reads a key file.
    static func read(_ path: String) throws -> NoteSigner {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("Cannot read the log key file \(path): it does not exist or is not readable.")
        }
        do {
            return try NoteSigner(signerKey: String(decoding: data, as: UTF8.self))
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
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            let reason =
                errno == EEXIST ? "it already exists; a log key is never replaced" : String(cString: strerror(errno))
            throw ValidationError("Cannot create the log key file \(path): \(reason).")
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        try handle.write(contentsOf: Data((signer.signerKey + "\n").utf8))
        try handle.synchronize()
        return signer
    }
}
