import Foundation

extension FindingDraft {
    /// The fingerprints under which this finding meets its duplicates, most specific first.
    ///
    /// A tool's own fingerprints only meet those of the same tool, in the same project.
    public var fingerprints: [Fingerprint] {
        let project = target?.project ?? ""
        var keys: [Fingerprint] = []
        let tool = (provenance.tool ?? "").lowercased()
        for (name, value) in toolFingerprints.sorted(by: { $0.key < $1.key }) {
            keys.append(Fingerprint(.tool, parts: [project, tool, "full", name, value]))
        }
        for (name, value) in partialFingerprints.sorted(by: { $0.key < $1.key }) {
            keys.append(Fingerprint(.tool, parts: [project, tool, "partial", name, value]))
        }
        if let location = locations.first(where: { !$0.isEmpty }) {
            let path = location.path.map(Self.normalizedPath) ?? ""
            let function = location.function.map(CrashState.normalized) ?? ""
            // Without a function, the line tells two weaknesses of one kind in one file apart.
            let line = function.isEmpty ? location.startLine.map(String.init) ?? "" : ""
            let weakness = weaknesses.min() ?? ruleID ?? ""
            keys.append(Fingerprint(.location, parts: [project, path, function, line, weakness]))
        }
        if let state = stacks.lazy.map({ CrashState.frames($0.compactMap(\.function)) }).first(where: { !$0.isEmpty }) {
            keys.append(Fingerprint(.crash, parts: [project] + state))
        }
        for alias in Set(aliases.map { $0.uppercased() }).sorted() {
            keys.append(Fingerprint(.alias, parts: [alias]))
        }
        if keys.isEmpty {
            let words = title.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
            keys.append(Fingerprint(.summary, parts: [project, weaknesses.min() ?? ruleID ?? "", words]))
        }
        return keys
    }

    /// A path as tools write it in different ways, made one: no `file://` scheme, percent-decoded, forward
    /// slashes, no leading `./` or `/`.
    static func normalizedPath(_ path: String) -> String {
        // Most paths are relative already and need none of the work below.
        if let first = path.utf8.first, first != UInt8(ascii: "/"), first != UInt8(ascii: "."),
            !path.utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: ":") })
        {
            return path
        }
        var text = path
        if text.lowercased().hasPrefix("file://") {
            text = String(text.dropFirst(7))
        }
        text = text.removingPercentEncoding ?? text
        text = text.replacingOccurrences(of: "\\", with: "/")
        while text.hasPrefix("./") || text.hasPrefix("/") {
            text.removeFirst(text.hasPrefix("/") ? 1 : 2)
        }
        return text
    }
}
