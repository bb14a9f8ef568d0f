/// A parsed CVSS vector: its version and each metric's value.
///
/// Parsing checks what every version shares: the `CVSS:3.0/`, `CVSS:3.1/` or `CVSS:4.0/` prefix (CVSS 2 vectors
/// have none and begin `AV:`), `METRIC:VALUE` parts, each metric once, each metric known to the version with one of
/// its values, and every base metric present. It reads the text as bytes and keeps each value as a byte (its first,
/// where the values of a metric differ in it), so that scoring allocates nothing.
public struct CVSSVector: Sendable, Hashable {
    public enum Version: String, Sendable, Hashable, CaseIterable {
        case v2_0 = "2.0"
        case v3_0 = "3.0"
        case v3_1 = "3.1"
        case v4_0 = "4.0"

        var metrics: CVSSMetrics.Table {
            switch self {
            case .v2_0: CVSSMetrics.v2
            case .v3_0, .v3_1: CVSSMetrics.v3
            case .v4_0: CVSSMetrics.v4
            }
        }
    }

    public let version: Version
    /// The vector as given.
    public let text: String
    /// Each metric's value as its code (see ``CVSSMetrics/Definition/codes``), by the metric's position in the
    /// version's list; 0 when left out.
    let codes: [UInt8]

    /// Parses a vector.
    ///
    /// - Throws: `CVSSError` naming the metric at fault, or saying what is wrong with the vector as a whole.
    public init(_ text: String) throws(CVSSError) {
        var bytes = text
        let parsed: Result<(Version, [UInt8]), CVSSError> = bytes.withUTF8 { Self.parse($0, text: text) }
        (version, codes) = try parsed.get()
        self.text = text
    }

    /// A metric's value, `X` when the vector leaves it out.
    public subscript(_ metric: String) -> String {
        guard let index = version.metrics.index[metric], codes[index] != 0 else { return "X" }
        let definition = version.metrics.definitions[index]
        return definition.codes.firstIndex(of: codes[index]).map { definition.values[$0] } ?? "X"
    }

    /// The metrics the vector gives, by abbreviation.
    public var metrics: [String: String] {
        var metrics: [String: String] = [:]
        for (index, definition) in version.metrics.definitions.enumerated() where codes[index] != 0 {
            metrics[definition.name] = self[definition.name]
        }
        return metrics
    }

    private static func parse(
        _ bytes: UnsafeBufferPointer<UInt8>, text: String
    ) -> Result<(Version, [UInt8]), CVSSError> {
        guard let (version, metricsStart) = Self.version(bytes) else {
            if text.hasPrefix("CVSS:"), let slash = text.firstIndex(of: "/") {
                let named = text[text.index(text.startIndex, offsetBy: 5)..<slash]
                return .failure(
                    CVSSError(
                        "CVSS version `\(named)` is not supported; use 3.0, 3.1 or 4.0, or a CVSS 2 vector without a prefix (`AV:N/AC:L/Au:N/C:P/I:P/A:P`)."
                    ))
            }
            return .failure(
                CVSSError(
                    "A CVSS vector starts with `CVSS:3.0/`, `CVSS:3.1/` or `CVSS:4.0/`, or is a CVSS 2 vector "
                        + "starting `AV:`; `\(text)` is neither."))
        }
        let table = version.metrics
        var codes = [UInt8](repeating: 0, count: table.definitions.count)
        var start = metricsStart
        while start <= bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != UInt8(ascii: "/") { end += 1 }
            let part = UnsafeBufferPointer(rebasing: bytes[start..<end])
            guard let colon = part.firstIndex(of: UInt8(ascii: ":")), colon > 0, colon < part.count - 1 else {
                return .failure(CVSSError("`\(String(decoding: part, as: UTF8.self))` is not a `METRIC:VALUE` part."))
            }
            let name = UnsafeBufferPointer(rebasing: part[0..<colon])
            let value = UnsafeBufferPointer(rebasing: part[(colon + 1)...])
            guard let index = CVSSMetrics.key(name).flatMap({ table.nameKeys.firstIndex(of: UInt64($0)) }) else {
                let text = String(decoding: name, as: UTF8.self)
                return .failure(CVSSError("`\(text)` is not a CVSS \(version.rawValue) metric.", metric: text))
            }
            let definition = table.definitions[index]
            guard codes[index] == 0 else {
                return .failure(CVSSError("`\(definition.name)` appears more than once.", metric: definition.name))
            }
            guard let valueKey = CVSSMetrics.key(value), let valueIndex = definition.valueKeys.firstIndex(of: valueKey)
            else {
                return .failure(
                    CVSSError(
                        "`\(definition.name)` cannot be `\(String(decoding: value, as: UTF8.self))`; it is one of "
                            + "\(definition.values.joined(separator: ", ")).", metric: definition.name))
            }
            codes[index] = definition.codes[valueIndex]
            start = end + 1
        }
        if let missing = table.definitions.indices.first(where: { table.definitions[$0].isBase && codes[$0] == 0 }) {
            let name = table.definitions[missing].name
            return .failure(CVSSError("The base metric `\(name)` is missing.", metric: name))
        }
        return .success((version, codes))
    }

    /// The version its prefix names (`CVSS:3.0/`, `CVSS:3.1/` or `CVSS:4.0/`; none for CVSS 2, which begins with
    /// its first metric, `AV:`), and where the metrics begin.
    private static func version(_ bytes: UnsafeBufferPointer<UInt8>) -> (Version, Int)? {
        if bytes.count >= 3, bytes[0] == UInt8(ascii: "A"), bytes[1] == UInt8(ascii: "V"), bytes[2] == UInt8(ascii: ":")
        {
            return (.v2_0, 0)
        }
        guard bytes.count >= 9, bytes[0] == UInt8(ascii: "C"), bytes[1] == UInt8(ascii: "V"),
            bytes[2] == UInt8(ascii: "S"), bytes[3] == UInt8(ascii: "S"), bytes[4] == UInt8(ascii: ":"),
            bytes[6] == UInt8(ascii: "."), bytes[8] == UInt8(ascii: "/")
        else { return nil }
        switch (bytes[5], bytes[7]) {
        case (UInt8(ascii: "3"), UInt8(ascii: "0")): return (.v3_0, 9)
        case (UInt8(ascii: "3"), UInt8(ascii: "1")): return (.v3_1, 9)
        case (UInt8(ascii: "4"), UInt8(ascii: "0")): return (.v4_0, 9)
        default: return nil
        }
    }
}

/// The metrics of each CVSS version and their values, in the specification's order.
enum CVSSMetrics {
    struct Definition: Sendable {
        let name: String
        let values: [String]
        let isBase: Bool
        /// The values' bytes packed into integers (see ``CVSSMetrics/key(_:)``), so that a value is found by
        /// comparing integers.
        let valueKeys: [UInt64]
        /// The byte a vector keeps for each value: its first byte where the values differ in it (every metric of
        /// CVSS 3.x and 4.0, which scoring reads by letter), else its position from 1 (CVSS 2's `UC` and `UR`,
        /// `L` and `LM`, `N` and `ND`).
        let codes: [UInt8]

        init(_ name: String, _ values: [String], base isBase: Bool) {
            self.name = name
            self.values = values
            self.isBase = isBase
            valueKeys = values.map { value in Array(value.utf8).withUnsafeBufferPointer { CVSSMetrics.key($0)! } }
            let firstBytes = values.map { $0.utf8.first ?? 0 }
            codes = Set(firstBytes).count == values.count ? firstBytes : values.indices.map { UInt8($0 + 1) }
        }
    }

    struct Table: Sendable {
        let definitions: [Definition]
        let index: [String: Int]
        /// The metrics' names packed into integers, in order.
        let nameKeys: [UInt64]

        init(_ definitions: [Definition]) {
            self.definitions = definitions
            index = Dictionary(uniqueKeysWithValues: definitions.enumerated().map { ($1.name, $0) })
            nameKeys = definitions.map { Array($0.name.utf8).withUnsafeBufferPointer { CVSSMetrics.key($0)! } }
        }
    }

    /// Up to eight bytes packed into an integer, the first in the lowest byte; `nil` for longer texts.
    static func key(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard bytes.count <= 8 else { return nil }
        var key: UInt64 = 0
        for (index, byte) in bytes.enumerated() {
            key |= UInt64(byte) << (8 * UInt64(index))
        }
        return key
    }

    /// CVSS 2's metrics (the v2 guide, section 2), `ND` being "not defined".
    static let v2 = Table([
        .init("AV", ["L", "A", "N"], base: true), .init("AC", ["H", "M", "L"], base: true),
        .init("Au", ["M", "S", "N"], base: true), .init("C", ["N", "P", "C"], base: true),
        .init("I", ["N", "P", "C"], base: true), .init("A", ["N", "P", "C"], base: true),
        .init("E", ["U", "POC", "F", "H", "ND"], base: false), .init("RL", ["OF", "TF", "W", "U", "ND"], base: false),
        .init("RC", ["UC", "UR", "C", "ND"], base: false),
        .init("CDP", ["N", "L", "LM", "MH", "H", "ND"], base: false),
        .init("TD", ["N", "L", "M", "H", "ND"], base: false),
        .init("CR", ["L", "M", "H", "ND"], base: false), .init("IR", ["L", "M", "H", "ND"], base: false),
        .init("AR", ["L", "M", "H", "ND"], base: false),
    ])

    static let v3 = Table([
        .init("AV", ["N", "A", "L", "P"], base: true), .init("AC", ["L", "H"], base: true),
        .init("PR", ["N", "L", "H"], base: true), .init("UI", ["N", "R"], base: true),
        .init("S", ["U", "C"], base: true), .init("C", ["H", "L", "N"], base: true),
        .init("I", ["H", "L", "N"], base: true), .init("A", ["H", "L", "N"], base: true),
        .init("E", ["X", "H", "F", "P", "U"], base: false), .init("RL", ["X", "U", "W", "T", "O"], base: false),
        .init("RC", ["X", "C", "R", "U"], base: false),
        .init("CR", ["X", "H", "M", "L"], base: false), .init("IR", ["X", "H", "M", "L"], base: false),
        .init("AR", ["X", "H", "M", "L"], base: false),
        .init("MAV", ["X", "N", "A", "L", "P"], base: false), .init("MAC", ["X", "L", "H"], base: false),
        .init("MPR", ["X", "N", "L", "H"], base: false), .init("MUI", ["X", "N", "R"], base: false),
        .init("MS", ["X", "U", "C"], base: false), .init("MC", ["X", "H", "L", "N"], base: false),
        .init("MI", ["X", "H", "L", "N"], base: false), .init("MA", ["X", "H", "L", "N"], base: false),
    ])

    /// CVSS 4.0's metrics. Base metric `i` (0 to 10) has its modified metric at `i + 15`.
    static let v4 = Table([
        .init("AV", ["N", "A", "L", "P"], base: true), .init("AC", ["L", "H"], base: true),
        .init("AT", ["N", "P"], base: true), .init("PR", ["N", "L", "H"], base: true),
        .init("UI", ["N", "P", "A"], base: true),
        .init("VC", ["H", "L", "N"], base: true), .init("VI", ["H", "L", "N"], base: true),
        .init("VA", ["H", "L", "N"], base: true),
        .init("SC", ["H", "L", "N"], base: true), .init("SI", ["H", "L", "N"], base: true),
        .init("SA", ["H", "L", "N"], base: true),
        .init("E", ["X", "A", "P", "U"], base: false),
        .init("CR", ["X", "H", "M", "L"], base: false), .init("IR", ["X", "H", "M", "L"], base: false),
        .init("AR", ["X", "H", "M", "L"], base: false),
        .init("MAV", ["X", "N", "A", "L", "P"], base: false), .init("MAC", ["X", "L", "H"], base: false),
        .init("MAT", ["X", "N", "P"], base: false), .init("MPR", ["X", "N", "L", "H"], base: false),
        .init("MUI", ["X", "N", "P", "A"], base: false),
        .init("MVC", ["X", "H", "L", "N"], base: false), .init("MVI", ["X", "H", "L", "N"], base: false),
        .init("MVA", ["X", "H", "L", "N"], base: false),
        .init("MSC", ["X", "H", "L", "N"], base: false), .init("MSI", ["X", "S", "H", "L", "N"], base: false),
        .init("MSA", ["X", "S", "H", "L", "N"], base: false),
        .init("S", ["X", "N", "P"], base: false), .init("AU", ["X", "N", "Y"], base: false),
        .init("R", ["X", "A", "U", "I"], base: false), .init("V", ["X", "D", "C"], base: false),
        .init("RE", ["X", "L", "M", "H"], base: false),
        .init("U", ["X", "Clear", "Green", "Amber", "Red"], base: false),
    ])
}
