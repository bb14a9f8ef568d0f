/// Reads JSON a byte at a time and tells which bytes are brackets of its structure: the `[`, `{`, `]` and `}` that
/// stand outside strings. A pass over the bytes with it measures nesting or finds elements without building a tree.
public struct JSONBracketScanner {
    /// What a structural byte does.
    public enum Bracket: Equatable {
        /// `[` or `{` (the byte), after which ``depth`` is one more.
        case open(UInt8)
        /// `]` or `}`, after which ``depth`` is one less.
        case close
    }

    /// How many arrays and objects are open after the bytes read so far.
    public private(set) var depth = 0
    private var inString = false
    private var escaped = false

    public init() {}

    /// Reads one byte: the bracket it is, or `nil` for any other byte and for brackets inside strings.
    public mutating func read(_ byte: UInt8) -> Bracket? {
        if inString {
            if escaped {
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else if byte == UInt8(ascii: "\"") {
                inString = false
            }
            return nil
        }
        switch byte {
        case UInt8(ascii: "\""):
            inString = true
            return nil
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            depth += 1
            return .open(byte)
        case UInt8(ascii: "]"), UInt8(ascii: "}"):
            depth -= 1
            return .close
        default:
            return nil
        }
    }
}
