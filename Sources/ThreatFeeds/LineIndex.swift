import Foundation
import JSONSupport

/// Where things are in a JSON feed, by line: the start of each object in the top-level array (the catalog's
/// entries), and the offset a syntax error names.
struct LineIndex {
    /// Byte offsets where lines start.
    private let lineStarts: [Int]
    /// Byte offsets of the objects directly inside an array that is a member of the top-level object.
    private let elementStarts: [Int]

    init(_ data: Data) {
        var lineStarts = [0]
        var elementStarts: [Int] = []
        var scanner = JSONBracketScanner()
        for (offset, byte) in data.enumerated() {
            if byte == UInt8(ascii: "\n") { lineStarts.append(offset + 1) }
            // An object opened at depth 2 (inside an array that is a member of the top-level object).
            if scanner.read(byte) == .open(UInt8(ascii: "{")) && scanner.depth == 3 { elementStarts.append(offset) }
        }
        self.lineStarts = lineStarts
        self.elementStarts = elementStarts
    }

    /// The 1-based line holding a byte offset.
    func line(ofOffset offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low + 1
    }

    /// The line on which the array element with this index begins, or nil when there is no such element.
    func line(ofElement index: Int) -> Int? {
        elementStarts.indices.contains(index) ? line(ofOffset: elementStarts[index]) : nil
    }

    /// The line of the offset Foundation's JSON parser names (`… around character 15.`), if it names one.
    func line(ofSyntaxError error: any Error) -> Int? {
        let text = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
        guard let range = text.range(of: "character ") else { return nil }
        let digits = text[range.upperBound...].prefix { $0.isNumber }
        return Int(digits).map { line(ofOffset: $0) }
    }
}
