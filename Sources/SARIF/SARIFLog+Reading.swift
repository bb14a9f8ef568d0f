public import Foundation
import JSONSupport

extension SARIFLog {
    /// The SARIF version this library reads.
    public static let supportedVersion = "2.1.0"

    /// Reads a SARIF 2.1.0 log (JSON; a UTF-8 byte order mark is allowed).
    ///
    /// - Throws: `SARIFError` naming what is wrong: not JSON, another SARIF version, or the field that is missing or
    ///   has the wrong type, as a path (`runs[0].results[2].message`).
    public static func read(_ data: Data) throws(SARIFError) -> SARIFLog {
        if let problem = JSONNesting.problem(in: data) { throw SARIFError(problem) }
        let document: SARIFDocument
        do {
            document = try JSONDecoder().decode(SARIFDocument.self, from: data)
        } catch let DecodingError.typeMismatch(_, context) where context.codingPath.isEmpty {
            throw SARIFError("A SARIF log is a JSON object.")
        } catch let DecodingError.keyNotFound(key, context) where context.codingPath.isEmpty {
            throw SARIFError("A SARIF log has `\(key.stringValue)`; this document does not.")
        } catch let error as DecodingError {
            throw SARIFError("The SARIF log is malformed: \(error.fieldDescription).")
        } catch {
            throw SARIFError("The SARIF log is not JSON: \(error).")
        }
        guard document.version == supportedVersion else {
            throw SARIFError("SARIF `version` `\(document.version)` is not supported; send SARIF \(supportedVersion).")
        }
        return SARIFLog(runs: (document.runs ?? []).map(Run.init), toolFailedToStart: document.runs == nil)
    }
}

extension SARIFLog.Run {
    init(_ run: SARIFDocument.Run) {
        let driver = run.tool.driver
        tool = SARIFLog.Tool(name: driver.name, version: driver.semanticVersion ?? driver.version)
        let context = RunContext(run)
        results = (run.results ?? []).map { SARIFLog.Result($0, in: context) }
    }
}

/// What a run says about its rules and taxonomies, which results refer to.
struct RunContext {
    let rules: [SARIFDocument.Rule]
    let rulesByID: [String: SARIFDocument.Rule]
    /// The run's taxonomies by index, for references that name a taxonomy by position.
    let taxonomyNames: [String]

    init(_ run: SARIFDocument.Run) {
        rules = run.tool.driver.rules ?? []
        rulesByID = Dictionary(rules.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        taxonomyNames = (run.taxonomies ?? []).map(\.name)
    }

    func rule(of result: SARIFDocument.Result) -> SARIFDocument.Rule? {
        if let id = result.ruleId ?? result.rule?.id, let rule = rulesByID[id] { return rule }
        guard let index = result.ruleIndex ?? result.rule?.index, rules.indices.contains(index) else { return nil }
        return rules[index]
    }

    /// Whether a reference points into the CWE taxonomy, by the component's name or its index among the run's
    /// taxonomies.
    func isCWE(_ reference: SARIFDocument.Reference) -> Bool {
        guard let component = reference.toolComponent else { return false }
        if let name = component.name { return name.uppercased() == "CWE" }
        guard let index = component.index, taxonomyNames.indices.contains(index) else { return false }
        return taxonomyNames[index].uppercased() == "CWE"
    }
}

extension SARIFLog.Result {
    init(_ result: SARIFDocument.Result, in context: RunContext) {
        let rule = context.rule(of: result)
        ruleID = result.ruleId ?? result.rule?.id ?? rule?.id
        // SARIF §3.27.10: the result's level, else its rule's default, else `warning` for a failure; a result of
        // another kind (`pass`, `open`, `informational` ...) is at level `none`.
        level =
            result.level ?? (result.kind.map { $0 != "fail" } == true ? "none" : nil)
            ?? rule?.defaultConfiguration?.level ?? "warning"
        message = Self.text(of: result.message, rule: rule)
        locations = (result.locations ?? []).map(SARIFLog.Location.init)
        fingerprints = result.fingerprints ?? [:]
        partialFingerprints = result.partialFingerprints ?? [:]
        codeFlows = (result.codeFlows ?? []).map { flow in
            flow.threadFlows.flatMap { $0.locations.compactMap(\.location).map(SARIFLog.Location.init) }
        }
        stacks = (result.stacks ?? []).map { $0.frames.compactMap(\.location).map(SARIFLog.Location.init) }
        properties = result.properties ?? [:]
        weaknesses = Self.weaknesses(of: result, rule: rule, in: context)
    }

    /// A message's text: its own `text` (else `markdown`), or the rule's message string its `id` names; `{n}`
    /// placeholders take the message's arguments and `{{`, `}}` stand for braces (SARIF 2.1.0 §3.11.5).
    private static func text(of message: SARIFDocument.Message, rule: SARIFDocument.Rule?) -> String {
        var text = message.text ?? message.markdown ?? ""
        if text.isEmpty, let id = message.id, let string = rule?.messageStrings?[id] {
            text = string.text ?? string.markdown ?? ""
        }
        return SARIFLog.substitute(message.arguments ?? [], into: text)
    }

    private static func weaknesses(
        of result: SARIFDocument.Result, rule: SARIFDocument.Rule?, in context: RunContext
    ) -> [String] {
        var found: Set<String> = []
        let references = (result.taxa ?? []) + (rule?.relationships ?? []).map(\.target)
        for reference in references where context.isCWE(reference) {
            if let id = reference.id, let cwe = cweID(id) { found.insert(cwe) }
        }
        // Tools such as CodeQL tag their rules `external/cwe/cwe-079`; others write `CWE-79`.
        for tag in (rule?.properties?["tags"]?.strings ?? []) + (result.properties?["tags"]?.strings ?? []) {
            let lowered = tag.lowercased()
            for prefix in ["external/cwe/cwe-", "cwe-"] where lowered.hasPrefix(prefix) {
                if let cwe = cweID(String(lowered.dropFirst(prefix.count))) { found.insert(cwe) }
            }
        }
        return found.sorted { $0.count != $1.count ? $0.count < $1.count : $0 < $1 }
    }

    /// `CWE-79` from `79`, `079` or `CWE-79`; `nil` for anything that is not a CWE number.
    private static func cweID(_ text: String) -> String? {
        let digits = text.uppercased().hasPrefix("CWE-") ? String(text.dropFirst(4)) : text
        guard let number = Int(digits), number >= 0 else { return nil }
        return "CWE-\(number)"
    }
}

extension SARIFLog.Location {
    init(_ location: SARIFDocument.Location) {
        let physical = location.physicalLocation
        uri = physical?.artifactLocation?.uri
        uriBaseID = physical?.artifactLocation?.uriBaseId
        startLine = physical?.region?.startLine
        startColumn = physical?.region?.startColumn
        endLine = physical?.region?.endLine
        endColumn = physical?.region?.endColumn
        let logical = location.logicalLocations?.first
        logicalName = logical?.fullyQualifiedName ?? logical?.name
    }
}
