import ClearinghouseCore
import ClearinghouseWorkflows
import Foundation
import Hummingbird
import JSONSupport

/// The disclosure part of a case's page: the embargo with its history, where each participant stands, the fixes,
/// and the published advisory, with a form for each thing the person may do (propose a date, agree, end the
/// embargo early, give a status, record a fix, publish). What a person may not do is not offered.
extension WebController {
    /// The page's disclosure values: `name` names organizations as the rest of the page does.
    func disclosureValues(
        of found: Case, requester: Requester, own: Organization.ID, name: (Organization.ID?) -> String
    ) async throws -> [String: Any] {
        let workflows = environment.workflows
        async let embargoRead = EmbargoWorkflows(workflows).embargo(of: found)
        async let participantsRead = ParticipantWorkflows(workflows).participants(of: found, by: requester)
        async let fixesRead = CaseFixWorkflows(workflows).fixes(of: found)
        async let advisoryRead = PublicationWorkflows(workflows).advisory(of: found)
        let (embargo, participants, fixes, advisory) = try await (
            embargoRead, participantsRead, fixesRead, advisoryRead
        )
        let policy = workflows.gate.policy
        func may(_ action: Action) -> Bool { policy.authorize(action, by: requester.party).isGranted }
        let now = workflows.dependencies.now()

        var values: [String: Any] = [:]
        if let embargo {
            let asked = found.participants.union([found.owner])
            func names(_ ids: Set<Organization.ID>) -> String { ids.sorted().map { name($0) }.joined(separator: ", ") }
            var shown: [String: Any] = [
                "state": Self.embargoStates[embargo.state] ?? embargo.state.rawValue,
                "date": embargo.publicDate.description, "at": Self.instant(embargo.publicDate.instant),
                "changes": embargo.changes.reversed().map { change -> [String: Any] in
                    var row: [String: Any] = [
                        "kind": change.kind.rawValue.replacingOccurrences(of: "_", with: " "),
                        "by": change.by.map { name($0) } ?? "the policy", "date": change.publicDate.description,
                        "when": Self.day(change.at), "whenISO": Self.instant(change.at),
                    ]
                    row.set("reason", nonEmpty: change.reason)
                    return row
                },
            ]
            shown.set("agreed", nonEmpty: names(embargo.agreed))
            shown.set("awaiting", nonEmpty: names(embargo.awaiting(asked)))
            values["embargo"] = shown
            let active = embargo.state == .active
            values["mayNegotiate"] = active && may(.negotiateEmbargo(found))
            values["mayAgree"] = active && may(.negotiateEmbargo(found)) && !embargo.agreed.contains(own)
            values["mayEndEarly"] = active && may(.endEmbargoEarly)
            values["proposedZone"] = embargo.publicDate.timeZone
            if active && embargo.publicDate.instant > now { values["publishOpens"] = embargo.publicDate.description }
        }
        values["statuses"] = participants.filter { !$0.isReporter }.map { participant -> [String: Any] in
            var row: [String: Any] = ["name": name(participant.id)]
            if let status = participant.status {
                row["status"] = status.status.rawValue.replacingOccurrences(of: "_", with: " ")
                row.set(
                    "justification", nonEmpty: status.justification?.rawValue.replacingOccurrences(of: "_", with: " "))
                row.set("statement", nonEmpty: status.statement)
                row["updated"] = Self.day(status.updatedAt)
            }
            return row
        }
        values["hasStatuses"] = participants.contains { !$0.isReporter }
        if found.participants.contains(own) && may(.setParticipantStatus(found, of: own)) {
            values["statusForm"] = [
                "statuses": ParticipantStatus.Status.allCases.map { ["value": $0.rawValue] },
                "justifications": ParticipantStatus.Justification.allCases.map { ["value": $0.rawValue] },
            ]
        }
        values["fixes"] = fixes.map { fix -> [String: Any] in
            var row: [String: Any] = [
                "target": fix.target.text, "by": name(fix.organization), "when": Self.day(fix.recordedAt),
            ]
            row.set("introduced", nonEmpty: fix.introduced)
            row.set("patch", nonEmpty: fix.patch?.description)
            row.set("note", nonEmpty: fix.note)
            return row
        }
        values["hasFixes"] = !fixes.isEmpty
        values["mayRecordFix"] = !found.state.isClosed && may(.recordFix(found))
        if let advisory {
            values["advisory"] = Self.downloads(of: advisory.id).merging([
                "id": advisory.id.description, "page": "/advisories/" + Self.pathSegment(advisory.id.osv),
            ]) { _, new in new }
        } else if [.validated, .remediating, .fixed].contains(found.state), found.mergedInto == nil,
            may(.publishCase)
        {
            values["mayPreview"] = true
            values["mayPublish"] = values["publishOpens"] == nil
            values["summary"] = found.title
        }
        return values
    }

    /// How the page says where an embargo stands.
    static let embargoStates: [Embargo.State: String] = [
        .active: "holds until its public date", .endedEarly: "ended early: the case may be published",
        .lifted: "lifted: the case is published",
    ]

    func proposeEmbargoPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await caseForm(request, context) { visit, found, form in
            do {
                let date = try PublicDate(
                    local: form["local"] ?? "", timeZone: (form["time_zone"] ?? "").trimmingCharacters(in: .whitespaces)
                )
                let reason = (form["reason"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
                _ = try await EmbargoWorkflows(environment.workflows).propose(
                    date, reason: reason.isEmpty ? nil : reason, on: found, by: visit.requester(context))
            } catch let error as ClearinghouseError where [.invalidField, .conflict].contains(error.code) {
                return [
                    "embargoError": error.message, "local": form["local"] ?? "",
                    "proposedZone": form["time_zone"] ?? "",
                    "embargoReason": form["reason"] ?? "",
                ]
            }
            return nil
        } done: {
            "/cases/\($0)?notice=date-proposed#disclosure"
        }
    }

    func agreeEmbargoPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await caseForm(request, context) { visit, found, _ in
            do {
                _ = try await EmbargoWorkflows(environment.workflows).agree(on: found, by: visit.requester(context))
            } catch let error as ClearinghouseError where error.code == .conflict {
                return ["embargoError": error.message]
            }
            return nil
        } done: {
            "/cases/\($0)?notice=date-agreed#disclosure"
        }
    }

    func endEmbargoPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await caseForm(request, context) { visit, found, form in
            do {
                _ = try await EmbargoWorkflows(environment.workflows).endEarly(
                    reason: form["reason"] ?? "", on: found, by: visit.requester(context))
            } catch let error as ClearinghouseError where [.invalidField, .conflict].contains(error.code) {
                return ["endError": error.message]
            }
            return nil
        } done: {
            "/cases/\($0)?notice=embargo-ended#disclosure"
        }
    }

    func participantStatusPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await caseForm(request, context) { visit, found, form in
            let justification = form["justification"] ?? ""
            let statement = (form["statement"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            do {
                _ = try await ParticipantWorkflows(environment.workflows).setStatus(
                    of: visit.member.organizationID, on: found, status: form["status"] ?? "",
                    justification: justification.isEmpty ? nil : justification,
                    statement: statement.isEmpty ? nil : statement, by: visit.requester(context))
            } catch let error as ClearinghouseError where error.code == .invalidField {
                return ["statusError": error.message, "statement": form["statement"] ?? ""]
            }
            return nil
        } done: {
            "/cases/\($0)?notice=status-given#disclosure"
        }
    }

    func recordFixPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await caseForm(request, context) { visit, found, form in
            func field(_ key: String) -> String? {
                let text = (form[key] ?? "").trimmingCharacters(in: .whitespaces)
                return text.isEmpty ? nil : text
            }
            do {
                let target: FindingTarget
                if let purl = field("purl") {
                    target = try .package(purl, field: "target.purl")
                } else {
                    target = try .repository(
                        field("repository") ?? "", commit: field("commit"), field: "target.repository",
                        commitField: "target.commit")
                }
                _ = try await CaseFixWorkflows(environment.workflows).record(
                    target, introduced: field("introduced"), patch: nil, note: field("note"), on: found,
                    by: visit.requester(context))
            } catch let error as ClearinghouseError where [.invalidField, .conflict].contains(error.code) {
                return [
                    "fixError": error.message, "fixPurl": form["purl"] ?? "", "fixRepository": form["repository"] ?? "",
                    "fixCommit": form["commit"] ?? "", "fixIntroduced": form["introduced"] ?? "",
                ]
            }
            return nil
        } done: {
            "/cases/\($0)?notice=fix-recorded#disclosure"
        }
    }

    func publishCasePage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await caseForm(request, context) { visit, found, form in
            let summary = (form["summary"] ?? "").trimmingCharacters(in: .whitespaces)
            do {
                let words = try PublicationRequest(
                    summary: summary.isEmpty ? nil : summary, details: form["details"] ?? "")
                _ = try await PublicationWorkflows(environment.workflows).publish(
                    found, words, by: visit.requester(context))
            } catch let error as ClearinghouseError where [.invalidField, .conflict].contains(error.code) {
                return ["publishError": error.message, "summary": summary, "details": form["details"] ?? ""]
            }
            return nil
        } done: {
            "/cases/\($0)?notice=case-published#disclosure"
        }
    }

    /// `GET /cases/{id}/preview?format=…`: what publishing the case would write now in one format, for the
    /// coordinators who may publish it (to anyone else, the same "not found" as a missing case).
    func publicationPreviewPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await signedIn(request, context) { visit in
            let requester = visit.requester(context)
            let id: Case.ID = try context.parameters.identifier("id", of: "case")
            let found = try await environment.workflows.gate.visibleCase(id, by: requester)
            let formatText = request.uri.queryParameters["format"].map(String.init) ?? AdvisoryFormat.osv.rawValue
            guard let format = AdvisoryFormat(rawValue: formatText) else {
                throw ClearinghouseError.invalidField("format", "Choose a format from the links.")
            }
            let draft = try await PublicationWorkflows(environment.workflows).preview(found, by: requester)
            let document = try format.document(
                of: draft, base: request.publicBase, cveOrganization: environment.configuration.cveOrganization)
            var values = visit.chrome
            values["title"] = "Preview: \(format.title)"
            values["onCases"] = true
            values["case"] = ["id": found.id.rawValue, "title": found.title]
            values["advisoryID"] = draft.id.description
            values["formats"] = AdvisoryFormat.allCases.map { other -> [String: Any] in
                ["value": other.rawValue, "title": other.title, "current": other == format]
            }
            values["document"] = Self.readable(document)
            return pages.render("preview", values)
        }
    }

    /// A JSON document indented, its members in order, for reading.
    private static func readable(_ document: JSONTree) -> String {
        let data = Data(document.canonicalText.utf8)
        guard let object = try? JSONSerialization.jsonObject(with: data),
            let pretty = try? JSONSerialization.data(
                withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        else { return document.canonicalText }
        return String(decoding: pretty, as: UTF8.self)
    }
}
