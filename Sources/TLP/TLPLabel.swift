import Foundation

/// A Traffic Light Protocol 2.0 label, as FIRST defines it.
///
/// Labels are ordered from the least to the most restrictive, so `a < b` reads "a shares more widely than b".
/// The raw value is the label's name without the `TLP:` prefix, exactly as TLP 2.0 spells it.
public enum TLPLabel: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    /// Disclosure is not limited.
    case clear = "CLEAR"
    /// Limited disclosure: recipients may share within their community.
    case green = "GREEN"
    /// Limited disclosure: recipients may share on a need-to-know basis within their organization and its clients.
    case amber = "AMBER"
    /// Limited disclosure: recipients may share on a need-to-know basis within their organization only.
    case amberStrict = "AMBER+STRICT"
    /// For the eyes and ears of individual recipients only, no further disclosure.
    case red = "RED"

    /// The label as TLP 2.0 writes it in documents and e-mail subjects, for example `TLP:AMBER+STRICT`.
    public var marking: String { "TLP:" + rawValue }

    /// Reads a label as people and documents write it.
    ///
    /// Accepts the name with or without the `TLP:` prefix, in any letter case, and the TLP 1.0 name `WHITE`, which
    /// TLP 2.0 renamed `CLEAR` (CSAF 2.0 and older STIX documents still carry it).
    ///
    /// - Parameter text: The label text, for example `amber+strict` or `TLP:RED`.
    /// - Returns: The label, or `nil` when the text names none.
    public init?(parsing text: some StringProtocol) {
        var name = text.trimmingCharacters(in: .whitespaces).uppercased()
        if name.hasPrefix("TLP:") {
            name.removeFirst(4)
        }
        if name == "WHITE" {
            self = .clear
            return
        }
        self.init(rawValue: name)
    }

    /// The rank of the label: 0 for CLEAR up to 4 for RED.
    public var restrictiveness: Int {
        switch self {
        case .clear: 0
        case .green: 1
        case .amber: 2
        case .amberStrict: 3
        case .red: 4
        }
    }

    public static func < (lhs: TLPLabel, rhs: TLPLabel) -> Bool {
        lhs.restrictiveness < rhs.restrictiveness
    }
}
