/// A seeded source of malformed input for fuzz tests: byte-level mutations of valid samples, and random text.
///
/// The same seed gives the same inputs, so a failure found once is found again.
public struct InputMutator {
    private var state: UInt64

    /// Creates a mutator.
    public init(seed: UInt64) {
        state = seed
    }

    /// A random number below `bound` (SplitMix64).
    public mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(max(bound, 1)))
    }

    private static let interesting: [[UInt8]] = [
        Array("\"".utf8), Array("\\".utf8), Array("{".utf8), Array("}".utf8), Array("[".utf8), Array("null".utf8),
        Array("-1".utf8), Array("1e309".utf8), Array("true".utf8), Array("\u{0}".utf8), Array("\u{FEFF}".utf8),
        Array("\u{1F600}".utf8), [0xFF], [0xC3], Array("%00".utf8), Array("../".utf8), Array("_".utf8),
        Array("9999999999999999999999".utf8), Array(":".utf8), Array(",".utf8),
    ]

    /// Patterns repeated hundreds of times by one mutation: nesting deeper than any reader accepts, versions longer
    /// than any scheme reads, text whose characters are mostly combining marks.
    private static let amplified: [[UInt8]] = [
        Array("[".utf8), Array("{\"a\":".utf8), Array("1-".utf8), Array("a1".utf8), Array("e\u{301}".utf8),
        Array("{0}".utf8),
    ]

    /// Applies one to four random mutations to a sample.
    public mutating func mutate(_ sample: [UInt8]) -> [UInt8] {
        var bytes = sample
        for _ in 0...next(4) {
            let position = next(bytes.count + 1)
            switch next(7) {
            case 0 where !bytes.isEmpty:
                let end = min(bytes.count, position + 1 + next(8))
                if position < end { bytes.removeSubrange(position..<end) }
            case 1:
                bytes.insert(contentsOf: Self.interesting[next(Self.interesting.count)], at: position)
            case 2 where position < bytes.count:
                bytes[position] ^= UInt8(1 << next(8))
            case 3:
                bytes = Array(bytes.prefix(position))
            case 4:
                bytes.insert(UInt8(next(256)), at: position)
            case 5:
                let pattern = Self.amplified[next(Self.amplified.count)]
                bytes.insert(contentsOf: Array([[UInt8]](repeating: pattern, count: 100 + next(300)).joined()), at: position)
            default:
                let start = next(bytes.count + 1)
                bytes.insert(contentsOf: bytes[start..<min(bytes.count, start + next(16))], at: position)
            }
        }
        return bytes
    }

    /// Random text of up to `length` characters drawn from ASCII, control characters and a few wider ones.
    public mutating func text(upTo length: Int) -> String {
        let alphabet = Array("abcdefABCDEF0123456789_-:/@?=&%.+ \t\n{}[]\"\\é🙂\u{0}\u{7f}")
        return String((0..<next(length + 1)).map { _ in alphabet[next(alphabet.count)] })
    }
}
