import Foundation
import Hummingbird

extension Request {
    /// The scheme and host the client used, for the absolute URLs some documents must give (TAXII discovery, a
    /// CSAF document's namespace and `self` reference). A host that is not a plain name, address or port is
    /// replaced by the loopback address the server listens on by default.
    var publicBase: String {
        let host = head.authority ?? ""
        let allowed =
            host.utf8.count <= 255 && !host.isEmpty
            && host.unicodeScalars.allSatisfy {
                $0.isASCII && (CharacterSet.alphanumerics.contains($0) || ".-:[]".unicodeScalars.contains($0))
            }
        return "http://" + (allowed ? host : "127.0.0.1:8080")
    }
}
