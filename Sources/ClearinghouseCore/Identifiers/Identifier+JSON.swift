public import JSONSupport

extension Identifier: JSONWritable {
    /// The identifier's text, as a JSON string.
    public func write(to json: inout JSONWriter) { json.string(rawValue) }
}
