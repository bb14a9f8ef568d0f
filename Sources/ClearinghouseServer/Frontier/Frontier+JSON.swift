import ClearinghouseCore
import ClearinghouseWorkflows
import Evaluations
import Foundation
public import JSONSupport

extension DesignationAuthority: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("organization_id", organization.rawValue)
            json.field("designated_by", designatedBy.rawValue)
            json.field("designated_at", designatedAt)
        }
    }
}

extension FrontierModel: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("id", id.rawValue)
            json.field("developer_id", developer.rawValue)
            json.field("name", name)
            json.field("version", version)
            json.nullableField("planned_release_at", plannedReleaseAt)
            json.field("confidentiality", confidentiality.rawValue)
            json.field("registered_at", registeredAt)
            json.nullableField("released_at", releasedAt)
            json.nullableField("withdrawn_at", withdrawnAt)
        }
    }
}

/// `{"id", "name", "version", "effective_from", "sha256", "policy", "registered_by", "registered_at"}`: `policy`
/// is the canonical text that was hashed, as JSON.
extension RegisteredThresholdPolicy: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("id", id.rawValue)
            json.field("name", policy.name)
            json.field("version", policy.version)
            json.field("effective_from", policy.effectiveFrom)
            json.nullableField("effective_until", policy.effectiveUntil)
            json.field("sha256", digest)
            json.field("policy", RawJSON(bytes: Data(text.utf8)))
            json.field("registered_by", registeredBy.rawValue)
            json.field("registered_at", registeredAt)
        }
    }
}

/// An evaluation as the API answers it: who submitted it and whether as a self-assessment, the file's SHA-256,
/// the log's task and model, how the results were elicited, and each scorer's solve rate with its 95% intervals.
struct EvaluationView: JSONWritable {
    let evaluation: SubmittedEvaluation
    let model: FrontierModel

    func write(to json: inout JSONWriter) {
        let log = evaluation.log
        json.object { json in
            json.field("id", evaluation.id.rawValue)
            json.field("model_id", evaluation.model.rawValue)
            json.field("suite", evaluation.suite)
            json.field("submitted_by", evaluation.submittedBy.rawValue)
            json.field("submitted_at", evaluation.submittedAt)
            json.field("self_assessment", evaluation.isSelfAssessment(of: model))
            json.field("sha256", evaluation.digest)
            json.field("task", log.task)
            json.field("model", log.model)
            json.field("samples", log.samples.count)
            json.field("elicitation", RawJSON(bytes: Data(log.elicitation.json.canonicalText.utf8)))
            let summaries = (try? SolveRateSummary.of(log)) ?? []
            json.field("scorers", summaries.map { RawJSON(bytes: Data($0.json.canonicalText.utf8)) })
        }
    }
}

/// `{"evaluation_id", "policy_id", "policy_name", "policy_version", "policy_sha256", "policy_effective", "suite",
/// "scorer", "metric", "k", "n", "interval", "level", "threshold", "estimate", "low", "high", "tasks", "attempts",
/// "outcome"}`.
extension EvaluationJudgement: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("evaluation_id", evaluation.id.rawValue)
            json.field("policy_id", policy.id.rawValue)
            json.field("policy_name", policy.policy.name)
            json.field("policy_version", policy.policy.version)
            json.field("policy_sha256", policy.digest)
            json.field("policy_effective", policyWasEffective)
            json.field("suite", rule.suite)
            json.field("scorer", judgement.scorer)
            json.field("metric", rule.metric.rawValue)
            json.field("k", rule.k)
            json.field("n", rule.n)
            json.field("interval", rule.interval.rawValue)
            json.field("level", rule.level)
            json.field("threshold", rule.threshold)
            json.field("estimate", judgement.estimate)
            json.field("low", judgement.low)
            json.field("high", judgement.high)
            json.field("tasks", judgement.tasks)
            json.field("attempts", judgement.attempts)
            json.field("outcome", judgement.outcome.rawValue)
        }
    }
}

extension DesignationRequest: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("id", id.rawValue)
            json.field("model_id", model.rawValue)
            json.field("requested_by", requestedBy.rawValue)
            json.field("requested_at", requestedAt)
            json.field("evaluation_ids", evaluations.map(\.rawValue))
            json.nullableField("note", note)
        }
    }
}

/// A determination with the sign-offs given so far, and those still awaited.
extension DeterminationWorkflows.Recorded: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("id", determination.id.rawValue)
            json.field("model_id", determination.model.rawValue)
            json.nullableField("request_id", determination.request?.rawValue)
            json.field("policy_id", determination.policy.rawValue)
            json.field("outcome", determination.outcome.rawValue)
            json.field("advisory", true)
            json.field("rationale", determination.rationale)
            json.field("evaluation_ids", determination.evaluations.map(\.rawValue))
            json.field("consulted", determination.consulted.map(\.rawValue))
            json.field("recorded_by", determination.recordedBy.rawValue)
            json.field("recorded_at", determination.recordedAt)
            json.field("sign_offs", signOffs.map(SignOffView.init))
            let signed = Set(signOffs.map(\.organization))
            json.field("awaiting", determination.consulted.filter { !signed.contains($0) }.map(\.rawValue))
        }
    }

    private struct SignOffView: JSONWritable {
        let signOff: DeterminationSignOff

        func write(to json: inout JSONWriter) {
            json.object { json in
                json.field("organization_id", signOff.organization.rawValue)
                json.field("position", signOff.position.rawValue)
                json.nullableField("note", signOff.note)
                json.field("signed_at", signOff.signedAt)
            }
        }
    }
}
