public import Foundation

/// One input of libFuzzer, in the shapes the targets read it.
public struct FuzzInput {
    public let bytes: UnsafeBufferPointer<UInt8>

    public init(_ start: UnsafePointer<UInt8>?, _ count: Int) {
        bytes = UnsafeBufferPointer(start: start, count: start == nil ? 0 : count)
    }

    /// The bytes as a copy, for readers of `Data`.
    public var data: Data { Data(bytes) }

    /// The bytes as text; invalid UTF-8 becomes U+FFFD, as a server reading a request would.
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}
