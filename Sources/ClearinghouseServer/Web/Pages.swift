import Foundation
import HTTPTypes
import Hummingbird
import Mustache

/// The web interface's templates, parsed once, and the responses that carry them: HTML with a strict
/// Content-Security-Policy (no script at all, styles from this server only), no framing, no referrer, no caching.
struct Pages: Sendable {
    private let library: MustacheLibrary

    /// Every template, by name, as embedded in the binary.
    static let templates: [(name: String, text: [UInt8])] = [
        ("layout", PackageResources.layout_mustache),
        ("sign_in", PackageResources.sign_in_mustache),
        ("join", PackageResources.join_mustache),
        ("second_factor", PackageResources.second_factor_mustache),
        ("home", PackageResources.home_mustache),
        ("message", PackageResources.message_mustache),
        ("exposure", PackageResources.exposure_mustache), ("alerts", PackageResources.alerts_mustache),
        ("coordination", PackageResources.coordination_mustache),
        ("preview", PackageResources.preview_mustache),
        ("findings", PackageResources.findings_mustache),
        ("advisories", PackageResources.advisories_mustache),
        ("advisory", PackageResources.advisory_mustache),
        ("transparency", PackageResources.transparency_mustache),
        ("cases", PackageResources.cases_mustache),
        ("case", PackageResources.case_mustache),
        ("validation", PackageResources.validation_mustache),
        ("organizations", PackageResources.organizations_mustache),
        ("organization", PackageResources.organization_mustache),
        ("audit", PackageResources.audit_mustache),
        ("imports", PackageResources.imports_mustache), ("import", PackageResources.import_mustache),
        ("scans", PackageResources.scans_mustache), ("scan_coverage", PackageResources.scan_coverage_mustache),
        ("scan_assets", PackageResources.scan_assets_mustache),
    ]

    init() {
        MustacheContentTypes.register(PageEscaping.ContentType(), named: PageEscaping.contentTypeName)
        var library = MustacheLibrary()
        for template in Self.templates {
            // The templates are part of the build; a parse error is a programming error that every test shows.
            try! library.register(String(decoding: template.text, as: UTF8.self), named: template.name)
        }
        self.library = library
    }

    /// A page rendered from a template and its values.
    func render(_ template: String, _ values: [String: Any], status: HTTPResponse.Status = .ok) -> Response {
        var headers = Self.securityHeaders
        headers[.contentType] = "text/html; charset=utf-8"
        // A template missing from ``templates`` is a programming error: said, not served as an empty page.
        guard let html = library.render(values, withTemplate: template) else {
            return Response(
                status: .internalServerError, headers: headers,
                body: .init(
                    byteBuffer: ByteBuffer(string: "<!doctype html><title>Error</title><p>This page is missing.")))
        }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// A short page that says one thing (a link that does not work, a wait), with a way on.
    func message(
        title: String, _ message: String, link: (href: String, label: String)? = nil,
        status: HTTPResponse.Status = .ok, chrome: [String: Any] = [:]
    ) -> Response {
        var values = chrome
        values["title"] = title
        values["message"] = message
        if let link { values["link"] = ["href": link.href, "label": link.label] }
        return render("message", values, status: status)
    }

    /// A 303 to a page of this server, after a form's post.
    static func redirect(to path: String) -> Response {
        var headers = securityHeaders
        headers[.location] = path
        return Response(status: .seeOther, headers: headers)
    }

    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    static let securityHeaders: HTTPFields = [
        .contentSecurityPolicy: contentSecurityPolicy,
        HTTPField.Name("X-Frame-Options")!: "DENY",
        HTTPField.Name("X-Content-Type-Options")!: "nosniff",
        HTTPField.Name("Referrer-Policy")!: "no-referrer",
        HTTPField.Name("Cross-Origin-Opener-Policy")!: "same-origin",
        HTTPField.Name("Permissions-Policy")!: "camera=(), microphone=(), geolocation=()",
        .cacheControl: "no-store",
    ]

    /// The stylesheet, cached for an hour.
    static func stylesheet() -> Response {
        Response(
            status: .ok,
            headers: [
                .contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600",
                HTTPField.Name("X-Content-Type-Options")!: "nosniff",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: PackageResources.style_css)))
    }
}

extension [String: Any] {
    /// Sets a page value only when there is text: a mustache section over an empty string still renders.
    mutating func set(_ key: String, nonEmpty text: String?) {
        if let text, !text.isEmpty { self[key] = text }
    }
}
