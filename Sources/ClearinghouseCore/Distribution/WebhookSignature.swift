import Crypto
public import Foundation

/// The signature on a webhook delivery, so that its receiver knows the clearinghouse sent it and that nobody
/// replays an old one: `t=<Unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" under the subscription's secret>`,
/// in the `Clearinghouse-Signature` header.
public enum WebhookSignature {
    public static let header = "Clearinghouse-Signature"

    /// The header's value for a body sent at `time`.
    public static func value(body: some DataProtocol, secret: some DataProtocol, at time: Date) -> String {
        let seconds = Int64(time.timeIntervalSince1970.rounded(.down))
        return "t=\(seconds),v1=\(mac(body: body, secret: secret, seconds: seconds))"
    }

    /// Whether a header's value signs `body` under `secret`, at most `tolerance` seconds from `now`, as a receiver
    /// checks it. Comparison takes the same time whatever the signature.
    public static func verify(
        _ value: String, body: some DataProtocol, secret: some DataProtocol, now: Date, tolerance: TimeInterval = 300
    ) -> Bool {
        var seconds: Int64?
        var signatures: [String] = []
        for part in value.split(separator: ",").prefix(8) {
            let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { return false }
            switch pair[0] {
            case "t": seconds = Int64(pair[1])
            case "v1": signatures.append(pair[1])
            default: continue
            }
        }
        guard let seconds, abs(now.timeIntervalSince1970 - Double(seconds)) <= tolerance else { return false }
        let expected = Array(mac(body: body, secret: secret, seconds: seconds).utf8)
        return signatures.contains { candidate in
            let given = Array(candidate.utf8)
            guard given.count == expected.count else { return false }
            return zip(given, expected).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
        }
    }

    private static func mac(body: some DataProtocol, secret: some DataProtocol, seconds: Int64) -> String {
        var hmac = HMAC<SHA256>(key: SymmetricKey(data: Array(secret)))
        hmac.update(data: Array("\(seconds).".utf8))
        hmac.update(data: Array(body))
        return hmac.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
