import Foundation
public import SARIF

extension FindingDraft {
    /// One draft per result of a SARIF log, with its run's tool as provenance.
    ///
    /// - Parameters:
    ///   - log: The log, as read.
    ///   - target: What the scan looked at, when the reporter said so; SARIF results name files, not packages.
    public static func drafts(from log: SARIFLog, target: FindingTarget?) -> [FindingDraft] {
        log.runs.flatMap { run in
            let provenance = FindingProvenance(tool: run.tool.name, toolVersion: run.tool.version)
            return run.results.map { result in
                FindingDraft(sarif: result, target: target, provenance: provenance)
            }
        }
    }

    init(sarif result: SARIFLog.Result, target: FindingTarget?, provenance: FindingProvenance) {
        let title = Self.title(from: result.message)
        let fullMessage = result.message.trimmingCharacters(in: .whitespacesAndNewlines)
        self.init(
            format: .sarif, title: title.isEmpty ? (result.ruleID ?? "SARIF result") : title,
            description: fullMessage == title || fullMessage.isEmpty ? nil : fullMessage, target: target,
            ruleID: result.ruleID, level: result.level, weaknesses: result.weaknesses,
            locations: result.locations.map(FindingLocation.init(sarif:)),
            codeFlows: result.codeFlows.map { $0.map(FindingLocation.init(sarif:)) },
            stacks: result.stacks.map { $0.map(FindingLocation.init(sarif:)) },
            toolFingerprints: result.fingerprints, partialFingerprints: result.partialFingerprints,
            properties: result.properties, provenance: provenance)
    }
}

extension FindingLocation {
    init(sarif location: SARIFLog.Location) {
        self.init(
            path: location.uri, startLine: location.startLine, startColumn: location.startColumn,
            endLine: location.endLine, endColumn: location.endColumn, function: location.logicalName)
    }
}
