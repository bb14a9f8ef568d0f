import ArgumentParser
import Foundation

/// A private key on disk: readable by its owner only, and never replaced once written.
enum SecretFile {
    /// Writes `contents` to a new file with mode 0600.
    ///
    /// - Parameter what: What the file holds, for the error (`log key`, `validator key`).
    /// - Throws: `ValidationError` when the file exists or cannot be created.
    static func create(_ path: String, contents: String, what: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            let reason =
                errno == EEXIST ? "it already exists; a \(what) is never replaced" : String(cString: strerror(errno))
            throw ValidationError("Cannot create the \(what) file \(path): \(reason).")
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        try handle.write(contentsOf: Data(contents.utf8))
        try handle.synchronize()
    }

    /// Reads a file's text.
    ///
    /// - Throws: `ValidationError` naming the file when it cannot be read.
    static func read(_ path: String, what: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("Cannot read the \(what) file \(path): it does not exist or is not readable.")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
