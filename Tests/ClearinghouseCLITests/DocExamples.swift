import Foundation

/// The shell examples of a Markdown document: every fenced `sh` or `bash` block, in order, each run as written by
/// ``DocExamplesTests`` unless the line before it says why not (`<!-- example: skip, REASON -->`).
struct DocExample: Sendable, CustomStringConvertible {
    let file: String
    /// The line of the opening fence, from 1.
    let line: Int
    let code: String
    /// Why the example is not run, when it says so.
    let skipReason: String?

    var description: String { "\(file):\(line)" }

    static let skipMarker = "<!-- example: skip,"

    /// The examples of a document, in order.
    static func examples(in markdown: String, file: String) -> [DocExample] {
        var examples: [DocExample] = []
        var open: (line: Int, skip: String?)?
        var code: [Substring] = []
        var previous: Substring = ""
        for (index, line) in markdown.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if let started = open {
                if trimmed == "```" {
                    examples.append(
                        DocExample(
                            file: file, line: started.line, code: code.joined(separator: "\n"), skipReason: started.skip))
                    open = nil
                    code = []
                } else {
                    code.append(line)
                }
            } else if trimmed == "```sh" || trimmed == "```bash" {
                open = (index + 1, skipReason(previous))
            }
            if !trimmed.isEmpty { previous = Substring(trimmed) }
        }
        return examples
    }

    private static func skipReason(_ line: Substring) -> String? {
        guard line.hasPrefix(skipMarker), line.hasSuffix("-->") else { return nil }
        let reason = line.dropFirst(skipMarker.count).dropLast(3).trimmingCharacters(in: .whitespaces)
        return reason.isEmpty ? nil : reason
    }
}
