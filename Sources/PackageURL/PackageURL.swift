/// A Package URL (purl): `pkg:type/namespace/name@version?qualifiers#subpath`, as the purl specification and
/// its type definitions define it. Values are kept normalized, so equal packages compare equal and `description`
/// is the canonical form.
public struct PackageURL: Sendable, Hashable, CustomStringConvertible {
    public let type: String
    public let namespace: String?
    public let name: String
    public let version: String?
    /// Keys are lower-case; empty values are dropped.
    public let qualifiers: [String: String]
    public let subpath: String?

    /// Builds a Package URL from its components, normalizing them as its type requires.
    ///
    /// - Throws: `PackageURLError` naming the component at fault.
    public init(
        type: String, namespace: String? = nil, name: String, version: String? = nil,
        qualifiers: [String: String] = [:], subpath: String? = nil
    ) throws(PackageURLError) {
        let type = type.lowercased()
        guard let first = type.unicodeScalars.first, !("0"..."9").contains(first),
            type.unicodeScalars.allSatisfy({
                $0.isASCII
                    && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || ".+-".unicodeScalars.contains($0))
            })
        else {
            throw PackageURLError(
                "The type `\(type)` must be ASCII letters, digits, `.`, `+` or `-`, not starting with a digit.")
        }
        let rules = PackageType.rules(for: type)
        var namespace = namespace.map { Self.segments($0).joined(separator: "/") }.flatMap { $0.isEmpty ? nil : $0 }
        switch rules.namespace {
        case .required where namespace == nil:
            throw PackageURLError("A `\(type)` Package URL needs a namespace.")
        case .prohibited where namespace != nil:
            throw PackageURLError("A `\(type)` Package URL has no namespace.")
        default:
            break
        }
        var name = name.trimmingSlashes()
        if let count = rules.namespaceSegments {
            let path = (namespace.map(Self.segments) ?? []) + Self.segments(name)
            namespace = path.prefix(count).joined(separator: "/")
            name = path.dropFirst(count).joined(separator: "/")
        }
        guard !name.isEmpty else { throw PackageURLError("A Package URL needs a name.") }
        if !rules.namespaceCaseSensitive {
            namespace = namespace?.lowercased()
        }
        if !rules.nameCaseSensitive {
            name = name.lowercased()
        }
        var version = version.flatMap { $0.isEmpty ? nil : $0 }
        if !rules.versionCaseSensitive {
            version = version?.lowercased()
        }
        var normalized: [String: String] = [:]
        for (key, value) in qualifiers {
            let key = key.lowercased()
            guard Self.isValidQualifierKey(key) else {
                throw PackageURLError(
                    "The qualifier key `\(key)` must be ASCII letters, digits, `.`, `-` or `_`, not starting with a digit."
                )
            }
            guard normalized[key] == nil else {
                throw PackageURLError("The qualifier `\(key)` appears more than once.")
            }
            if !value.isEmpty {
                normalized[key] = value
            }
        }
        for key in rules.requiredQualifiers where normalized[key] == nil {
            throw PackageURLError("A `\(type)` Package URL needs the `\(key)` qualifier.")
        }
        if let normalize = rules.normalizeName {
            name = normalize(name, namespace, normalized)
        }
        if let problem = rules.check?(name, version) {
            throw PackageURLError(problem)
        }
        let subpath = subpath.map { Self.segments($0).filter { $0 != "." && $0 != ".." }.joined(separator: "/") }
        self.type = type
        self.namespace = namespace
        self.name = name
        self.version = version
        self.qualifiers = normalized
        self.subpath = subpath.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The longest purl read, in bytes: far above any real one (a Maven purl with qualifiers stays under 300).
    public static let maximumLength = 4_096

    /// Parses a Package URL string as the specification's parsing steps say, normalizing what it may.
    ///
    /// - Parameter strict: refuse qualifier keys that are not lower-case instead of folding them, as the
    ///   specification's required tests do; for checking that producers emit canonical purls.
    /// - Throws: `PackageURLError` naming the part at fault.
    public init(parsing text: String, strict: Bool = false) throws(PackageURLError) {
        guard text.utf8.count <= Self.maximumLength else {
            throw PackageURLError("A purl has at most \(Self.maximumLength) bytes; this one has \(text.utf8.count).")
        }
        // Every separator is ASCII, so the text is cut on its UTF-8 bytes: no grapheme breaking on this path.
        var rest = Substring(text)
        var subpath: String?
        if let hash = rest.utf8.lastIndex(of: UInt8(ascii: "#")) {
            subpath = try Self.segments(rest[rest.utf8.index(after: hash)...]).map {
                (segment) throws(PackageURLError) in
                try PercentEncoding.decode(segment, part: "subpath")
            }.joined(separator: "/")
            rest = rest[..<hash]
        }
        var qualifiers: [String: String] = [:]
        if let question = rest.utf8.lastIndex(of: UInt8(ascii: "?")) {
            for bytes in rest.utf8[rest.utf8.index(after: question)...].split(separator: UInt8(ascii: "&")) {
                let pair = Substring(bytes)
                guard let equals = pair.utf8.firstIndex(of: UInt8(ascii: "=")) else {
                    throw PackageURLError("The qualifier `\(pair)` has no `=`.")
                }
                let key = pair[..<equals].lowercased()
                if strict, key != pair[..<equals] {
                    throw PackageURLError("The qualifier key `\(pair[..<equals])` must be lower-case.")
                }
                guard qualifiers[key] == nil else {
                    throw PackageURLError("The qualifier `\(key)` appears more than once.")
                }
                qualifiers[key] = try PercentEncoding.decode(
                    pair[pair.utf8.index(after: equals)...], part: "qualifier `\(key)`")
            }
            rest = rest[..<question]
        }
        guard let colon = rest.utf8.firstIndex(of: UInt8(ascii: ":")), rest[..<colon].lowercased() == "pkg" else {
            throw PackageURLError("A Package URL starts with `pkg:`.")
        }
        rest = rest[rest.utf8.index(after: colon)...]
        let slashByte = UInt8(ascii: "/")
        while rest.utf8.first == slashByte {
            rest = rest[rest.utf8.index(after: rest.startIndex)...]
        }
        guard let slash = rest.utf8.firstIndex(of: slashByte) else {
            throw PackageURLError("A Package URL has a type and a name: `pkg:type/name`.")
        }
        let type = String(rest[..<slash])
        rest = rest[rest.utf8.index(after: slash)...]
        while rest.utf8.last == slashByte {
            rest = rest[..<rest.utf8.index(before: rest.endIndex)]
        }
        var version: String?
        // The version follows the last `@` of the last segment: an npm scope such as `@babel` is no version.
        if let at = rest.utf8.lastIndex(of: UInt8(ascii: "@")), !rest.utf8[at...].contains(slashByte) {
            version = try PercentEncoding.decode(rest[rest.utf8.index(after: at)...], part: "version")
            rest = rest[..<at]
        }
        var namespace: String?
        var nameText = rest
        if let slash = rest.utf8.lastIndex(of: slashByte) {
            nameText = rest[rest.utf8.index(after: slash)...]
            namespace = try Self.segments(rest[..<slash]).map { (segment) throws(PackageURLError) in
                try PercentEncoding.decode(segment, part: "namespace")
            }.joined(separator: "/")
        }
        let name = try PercentEncoding.decode(nameText, part: "name")
        try self.init(
            type: type, namespace: namespace, name: name, version: version, qualifiers: qualifiers, subpath: subpath)
        // Percent-encoding at most triples a text, so only a long purl can have a canonical form over the bound; one
        // that does is refused, so that every purl read here can be written and read back.
        if text.utf8.count > Self.maximumLength / 3, description.utf8.count > Self.maximumLength {
            throw PackageURLError(
                "A purl has at most \(Self.maximumLength) bytes written canonically; this one has \(description.utf8.count).")
        }
    }

    /// The canonical form.
    public var description: String {
        var text = "pkg:\(type)/"
        if let namespace {
            text +=
                namespace.split(separator: "/").map { PercentEncoding.encode(String($0)) }.joined(separator: "/") + "/"
        }
        text +=
            PackageType.rules(for: type).namespaceSegments == nil
            ? PercentEncoding.encode(name)
            : name.split(separator: "/").map { PercentEncoding.encode(String($0)) }.joined(separator: "/")
        if let version {
            text += "@" + PercentEncoding.encode(version)
        }
        if !qualifiers.isEmpty {
            text +=
                "?"
                + qualifiers.keys.sorted().map { "\($0)=\(PercentEncoding.encode(qualifiers[$0]!))" }
                .joined(separator: "&")
        }
        if let subpath {
            text +=
                "#" + subpath.split(separator: "/").map { PercentEncoding.encode(String($0)) }.joined(separator: "/")
        }
        return text
    }

    private static func segments(_ text: some StringProtocol) -> [String] {
        text.utf8.split(separator: UInt8(ascii: "/")).map { String(decoding: $0, as: UTF8.self) }
    }

    private static func isValidQualifierKey(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return key.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0))
        }
    }
}

extension String {
    fileprivate func trimmingSlashes() -> String {
        var text = Substring(self)
        while text.first == "/" { text = text.dropFirst() }
        while text.last == "/" { text = text.dropLast() }
        return String(text)
    }
}
