import Foundation

/// Reads a restarted server to find acknowledged writes that are missing and records that are half-written.
struct RestartChecker {
    let url: String
    let tokens: LoadTokens

    /// The acknowledged writes the server no longer answers, described.
    func missing(_ writes: [AcknowledgedWrite]) async -> [String] {
        var missing: [String] = []
        for write in writes where !(await isPresent(write)) {
            missing.append("\(write)")
        }
        return missing
    }

    private func isPresent(_ write: AcknowledgedWrite) async -> Bool {
        switch write {
        case .finding(let id, let caseID):
            let reply = await CommandRunner.get("\(url)/v1/findings/\(id)", token: tokens.researcher)
            return reply?.status == 200 && MixedWriteLoad.object(reply)?["case_id"] as? String == caseID
        case .sbom(let id):
            return await CommandRunner.get("\(url)/v1/sboms/\(id)", token: tokens.operatorAnalyst)?.status == 200
        case .triage(let caseID):
            let reply = await CommandRunner.get("\(url)/v1/cases/\(caseID)", token: tokens.coordinator)
            let state = (MixedWriteLoad.object(reply)?["case"] as? [String: Any])?["state"] as? String
            return reply?.status == 200 && state != nil && state != "reported"
        case .decision(let caseID, let id):
            let reply = await CommandRunner.get("\(url)/v1/ssvc-decisions?case_id=\(caseID)", token: tokens.coordinator)
            let decisions = MixedWriteLoad.object(reply)?["decisions"] as? [[String: Any]] ?? []
            return decisions.contains { $0["id"] as? String == id }
        case .advisory(let id):
            return await CommandRunner.get("\(url)/v1/vulns/\(id)")?.status == 200
        case .organization(let id):
            return await CommandRunner.get("\(url)/v1/organizations/\(id)", token: tokens.coordinator)?.status == 200
        }
    }

    /// Records whose parts did not all commit: a finding without its case, a case without findings, an SBOM that
    /// cannot be read.
    func halfWritten() async -> [String] {
        var found: [String] = []
        for finding in await everyItem("/v1/findings", token: tokens.researcher) {
            guard let caseID = finding["case_id"] as? String else {
                found.append("finding \(finding["id"] ?? "?") without a case")
                continue
            }
            let shown = await CommandRunner.get("\(url)/v1/cases/\(caseID)", token: tokens.researcher)
            let count = MixedWriteLoad.object(shown)?["findings"] as? Int ?? 0
            if shown?.status != 200 || count < 1 {
                found.append("case \(caseID) of finding \(finding["id"] ?? "?"): \(shown?.status ?? 0), \(count) findings")
            }
        }
        for sbom in await everyItem("/v1/sboms", token: tokens.coordinator) {
            let id = sbom["id"] as? String ?? "?"
            if await CommandRunner.get("\(url)/v1/sboms/\(id)", token: tokens.coordinator)?.status != 200 {
                found.append("SBOM \(id) listed but not readable")
            }
        }
        return found
    }

    /// Every item of a paginated list.
    private func everyItem(_ path: String, token: String) async -> [[String: Any]] {
        var items: [[String: Any]] = []
        var cursor: String?
        repeat {
            let page = cursor.map { "&cursor=\($0)" } ?? ""
            let reply = await CommandRunner.get("\(url)\(path)?limit=100\(page)", token: token)
            let object = MixedWriteLoad.object(reply)
            items += object?["items"] as? [[String: Any]] ?? []
            cursor = object?["next_cursor"] as? String
        } while cursor != nil
        return items
    }
}
