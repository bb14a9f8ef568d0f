public import Foundation

/// How deeply a caller's JSON may nest, checked by one pass over its bytes before any decoder builds a tree, so that
/// no decoder recurses as deep as the input. Every reader of a caller's JSON (request bodies, findings, SBOMs, VEX,
/// advisories, feeds) asks first.
public enum JSONNesting {
    /// The deepest nesting of arrays and objects accepted. The standards' documents nest far less: a CSAF product
    /// tree with several levels of branches stays under 30.
    public static let maximumDepth = 100

    /// Why a document nests too deeply, or `nil` when it does not.
    ///
    /// Only brackets outside strings count; the pass does not check that the JSON is otherwise well formed, which
    /// the decoder does next.
    public static func problem(in data: Data, maximumDepth: Int = maximumDepth) -> String? {
        data.withUnsafeBytes { bytes in
            var scanner = JSONBracketScanner()
            for (offset, byte) in bytes.enumerated() {
                if case .open = scanner.read(byte), scanner.depth > maximumDepth {
                    return "The JSON nests arrays and objects deeper than \(maximumDepth) levels (at byte \(offset))."
                }
            }
            return nil
        }
    }
}
