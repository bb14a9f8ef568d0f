public import Foundation

extension Date {
    /// Microseconds since the Unix epoch, rounded: the precision every time is stored with, on every engine.
    public var unixMicroseconds: Int64 {
        Int64((timeIntervalSince1970 * 1_000_000).rounded())
    }

    /// The time a count of microseconds since the Unix epoch names.
    public init(unixMicroseconds: Int64) {
        self.init(timeIntervalSince1970: Double(unixMicroseconds) / 1_000_000)
    }
}
