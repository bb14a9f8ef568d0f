import ClearinghouseCore
import ClearinghouseWorkflows
import Foundation
public import JSONSupport

/// A window as the API answers it: its state now, and each evaluator with the terms it accepted and its
/// attestation, or `null` for what it has not given yet.
struct AccessWindowView: JSONWritable {
    let shown: AccessWindowWorkflows.Shown
    let now: Date

    func write(to json: inout JSONWriter) {
        let window = shown.window
        json.object { json in
            json.field("id", window.id.rawValue)
            json.field("model_id", window.model.rawValue)
            json.field("developer_id", window.developer.rawValue)
            json.field("purpose", window.purpose)
            json.field("starts_at", window.startsAt)
            json.field("ends_at", window.endsAt)
            json.field("opened_at", window.openedAt)
            json.nullableField("closed_at", window.closedAt)
            json.field("state", window.state(at: now).rawValue)
            json.field(
                "evaluators",
                window.evaluators.map { evaluator in
                    EvaluatorView(
                        organization: evaluator, terms: shown.terms.first { $0.evaluator == evaluator },
                        attestation: shown.attestations.first { $0.evaluator == evaluator })
                })
        }
    }

    private struct EvaluatorView: JSONWritable {
        let organization: Organization.ID
        let terms: ConfidentialityTerms?
        let attestation: WindowAttestation?

        func write(to json: inout JSONWriter) {
            json.object { json in
                json.field("organization_id", organization.rawValue)
                json.nullableField("terms", terms)
                json.nullableField("attestation", attestation)
            }
        }
    }
}

extension ConfidentialityTerms: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("window_id", window.rawValue)
            json.field("evaluator_id", evaluator.rawValue)
            json.field("nda_scope", ndaScope)
            json.field("ip_categories", ipCategories.sorted().map(\.rawValue))
            json.field("handling_level", handlingLevel.rawValue)
            json.field("accepted_at", acceptedAt)
        }
    }
}

extension WindowAttestation: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("window_id", window.rawValue)
            json.field("evaluator_id", evaluator.rawValue)
            json.field("disposition", disposition.rawValue)
            json.field("statement", statement)
            json.field("attested_at", attestedAt)
        }
    }
}

extension WindowAccessRecord: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("id", id.rawValue)
            json.field("window_id", access.window.rawValue)
            json.field("evaluator_id", access.evaluator.rawValue)
            json.field("actor", access.actor)
            json.field("resource", access.resource)
            json.field("kind", access.kind.rawValue)
            json.field("at", access.at)
            json.field("from", access.from)
            json.field("outcome", access.outcome.rawValue)
            json.field("signals", signals.map(\.rawValue))
        }
    }
}
