import ClearinghouseCore
import ClearinghouseWorkflows
import Foundation
import Hummingbird
import TLP

/// The findings page: submit a file of findings (SARIF, OSV, CSAF, native) with a label, and the organization's
/// findings, each with the case it joined.
extension WebController {
    func findingsPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await signedIn(request, context) { visit in
            var values = try await findingsValues(visit, context: context, request: request)
            values.set("notice", nonEmpty: Self.notice(in: request))
            return pages.render("findings", values)
        }
    }

    func submitFindings(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await signedIn(request, context) { visit in
            let requester = visit.requester(context)
            let submission = FindingSubmission(environment.workflows)
            // Before a byte of the file is read: a reader's submission is refused as the API refuses it.
            try await submission.authorize(by: requester)
            guard let form = try await fileForm(request, visit: visit) else { return staleForm(back: "/findings") }
            /// The page again, with what was typed and what is wrong.
            func refuse(_ field: String, _ message: String) async throws -> Response {
                var values = try await findingsValues(visit, context: context, request: request)
                values["purl"] = form["purl"] ?? ""
                values["tool"] = form["tool"] ?? ""
                values[field] = message
                values["error"] = "Nothing was submitted; see below."
                return pages.render("findings", values, status: .badRequest)
            }
            guard let file = form.file("document") else {
                return try await refuse("documentError", "Choose a file of findings.")
            }
            let label = TLPLabel(parsing: form["label"] ?? "") ?? Case.defaultLabel
            let format = form["format"].flatMap { FindingFormat(rawValue: $0) }
            let reader: FindingReader
            let detected: FindingFormat
            let drafts: [FindingDraft]
            do {
                let purl = (form["purl"] ?? "").trimmingCharacters(in: .whitespaces)
                let tool = (form["tool"] ?? "").trimmingCharacters(in: .whitespaces)
                reader = FindingReader(
                    target: purl.isEmpty ? nil : try FindingTarget.package(purl, field: "purl"),
                    provenance: try FindingProvenance(
                        tool: tool.isEmpty ? nil : tool, toolVersion: nil, model: nil, configurationHash: nil, lease: nil,
                        cost: nil
                    ).validated())
            } catch let error as ClearinghouseError {
                return try await refuse(error.field == "purl" ? "purlError" : "toolError", error.message)
            }
            do {
                (detected, drafts) = try reader.read(file.content, named: format, mediaType: nil)
            } catch let error as ClearinghouseError {
                return try await refuse("documentError", error.message)
            }
            let placed = try await submission.submit(drafts, format: detected.rawValue, label: label, by: requester)
            let duplicates = placed.filter { $0.finding.duplicateOf != nil }.count
            return Pages.redirect(to: "/findings?notice=findings-submitted&count=\(placed.count)&duplicates=\(duplicates)")
        }
    }

    private func findingsValues(_ visit: Visit, context: AppRequestContext, request: Request) async throws
        -> [String: Any]
    {
        var values = visit.chrome
        values["title"] = "Findings"
        values["onFindings"] = true
        let query = request.uri.queryParameters
        let page = try PageRequest(limit: "50", cursor: query["cursor"].map(String.init))
        let found = try await FindingQueries(environment.workflows).own(page, by: visit.requester(context))
        values["findings"] = found.items.map { placed -> [String: Any] in
            var row: [String: Any] = [
                "title": placed.finding.draft.title, "format": placed.finding.draft.format.rawValue.uppercased(),
                "reported": Self.day(placed.finding.reportedAt), "label": placed.finding.label.rawValue,
                "duplicate": placed.finding.duplicateOf != nil,
            ]
            if placed.locatable { row["caseID"] = placed.finding.caseID.rawValue }
            return row
        }
        values["hasFindings"] = !found.items.isEmpty
        if let next = found.nextCursor { values["next"] = "/findings?cursor=" + next }
        values["labels"] = [TLPLabel.clear, .green, .amber, .amberStrict, .red].map { label -> [String: Any] in
            ["value": label.rawValue, "selected": label == Case.defaultLabel]
        }
        values["formats"] = FindingFormat.allCases.map { ["value": $0.rawValue, "name": $0.rawValue.uppercased()] }
        if query["notice"] == "findings-submitted", let count = query["count"].flatMap({ Int($0) }) {
            let duplicates = query["duplicates"].flatMap { Int($0) } ?? 0
            values["submitted"] =
                "\(count) finding\(count == 1 ? "" : "s") submitted"
                + (duplicates > 0 ? "; \(duplicates) joined a case someone had already reported" : "") + "."
        }
        return values
    }
}
