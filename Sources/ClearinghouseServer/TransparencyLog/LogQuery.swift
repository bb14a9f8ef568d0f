import ClearinghouseCore
import Hummingbird
import TransparencyLog

/// Reads the query parameters of the log's routes, with errors that name the parameter.
struct LogQuery {
    let parameters: [String: String]

    init(_ request: Request) {
        var parameters: [String: String] = [:]
        for (name, value) in request.uri.queryParameters {
            parameters[String(name)] = String(value)
        }
        self.parameters = parameters
    }

    /// A required non-negative integer.
    func number(_ name: String) throws(ClearinghouseError) -> UInt64 {
        guard let value = try optionalNumber(name) else {
            throw .invalidField(name, "`\(name)` is required.")
        }
        return value
    }

    /// A non-negative integer in decimal digits, below 2^63 (the database's limit), when present.
    func optionalNumber(_ name: String) throws(ClearinghouseError) -> UInt64? {
        guard let text = parameters[name] else { return nil }
        guard !text.isEmpty, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let value = UInt64(text),
            value <= UInt64(Int64.max)
        else {
            throw .invalidField(name, "`\(name)` must be a non-negative integer written in decimal digits.")
        }
        return value
    }

    /// A SHA-256 hash in base64, standard or URL-safe, when present. A `+` that arrived decoded as a space is
    /// read as `+`.
    func optionalHash(_ name: String) throws(ClearinghouseError) -> MerkleHash? {
        guard let text = parameters[name] else { return nil }
        let standard = text.replacingOccurrences(of: " ", with: "+").replacingOccurrences(of: "-", with: "+")
            .replacingOccurrences(of: "_", with: "/")
        let padded =
            standard.count % 4 == 0 ? standard : standard + String(repeating: "=", count: 4 - standard.count % 4)
        guard let hash = MerkleHash(base64: padded) else {
            throw .invalidField(name, "`\(name)` must be a SHA-256 hash in base64 (32 bytes).")
        }
        return hash
    }
}
