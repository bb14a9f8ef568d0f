public import Foundation

extension String {
    /// Lends the text's UTF-8 bytes to `body` as `Data` without copying them, so that a large document held as text
    /// (as it is stored) is decoded without a second copy in memory. The `Data` is valid only inside `body` and must
    /// not escape it; a decoder that copies what it keeps, as `JSONDecoder` does, may read it.
    public func withUTF8Data<Result, Failure: Error>(
        _ body: (Data) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        var text = self
        let outcome: Swift.Result<Result, Failure> = text.withUTF8 { bytes in
            guard let base = bytes.baseAddress, !bytes.isEmpty else {
                return Swift.Result { () throws(Failure) in try body(Data()) }
            }
            let data = Data(
                bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: bytes.count, deallocator: .none)
            return Swift.Result { () throws(Failure) in try body(data) }
        }
        return try outcome.get()
    }
}
