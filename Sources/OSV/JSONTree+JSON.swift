public import Foundation
public import JSONSupport

extension JSONTree {
    /// Reads a JSON document.
    ///
    /// - Throws: `OSVError` saying where the JSON is malformed.
    public init(json data: Data) throws(OSVError) {
        if let problem = JSONNesting.problem(in: data) { throw OSVError(problem) }
        do {
            self = try JSONDecoder().decode(JSONTree.self, from: data)
        } catch let DecodingError.dataCorrupted(context) {
            throw OSVError(
                "The document is not JSON: \(context.underlyingError.map { "\($0)" } ?? context.debugDescription)")
        } catch {
            throw OSVError("The document is not JSON: \(error)")
        }
    }
}
