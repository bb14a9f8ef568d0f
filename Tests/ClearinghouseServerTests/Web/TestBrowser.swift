import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

/// A browser as the web interface sees one, over the test client: it keeps the cookies it is given, posts forms
/// with the tokens their pages carry, and holds every page it receives to the interface's rules (the security
/// headers on every HTML answer).
final class TestBrowser: Sendable {
    let api: TestAPI
    private let jar = Mutex<[String: String]>([:])

    init(_ api: TestAPI) {
        self.api = api
    }

    struct Page {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let html: String

        var location: String? { headers[.location] }

        /// The value of a form's hidden or prefilled field, by name.
        func field(_ name: String) -> String? {
            guard let range = html.range(of: #"name="\#(name)" value=""#) else { return nil }
            let rest = html[range.upperBound...]
            return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
        }

        /// The form token of the page's (first) form.
        var formToken: String? { field("form_token") }

        /// Where the page's forms post, in page order.
        var actions: [String] {
            html.components(separatedBy: #"action=""#).dropFirst().map { String($0.prefix { $0 != "\"" }) }
        }
    }

    var cookies: [String: String] { jar.withLock { $0 } }

    func setCookie(_ name: String, _ value: String) {
        jar.withLock { $0[name] = value }
    }

    @discardableResult
    func get(_ path: String) async throws -> Page {
        try await send(.get, path, body: nil)
    }

    /// Posts a form, its fields URL-encoded in the order given.
    @discardableResult
    func post(_ path: String, _ fields: KeyValuePairs<String, String>) async throws -> Page {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let body = fields.map { name, value in
            name + "=" + (value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
        }.joined(separator: "&")
        return try await send(.post, path, body: body)
    }

    /// Posts a form with a file, as `multipart/form-data`.
    @discardableResult
    func postFile(
        _ path: String, _ fields: KeyValuePairs<String, String>, file: (field: String, name: String, content: String)
    ) async throws -> Page {
        let boundary = "----TestBrowserBoundary7MA4YWxkTrZu0gW"
        var body = ""
        for (name, value) in fields {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.name)\"\r\n"
        body += "Content-Type: application/json\r\n\r\n\(file.content)\r\n--\(boundary)--\r\n"
        return try await send(.post, path, body: body, contentType: "multipart/form-data; boundary=\(boundary)")
    }

    private func send(
        _ method: HTTPRequest.Method, _ path: String, body: String?,
        contentType: String = "application/x-www-form-urlencoded"
    ) async throws -> Page {
        var headers: HTTPFields = [:]
        let cookieHeader = cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ")
        if !cookieHeader.isEmpty { headers[.cookie] = cookieHeader }
        if body != nil { headers[.contentType] = contentType }
        let response = try await api.client.execute(
            uri: path, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        for header in response.headers[values: .setCookie] {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            let name = String(pair[0])
            let value = pair.count > 1 ? String(pair[1]) : ""
            let cleared = header.contains("Max-Age=0")
            jar.withLock { $0[name] = cleared ? nil : value }
            #expect(header.contains("HttpOnly") && header.contains("SameSite=Strict"), "\(header)")
        }
        let page = Page(status: response.status, headers: response.headers, html: String(buffer: response.body))
        if response.headers[.contentType]?.hasPrefix("text/html") == true || response.status == .seeOther {
            #expect(page.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true, "\(method) \(path)")
            #expect(page.headers[HTTPField.Name("X-Frame-Options")!] == "DENY", "\(method) \(path)")
            #expect(page.headers[.cacheControl] == "no-store", "\(method) \(path)")
        }
        return page
    }
}
