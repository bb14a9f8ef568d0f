import ClearinghouseCore
import ClearinghouseWorkflows
import Foundation
import Hummingbird
import SSVC
import TLP

/// The case pages: the cases a person may see, filtered by state and label; and one case with its findings, state
/// history, participants, messages, validation jobs, SSVC decisions and disclosure (`DisclosurePages.swift`), with
/// a form for each thing the person may do to it (post a message, move it, decide about it). What a person may not
/// do is not offered.
extension WebController {
    static let casePageSize = 50

    func casesPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await signedIn(request, context) { visit in
            let query = request.uri.queryParameters
            let stateFilter = query["state"].map(String.init) ?? "open"
            let labelFilter = query["label"].map(String.init) ?? ""
            guard let states = CaseStateFilter.states(stateFilter) else {
                throw ClearinghouseError.invalidField("state", "Choose the cases to show from the list.")
            }
            let label = TLPLabel(parsing: labelFilter)
            guard labelFilter.isEmpty || label != nil else {
                throw ClearinghouseError.invalidField("label", "Choose a label from the list.")
            }
            let page = try PageRequest(limit: String(Self.casePageSize), cursor: query["cursor"].map(String.init))
            let found = try await CaseQueries(environment.workflows).list(
                page, states: states, labels: label.map { [$0] } ?? [], by: visit.requester(context))

            var values = visit.chrome
            values["title"] = "Cases"
            values["onCases"] = true
            values["cases"] = found.items.map { found -> [String: Any] in
                var row: [String: Any] = [
                    "id": found.id.rawValue, "title": found.title, "state": found.state.rawValue,
                    "label": found.label.rawValue, "updated": Self.day(found.updatedAt),
                ]
                if let target = found.mergedInto { row["mergedInto"] = target.rawValue }
                return row
            }
            values["hasCases"] = !found.items.isEmpty
            values["stateOptions"] = CaseStateFilter.choices.map { choice -> [String: Any] in
                ["value": choice.value, "name": choice.name, "selected": choice.value == stateFilter]
            }
            values["labelOptions"] = TLPLabel.allCases.map { option -> [String: Any] in
                ["value": option.rawValue, "selected": option == label]
            }
            values["filtered"] = stateFilter != "open" || label != nil
            if let next = found.nextCursor {
                values["next"] = "/cases?" + Self.query(["state": stateFilter, "label": labelFilter, "cursor": next])
            }
            return pages.render("cases", values)
        }
    }

    func casePage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await signedIn(request, context) { visit in
            var values = try await caseValues(visit, context: context, request: request)
            values.set("notice", nonEmpty: Self.notice(in: request))
            return pages.render("case", values)
        }
    }

    func postCaseMessage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await caseForm(request, context) { visit, found, form in
            let cases = CaseWorkflows(environment.workflows)
            do {
                _ = try await cases.postMessage(form["body"] ?? "", on: found, by: visit.requester(context))
            } catch let error as ClearinghouseError where error.code == .invalidField {
                return ["messageError": error.message, "messageBody": form["body"] ?? ""]
            }
            return nil
        } done: { "/cases/\($0)?notice=message-posted#messages" }
    }

    func transitionCasePage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await caseForm(request, context) { visit, found, form in
            do {
                let state = try CaseState.parse(form["state"] ?? "", field: "state")
                let reasonText = (form["reason"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
                let reason = reasonText.isEmpty ? nil : try CaseTransition.validatedReason(reasonText)
                // The proof validators run, when triaging: one the case's findings cite (the workflow checks).
                let proofText = state == .triaged ? form["proof"] ?? "" : ""
                let proof = proofText.isEmpty ? nil : ArtifactDigest(proofText)
                guard proofText.isEmpty || proof != nil else {
                    throw ClearinghouseError.invalidField("proof", "Choose the proof from the list.")
                }
                _ = try await CaseWorkflows(environment.workflows).transition(
                    found, to: state, reason: reason, proof: proof, by: visit.requester(context))
            } catch let error as ClearinghouseError where [.invalidField, .conflict].contains(error.code) {
                return ["transitionError": error.message, "reason": form["reason"] ?? ""]
            }
            return nil
        } done: { "/cases/\($0)?notice=case-moved" }
    }

    func decideCase(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await caseForm(request, context) { visit, found, form in
            let tableName = form["table"] ?? ""
            guard let table = DecisionTables.all[tableName] else {
                return ["decisionError": "Choose a decision table from the list."]
            }
            let inputs = table.inputs.compactMap { point in form["input." + point.key].map { (point.key, $0) } }
            let rationaleText = (form["rationale"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            do {
                _ = try await priorityWorkflows.decide(
                    about: .case(found.id), table: tableName, inputs: inputs,
                    rationale: rationaleText.isEmpty ? nil : rationaleText, by: visit.requester(context))
            } catch let error as ClearinghouseError where error.code == .invalidField {
                return ["decisionError": error.message, "rationale": form["rationale"] ?? ""]
            }
            return nil
        } done: { "/cases/\($0)?notice=decision-recorded#decisions" }
    }

    /// A post from the case page: the case must be one the person may see (else the same "not found" as a missing
    /// one) and the form genuine. `act` answers `nil` when it is done, or the values that show the form again with
    /// what is wrong (nothing was changed).
    func caseForm(
        _ request: Request, _ context: AppRequestContext,
        _ act: (Visit, Case, FormBody) async throws -> [String: Any]?, done: (Case.ID) -> String
    ) async throws -> Response {
        try await signedIn(request, context) { visit in
            let id: Case.ID = try context.parameters.identifier("id", of: "case")
            let found = try await environment.workflows.gate.visibleCase(id, by: visit.requester(context))
            let form = try await FormBody(request)
            guard formIsGenuine(form, request: request, visit: visit) else { return staleForm(back: "/cases/\(id)") }
            guard let refusal = try await act(visit, found, form) else { return Pages.redirect(to: done(id)) }
            var values = try await caseValues(visit, context: context, request: request, table: form["table"])
            values.merge(refusal) { _, new in new }
            values["error"] = "Nothing was changed; see below."
            return pages.render("case", values, status: .badRequest)
        }
    }

    /// What the case page shows: everything about the case the person may see, and the forms they may use.
    private func caseValues(_ visit: Visit, context: AppRequestContext, request: Request, table: String? = nil)
        async throws -> [String: Any]
    {
        let requester = visit.requester(context)
        let id: Case.ID = try context.parameters.identifier("id", of: "case")
        let query = request.uri.queryParameters
        let queries = CaseQueries(environment.workflows)
        let detail = try await queries.detail(id, by: requester)
        let found = detail.case
        let findings = try await queries.findings(
            of: found, try PageRequest(limit: "50", cursor: query["findings"].map(String.init)), by: requester)
        let messages = try await queries.messages(
            of: found, try PageRequest(limit: "100", cursor: query["messages"].map(String.init)), by: requester)
        let decisions = try await priorityWorkflows.decisions(about: .case(found.id), by: requester)
        let validation = ValidationWorkflows(environment.workflows)
        var attestations: [ValidationJob.ID: [Attestation]] = [:]
        for job in detail.jobs { attestations[job.id] = try await validation.attestations(of: job) }

        // Organizations are named where the person may see their record; otherwise "another participant".
        var mentioned = found.participants.union([found.owner])
        mentioned.formUnion(detail.transitions.compactMap(\.actor.organizationID))
        mentioned.formUnion(messages.items.compactMap(\.author.organizationID))
        mentioned.formUnion(findings.items.map(\.reporter))
        mentioned.formUnion(attestations.values.joined().map(\.organization))
        mentioned.formUnion(decisions.compactMap(\.decision.decidedBy.organizationID))
        let organizationQueries = OrganizationQueries(environment.workflows)
        let names = try await organizationQueries.names(of: mentioned, by: requester)
        // People are named to their own organization and to coordinators, as the audit trail shows them.
        let people = try await organizationQueries.names(
            ofPeople: Set(detail.transitions.compactMap(\.actor.personID) + messages.items.compactMap(\.author.personID)),
            by: requester)
        let own = visit.member.organizationID
        func name(_ organization: Organization.ID?) -> String {
            guard let organization else { return "Clearinghouse (scheduled)" }
            let known = names[organization] ?? "Another participant"
            return organization == own ? "\(known) (yours)" : known
        }
        func name(_ actor: AuditActor) -> String {
            let organization = name(actor.organizationID)
            return actor.personID.flatMap { people[$0] }.map { "\($0), \(organization)" } ?? organization
        }

        var values = visit.chrome
        values["title"] = found.title
        values["onCases"] = true
        values["formToken"] = visit.formToken
        var summary: [String: Any] = [
            "id": found.id.rawValue, "state": found.state.rawValue, "label": found.label.rawValue,
            "owner": name(found.owner), "created": Self.day(found.createdAt), "updated": Self.day(found.updatedAt),
            "findingCount": detail.findingCount,
        ]
        if let target = found.mergedInto { summary["mergedInto"] = target.rawValue }
        values["case"] = summary

        values["findings"] = findings.items.map { finding -> [String: Any] in
            var row: [String: Any] = [
                "title": finding.draft.title, "reporter": name(finding.reporter),
                "reported": Self.day(finding.reportedAt), "format": finding.draft.format.rawValue.uppercased(),
                "duplicate": finding.duplicateOf != nil,
            ]
            row.set("target", nonEmpty: finding.draft.target?.text)
            return row
        }
        if let next = findings.nextCursor { values["moreFindings"] = "/cases/\(id)?" + Self.query(["findings": next]) }
        values["history"] = detail.transitions.reversed().map { transition -> [String: Any] in
            var row: [String: Any] = [
                "to": transition.to.rawValue, "by": name(transition.actor),
                "when": Self.day(transition.occurredAt), "whenISO": Self.instant(transition.occurredAt),
            ]
            row.set("from", nonEmpty: transition.from?.rawValue)
            row.set("reason", nonEmpty: transition.reason)
            return row
        }
        values["participants"] = found.participants.sorted().map { ["name": name($0)] }
        values["hasParticipants"] = !found.participants.isEmpty
        values["messages"] = messages.items.map { message -> [String: Any] in
            [
                "author": name(message.author), "body": message.body,
                "posted": Self.instant(message.postedAt), "postedDay": Self.day(message.postedAt),
            ]
        }
        values["hasMessages"] = !messages.items.isEmpty
        if let next = messages.nextCursor { values["moreMessages"] = "/cases/\(id)?" + Self.query(["messages": next]) }
        values["jobs"] = detail.jobs.map { job -> [String: Any] in
            var row: [String: Any] = [
                "kind": job.kind == .reproduce ? "Reproduce the proof" : "Verify the fix",
                "status": job.outcome.map { $0 == .reproduced ? "reproduced" : "not reproduced" } ?? "open",
                "quorum": job.quorum, "created": Self.day(job.createdAt),
                "attestations": (attestations[job.id] ?? []).map { attestation -> [String: Any] in
                    [
                        "validator": name(attestation.organization), "result": attestation.result.rawValue,
                        "submitted": Self.day(attestation.submittedAt), "key": attestation.keyID,
                    ]
                },
            ]
            row.set("artifact", nonEmpty: job.artifact?.description)
            row.set("target", nonEmpty: job.target?.text)
            row["hasAttestations"] = !(attestations[job.id] ?? []).isEmpty
            return row
        }
        values["hasJobs"] = !detail.jobs.isEmpty
        values["decisions"] = decisions.map { entry -> [String: Any] in
            let decision = entry.decision
            var row: [String: Any] = [
                "table": decision.table, "outcome": decision.outcomeName,
                "inputs": decision.inputs.map { "\($0.pointName): \($0.valueName)" },
                "by": name(decision.decidedBy.organizationID), "byCoordinator": entry.byCoordinator,
                "when": Self.day(decision.decidedAt),
            ]
            row.set("rationale", nonEmpty: decision.rationale)
            return row
        }
        values["hasDecisions"] = !decisions.isEmpty

        // The forms the person may use: the policy is asked for each, as the workflows will ask it again.
        let policy = environment.workflows.gate.policy
        let moves =
            found.mergedInto != nil
            ? []
            : CaseState.allCases.filter {
                found.state.successors.contains($0)
                    && policy.authorize(.transitionCase(found, to: $0), by: requester.party).isGranted
            }
        values["moves"] = moves.map { ["value": $0.rawValue, "explanation": Self.moveExplanations[$0] ?? ""] }
        if moves.contains(.triaged) {
            // The proofs the findings shown cite, for the coordinator to choose what validators run.
            let proofs = Array(Set(findings.items.flatMap(\.draft.artifacts))).sorted()
            values["proofs"] = !proofs.isEmpty
            values["proofOptions"] = proofs.map { ["value": $0.description] }
        }
        values["mayMove"] = !moves.isEmpty
        values.merge(try await disclosureValues(of: found, requester: requester, own: own) { name($0) }) { _, new in new }
        values["mayPost"] = policy.authorize(.postCaseMessage(found), by: requester.party).isGranted
        if policy.authorize(.decideSSVC(about: found.visibility), by: requester.party).isGranted {
            let asked = [table, query["table"].map(String.init)].compactMap { $0 }
            let chosen = asked.first { DecisionTables.all[$0] != nil } ?? Self.defaultTable(for: visit.member.organization.kind)
            if let form = Self.decisionForm(chosen) { values["decision"] = form }
        }
        return values
    }

    /// What each move means, beside its button.
    static let moveExplanations: [CaseState: String] = [
        .triaged: "Worth validating: validators are asked to reproduce the proof.",
        .validated: "Enough evidence that it is real, without waiting for validators.",
        .rejected: "Not a vulnerability, or not reproducible.",
        .remediating: "The vendor is working on a fix.",
        .fixed: "A fix is available.",
        .disclosed: "The vulnerability is public.",
        .withdrawn: "The report is taken back; the case closes.",
    ]

    /// The SSVC table a person's organization decides with by default: CISA's coordinator tree for coordinators
    /// and those who report, the supplier's for vendors, the deployer's for operators.
    static func defaultTable(for kind: OrganizationKind) -> String {
        switch kind {
        case .vendor: "supplier"
        case .operator, .government: "deployer"
        default: "cisa-coordinator"
        }
    }

    /// The decision form of a table this build carries: a choice for each of its inputs.
    static func decisionForm(_ name: String) -> [String: Any]? {
        guard let table = DecisionTables.all[name] else { return nil }
        return [
            "table": name, "tableName": table.name,
            "tables": DecisionTables.all.keys.sorted().map { ["value": $0, "selected": $0 == name] },
            "inputs": table.inputs.map { point -> [String: Any] in
                [
                    "field": "input." + point.key, "fieldID": "input-" + point.key, "name": point.name,
                    "values": point.values.map { ["value": $0.key, "name": $0.name] },
                ]
            },
        ]
    }

    /// A query string of these parameters (empty values left out), percent-encoded.
    static func query(_ parameters: [String: String]) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+#")
        return parameters.filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }.map { key, value in
            key + "=" + (value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
        }.joined(separator: "&")
    }
}

/// The choices of the case list's state filter.
enum CaseStateFilter {
    static let choices: [(value: String, name: String)] =
        [("open", "Open (not disclosed or withdrawn)"), ("all", "All")]
        + CaseState.allCases.map { ($0.rawValue, $0.rawValue.prefix(1).uppercased() + $0.rawValue.dropFirst()) }

    /// The states a filter keeps (empty: all), or `nil` for a filter that is not one of ``choices``.
    static func states(_ filter: String) -> Set<CaseState>? {
        switch filter {
        case "open": Set(CaseState.allCases.filter { !$0.isClosed })
        case "all": []
        default: CaseState(rawValue: filter).map { [$0] }
        }
    }
}
