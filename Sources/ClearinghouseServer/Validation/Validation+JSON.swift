import ClearinghouseCore
import Foundation
public import JSONSupport

extension ValidatorKey: JSONWritable {
    /// `{"id", "key_id", "organization_id", "public_key", "created_at", "revoked_at"}`.
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("id", id)
            json.field("key_id", keyID)
            json.field("organization_id", organization)
            json.field("public_key", publicKey.base64EncodedString())
            json.field("created_at", createdAt)
            json.nullableField("revoked_at", revokedAt)
        }
    }
}

extension ValidationJob: JSONWritable {
    /// `{"id", "case_id", "kind", "target", "artifact", "quorum", "outcome", "created_at", "closed_at"}`.
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("id", id)
            json.field("case_id", caseID)
            json.field("kind", kind.rawValue)
            json.nullableField("target", target?.text)
            json.nullableField("artifact", artifact?.description)
            json.field("quorum", quorum)
            json.nullableField("outcome", outcome?.rawValue)
            json.field("created_at", createdAt)
            json.nullableField("closed_at", closedAt)
        }
    }
}

extension Attestation: JSONWritable {
    /// `{"id", "job_id", "organization_id", "result", "environment_digest", "observed_signature", "key_id",
    /// "signature", "statement", "submitted_at"}`: `statement` is the exact text that was signed.
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("id", id)
            json.field("job_id", jobID)
            json.field("organization_id", organization)
            json.field("result", result.rawValue)
            json.field("environment_digest", statement.environmentDigest)
            json.field("observed_signature", statement.observedSignature)
            json.field("key_id", keyID)
            json.field("signature", signature.base64EncodedString())
            json.field("statement", statement.canonicalText)
            json.field("submitted_at", submittedAt)
        }
    }
}
