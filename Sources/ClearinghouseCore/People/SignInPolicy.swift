public import Foundation

/// How sign-in resists guessing, and what it decides for one attempt. The server adds a per-address limit in
/// front of it; this is the per-person part, kept in the store so that every node applies it.
public enum SignInPolicy {
    /// Failures in a row before the person is locked out.
    public static let freeFailures = 5
    /// The first lockout; each further failure doubles it.
    public static let firstLockout: TimeInterval = 15 * 60
    /// The longest lockout.
    public static let longestLockout: TimeInterval = 24 * 3600

    /// How long to lock a person out after their `failures`-th failure in a row, or `nil` for no lockout.
    public static func lockout(afterFailures failures: Int) -> TimeInterval? {
        guard failures >= freeFailures else { return nil }
        let doublings = min(failures - freeFailures, 16)
        return min(firstLockout * Double(1 << doublings), longestLockout)
    }

    /// What one attempt with a password (and a code, when one was typed) comes to.
    public enum Outcome: Sendable, Hashable {
        /// Signed in; `rehash` says the stored password hash is weaker than today's cost and should be replaced.
        case signedIn(codeStep: UInt64?, rehash: Bool)
        /// The password is right, and the person has (or must enrol) a second factor: ask for the code.
        case needsCode
        /// Refused. Callers answer every refusal alike, so that nobody learns which addresses exist.
        case refused(Refusal)
    }

    /// Why an attempt was refused; for the audit log only.
    public enum Refusal: String, Sendable, Hashable {
        case unknownPerson = "unknown_person"
        case inactive
        case locked
        case wrongPassword = "wrong_password"
        case wrongCode = "wrong_code"
    }

    /// Decides an attempt.
    ///
    /// - Parameters:
    ///   - person: the person with the address given, or `nil` when there is none.
    ///   - password: the password typed.
    ///   - code: the authenticator code typed, if the form asked for one.
    ///   - secondFactorRequired: whether this person must use a second factor (coordinators, or an organization
    ///     that requires it); one who has none enrolled is asked to enrol before signing in.
    public static func decide(
        person: Person?, password: String, code: String?, secondFactorRequired: Bool, now: Date
    ) -> Outcome {
        guard let person else { return .refused(.unknownPerson) }
        guard person.isActive, let stored = person.password else { return .refused(.inactive) }
        if let lockedUntil = person.lockedUntil, lockedUntil > now { return .refused(.locked) }
        guard stored.verifies(password) else { return .refused(.wrongPassword) }
        guard let totp = person.secondFactor else {
            return secondFactorRequired ? .needsCode : .signedIn(codeStep: nil, rehash: stored.needsRehash())
        }
        guard let code else { return .needsCode }
        guard let step = totp.matchingStep(of: code, at: now, after: person.lastCodeStep) else {
            return .refused(.wrongCode)
        }
        return .signedIn(codeStep: step, rehash: stored.needsRehash())
    }
}
