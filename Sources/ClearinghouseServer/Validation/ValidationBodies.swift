import ClearinghouseCore

/// The body of `POST /v1/validator-keys`.
struct ValidatorKeyBody: JSONRequestBody {
    /// The base64 of a 32-byte Ed25519 public key.
    let publicKey: String

    enum CodingKeys: String, CodingKey, CaseIterable {
        case publicKey = "public_key"
    }
}

/// The body of `POST /v1/validation-jobs/{id}/attestations`.
struct AttestationBody: JSONRequestBody {
    let result: String
    let environmentDigest: String
    let observedSignature: String
    let keyID: String
    /// The base64 Ed25519 signature of the statement's canonical text.
    let signature: String

    enum CodingKeys: String, CodingKey, CaseIterable {
        case result, signature
        case environmentDigest = "environment_digest"
        case observedSignature = "observed_signature"
        case keyID = "key_id"
    }
}

/// The body of `POST /v1/cases/{id}/fix-verifications`.
struct FixVerificationBody: JSONRequestBody {
    /// The fixed version to run the proof against.
    let target: FindingTarget

    enum CodingKeys: String, CodingKey, CaseIterable {
        case target
    }
}
