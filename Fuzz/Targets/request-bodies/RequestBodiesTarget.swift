import ClearinghouseCore
import Foundation
import FuzzSupport

@testable import ClearinghouseServer

/// The JSON request bodies of the API. The input's first line names the body type (`OSVQueryBody` ...), the rest
/// is the body: decoding answers a body or a problem, never a trap, and an OSV query that decodes resolves or is
/// refused. A body type added to the server is added here.
let decoders: [String: @Sendable (Data) -> Void] = [
    "OSVQueryBody": { data in
        if let body = try? OSVQueryBody.decode(from: data) { _ = try? body.query.resolved() }
    },
    "OSVBatchBody": { data in
        if let body = try? OSVBatchBody.decode(from: data) {
            for (index, query) in body.queries.enumerated() { _ = try? query.resolved(field: "queries[\(index)]") }
        }
    },
    "SSVCDecisionBody": { _ = try? SSVCDecisionBody.decode(from: $0) },
    "ValidatorKeyBody": { _ = try? ValidatorKeyBody.decode(from: $0) },
    "AttestationBody": { _ = try? AttestationBody.decode(from: $0) },
    "FixVerificationBody": { _ = try? FixVerificationBody.decode(from: $0) },
    "CaseTransitionBody": { _ = try? CaseTransitionBody.decode(from: $0) },
    "CaseParticipantBody": { _ = try? CaseParticipantBody.decode(from: $0) },
    "CaseMergeBody": { _ = try? CaseMergeBody.decode(from: $0) },
    "CaseSplitBody": { _ = try? CaseSplitBody.decode(from: $0) },
    "CaseMessageBody": { _ = try? CaseMessageBody.decode(from: $0) },
    "CreateOrganizationBody": { _ = try? CreateOrganizationBody.decode(from: $0) },
    "VerifyOrganizationBody": { _ = try? VerifyOrganizationBody.decode(from: $0) },
    "VendorProductsBody": { _ = try? VendorProductsBody.decode(from: $0) },
    "IntakePolicyBody": { _ = try? IntakePolicyBody.decode(from: $0) },
    "CreateTokenBody": { _ = try? CreateTokenBody.decode(from: $0) },
    "CreateInvitationBody": { _ = try? CreateInvitationBody.decode(from: $0) },
    "ScanClaimBody": { data in
        if let body = try? ScanClaimBody.decode(from: data) {
            _ = try? ScanScope(body.scope.request)
            _ = try? body.checkedTechnique()
        }
    },
    "ScanExtendBody": { _ = try? ScanExtendBody.decode(from: $0) },
    "ScanPreferencesBody": { data in
        if let body = try? ScanPreferencesBody.decode(from: data) {
            _ = try? ScanPreferences(
                requiresProof: body.requireProof, allowsAIAgents: body.aiAgents, contact: body.contact)
        }
    },
    "ScanAssetBody": { data in
        if let body = try? ScanAssetBody.decode(from: data) { _ = try? ScanScope(body.scope.request) }
    },
    "ScanAssetVerificationBody": { data in
        if let body = try? ScanAssetVerificationBody.decode(from: data) { _ = try? body.checkedMethod() }
    },
    "ScanGrantBody": { data in
        if let body = try? ScanGrantBody.decode(from: data) { _ = try? body.request() }
    },
    "EmbargoProposalBody": { data in
        if let body = try? EmbargoProposalBody.decode(from: data) { _ = try? body.publicDate.checked() }
    },
    "EmbargoEndBody": { _ = try? EmbargoEndBody.decode(from: $0) },
    "ParticipantStatusBody": { data in
        if let body = try? ParticipantStatusBody.decode(from: data) {
            _ = try? ParticipantStatus(
                organization: Organization.ID(UUID()), status: body.status,
                justification: body.justification, statement: body.statement, now: Date())
        }
    },
    "CaseFixBody": { data in
        if let body = try? CaseFixBody.decode(from: data) {
            _ = try? CaseFix(
                id: CaseFix.ID(UUID()), caseID: Case.ID(UUID()), organization: Organization.ID(UUID()),
                target: body.target, introduced: body.introduced, patch: body.patch, note: body.note,
                recordedAt: Date())
        }
    },
    "PublicationBody": { data in
        if let body = try? PublicationBody.decode(from: data) { _ = try? body.checked() }
    },
    "WebhookSubscriptionBody": { data in
        if let body = try? WebhookSubscriptionBody.decode(from: data) {
            _ = try? WebhookSubscription(
                id: WebhookSubscription.ID(UUID()), organization: Organization.ID(UUID()), url: body.url,
                events: body.events, description: body.description, policy: WebhookPolicy(), secret: "", now: Date())
        }
    },
    "ExposureAlertBody": { data in
        if let body = try? ExposureAlertBody.decode(from: data) {
            _ = try? ExposureAlert.checkedInstructions(body.instructions)
        }
    },
    "ScanCompleteBody": { data in
        if let body = try? ScanCompleteBody.decode(from: data) { _ = try? ScanSummary(body.summary ?? [:]) }
    },
    "DesignationAuthorityBody": { data in
        if let body = try? DesignationAuthorityBody.decode(from: data) { _ = try? body.organization() }
    },
    "ModelRegistrationBody": { data in
        if let body = try? ModelRegistrationBody.decode(from: data), let registration = try? body.registration() {
            _ = try? FrontierModel(
                registering: registration.name, version: registration.version,
                plannedReleaseAt: registration.plannedReleaseAt, confidentiality: registration.confidentiality,
                id: FrontierModel.ID(UUID()), developer: Organization.ID(UUID()), now: Date())
        }
    },
    "ModelReleaseBody": { _ = try? ModelReleaseBody.decode(from: $0) },
    "DesignationRequestBody": { data in
        if let body = try? DesignationRequestBody.decode(from: data), let evaluations = try? body.evaluations() {
            _ = try? DesignationRequest(
                requesting: evaluations, note: body.note, id: DesignationRequest.ID(UUID()),
                model: FrontierModel.ID(UUID()), by: Organization.ID(UUID()), now: Date())
        }
    },
    "DeterminationBody": { data in
        if let body = try? DeterminationBody.decode(from: data), let recording = try? body.recording() {
            _ = try? Determination(
                recording: recording.outcome, rationale: recording.rationale, policy: recording.policy,
                evaluations: recording.evaluations, consulted: recording.consulted, request: recording.request,
                id: Determination.ID(UUID()), model: FrontierModel.ID(UUID()), by: Organization.ID(UUID()), now: Date())
        }
    },
    "SignOffBody": { data in
        if let body = try? SignOffBody.decode(from: data), let position = try? body.checkedPosition() {
            _ = try? DeterminationSignOff(
                signing: Determination.ID(UUID()), as: Organization.ID(UUID()), position: position, note: body.note,
                now: Date())
        }
    },
    "AccessWindowBody": { data in
        if let body = try? AccessWindowBody.decode(from: data), let opening = try? body.opening() {
            let model = FrontierModel(
                id: FrontierModel.ID(UUID()), developer: Organization.ID(UUID()), name: "m", version: "1",
                plannedReleaseAt: nil, confidentiality: .restricted, registeredAt: Date(), releasedAt: nil,
                withdrawnAt: nil)
            _ = try? AccessWindow(
                opening: model, evaluators: opening.evaluators, startsAt: opening.startsAt, endsAt: opening.endsAt,
                purpose: opening.purpose, id: AccessWindow.ID(UUID()), now: Date())
        }
    },
    "WindowTermsBody": { data in
        if let body = try? WindowTermsBody.decode(from: data), let acceptance = try? body.acceptance() {
            let now = Date()
            let developer = Organization.ID(UUID())
            let evaluator = Organization.ID(UUID())
            let model = FrontierModel(
                id: FrontierModel.ID(UUID()), developer: developer, name: "m", version: "1", plannedReleaseAt: nil,
                confidentiality: .restricted, registeredAt: now, releasedAt: nil, withdrawnAt: nil)
            let window = AccessWindow(
                id: AccessWindow.ID(UUID()), model: model.id, developer: developer, evaluators: [evaluator],
                startsAt: now, endsAt: now.addingTimeInterval(86_400), purpose: "p", openedAt: now, closedAt: nil)
            _ = try? ConfidentialityTerms(
                accepting: acceptance.ndaScope, ipCategories: acceptance.ipCategories,
                handlingLevel: acceptance.handlingLevel, for: window, of: model, by: evaluator, now: now)
        }
    },
    "WindowAccessBody": { data in
        if let body = try? WindowAccessBody.decode(from: data) {
            _ = try? body.checkedKind()
            _ = try? WindowAccess.checkedResource(body.resource)
        }
    },
    "WindowAttestationBody": { data in
        if let body = try? WindowAttestationBody.decode(from: data), let disposition = try? body.checkedDisposition() {
            let now = Date()
            let evaluator = Organization.ID(UUID())
            let window = AccessWindow(
                id: AccessWindow.ID(UUID()), model: FrontierModel.ID(UUID()), developer: Organization.ID(UUID()),
                evaluators: [evaluator], startsAt: now.addingTimeInterval(-86_400), endsAt: now.addingTimeInterval(-1),
                purpose: "p", openedAt: now, closedAt: nil)
            _ = try? WindowAttestation(
                attesting: disposition, statement: body.statement, for: window, by: evaluator, now: now)
        }
    },
]

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = FuzzInput(start, count).bytes
    guard let newline = bytes.firstIndex(of: UInt8(ascii: "\n")),
        let decode = decoders[String(decoding: bytes[..<newline], as: UTF8.self)]
    else { return 0 }
    decode(Data(bytes[(newline + 1)...]))
    return 0
}

@_cdecl("fuzz_request_bodies_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, testOneInput)
}
