/// What a person's password must be, after NIST SP 800-63B: long enough, not absurdly long, and nothing else
/// imposed (no composition rules, no expiry).
public enum PasswordPolicy {
    /// The fewest characters; 15 is what SP 800-63B asks where a password is the only factor, and a second factor
    /// is optional for most people here.
    public static let minimumCharacters = 15
    /// The most bytes hashed; longer passwords are refused rather than cut.
    public static let maximumBytes = 1_024

    /// Checks a new password.
    ///
    /// - Parameter context: words the password must not merely repeat (the person's name and email address).
    /// - Throws: `invalid_field` on `password`, saying what to change.
    public static func check(_ password: String, context: [String] = []) throws(ClearinghouseError) {
        guard password.count >= minimumCharacters else {
            throw .invalidField(
                "password", "A password has at least \(minimumCharacters) characters; a few unrelated words will do.")
        }
        guard password.utf8.count <= maximumBytes else {
            throw .invalidField("password", "A password has at most \(maximumBytes) bytes.")
        }
        guard Set(password).count > 3 else {
            throw .invalidField("password", "This password repeats too few characters to be hard to guess.")
        }
        let lowered = password.lowercased()
        for word in context where word.count >= 4 && lowered.contains(word.lowercased()) {
            throw .invalidField("password", "A password must not contain your name or email address.")
        }
    }
}
