import Foundation

extension Data {
    /// Base64url without padding (RFC 4648, section 5): safe in URLs, cookies and form fields as it is.
    var base64URLEncodedString: String {
        base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
