extension ScanScope {
    /// Reads a scope from its one-line canonical form, as ``description`` writes it and as a query parameter
    /// gives it: `pkg:npm/left-pad vers:npm/>=1.0.0|<2.0.0`, `https://git.example/acme/app@main`,
    /// `198.51.100.0/24`, `*.hospital.example`. Each part is read as strictly as in a request.
    ///
    /// - Throws: `invalid_field` naming `field`.
    public init(line text: String, field: String) throws(ClearinghouseError) {
        guard !text.isEmpty, text.utf8.count <= 8_192 else {
            throw .invalidField(field, "`\(field)` is a scope in one line, such as `pkg:npm/left-pad` or `198.51.100.0/24`.")
        }
        let request: Request
        if text.hasPrefix("pkg:") {
            let parts = text.split(separator: " ", maxSplits: 1)
            let range = parts.count == 2 ? String(parts[1]).trimmingCharacters(in: .whitespaces) : nil
            request = Request(kind: "pkg", purl: String(parts[0]), range: range == "*" || range == "" ? nil : range)
        } else if let (url, ref) = Self.repositoryAndRef(text) {
            request = Request(kind: "repo", url: url, ref: ref)
        } else if text.contains("/") || text.contains(":") {
            request = Request(kind: "net", cidr: text)
        } else {
            request = Request(kind: "net", host: text)
        }
        do {
            self = try ScanScope(request)
        } catch {
            throw ClearinghouseError(error.code, error.message, field: field)
        }
    }

    /// A repository URL and the ref after its last `@` past the host, when `text` is a repository.
    private static func repositoryAndRef(_ text: String) -> (String, String?)? {
        let schemes = ["https://", "http://", "git://", "ssh://"]
        let pathStart: String.Index
        if let scheme = schemes.first(where: { text.lowercased().hasPrefix($0) }) {
            let afterScheme = text.index(text.startIndex, offsetBy: scheme.count)
            guard let slash = text[afterScheme...].firstIndex(of: "/") else { return (text, nil) }
            pathStart = slash
        } else if text.hasPrefix("git@"), let colon = text.firstIndex(of: ":") {
            pathStart = colon
        } else {
            return nil
        }
        guard let at = text[pathStart...].lastIndex(of: "@") else { return (text, nil) }
        return (String(text[..<at]), String(text[text.index(after: at)...]))
    }
}
