import ClearinghouseCore
import Crypto
import Foundation
import Testing

/// Webhook signatures: the MAC is RFC 4231's HMAC-SHA256 over the time and the body; a receiver accepts what was
/// signed and refuses a changed body, another secret, a stale time and malformed headers.
@Suite struct WebhookSignatureTests {
    /// The MAC is HMAC-SHA256 as RFC 4231 defines it (its test case 2: the key "Jefe"), over the time, a dot and the
    /// body, exactly as a receiver recomputes it.
    @Test func theHeaderIsTheHMACOfTheTimeAndTheBody() {
        let key = SymmetricKey(data: Array("Jefe".utf8))
        let vector = HMAC<SHA256>.authenticationCode(for: Array("what do ya want for nothing?".utf8), using: key)
        #expect(
            vector.map { String(format: "%02x", $0) }.joined()
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        let body = Array("{\"event\":\"advisory.published\"}".utf8)
        let header = WebhookSignature.value(
            body: body, secret: Array("Jefe".utf8), at: Date(timeIntervalSince1970: 1_800_000_000.9))
        let direct = HMAC<SHA256>.authenticationCode(for: Array("1800000000.".utf8) + body, using: key)
        #expect(header == "t=1800000000,v1=" + direct.map { String(format: "%02x", $0) }.joined())
    }

    @Test func receiversAcceptWhatWasSignedAndNothingElse() {
        let secret = Array("whsec-0123456789abcdef".utf8)
        let body = Array("{\"advisory\":\"CHX-2027-0001\"}".utf8)
        let sent = Date(timeIntervalSince1970: 1_800_000_000)
        let value = WebhookSignature.value(body: body, secret: secret, at: sent)
        #expect(WebhookSignature.verify(value, body: body, secret: secret, now: sent.addingTimeInterval(30)))
        #expect(!WebhookSignature.verify(value, body: body + [0x20], secret: secret, now: sent))
        #expect(!WebhookSignature.verify(value, body: body, secret: Array("other".utf8), now: sent))
        #expect(!WebhookSignature.verify(value, body: body, secret: secret, now: sent.addingTimeInterval(301)))
        for malformed in [
            "", "t=1800000000", "v1=00", "t=x,v1=00", "garbage", value.replacingOccurrences(of: "v1=", with: "v1=0"),
        ] {
            #expect(!WebhookSignature.verify(malformed, body: body, secret: secret, now: sent), "\(malformed)")
        }
    }
}
