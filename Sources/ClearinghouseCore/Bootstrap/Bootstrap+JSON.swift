public import JSONSupport

extension Bootstrap: JSONWritable {
    /// What `clearinghouse admin bootstrap` prints: `{"organization": {...}, "token": "chtok_..."}`.
    public func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("organization", organization)
            json.field("token", token.secret.text)
        }
    }
}

extension Bootstrap {
    /// The JSON text that `clearinghouse admin bootstrap` prints.
    public var json: String {
        String(decoding: JSONWriter.bytes(of: self), as: UTF8.self)
    }
}
