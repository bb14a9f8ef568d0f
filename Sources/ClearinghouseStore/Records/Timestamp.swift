import ClearinghouseCore
import Foundation

/// Times are stored as BIGINT microseconds since the Unix epoch, the same on every engine.
enum Timestamp {
    static func microseconds(_ date: Date) -> Int64 {
        date.unixMicroseconds
    }

    static func date(_ microseconds: Int64) -> Date {
        Date(unixMicroseconds: microseconds)
    }
}
