import ArgumentParser
import ClearinghouseCore
import ClearinghouseServer

/// `serve` options for the web interface's sign-in.
struct ServeWebOptions: ParsableArguments {
    @Flag(
        name: .long,
        help: """
            Send the web interface's cookies without Secure, for pages used over plain HTTP. Browsers accept \
            secure cookies from http://localhost, so this is needed only for another plain-HTTP address.
            """)
    var insecureCookies = false

    @Option(name: .long, help: "Sign-in and invitation forms one client address may post per minute.")
    var signInAttemptsPerMinute: Int = ServerConfiguration().signInAttemptsPerMinute

    @Option(name: .long, help: "Minutes a person's web session lasts unused.")
    var sessionIdleMinutes: Int = Int(ServerConfiguration().sessionLifetime.idle / 60)

    @Option(name: .long, help: "Hours a person's web session lasts in all, however busy.")
    var sessionHours: Int = Int(ServerConfiguration().sessionLifetime.absolute / 3_600)

    func validate() throws {
        guard signInAttemptsPerMinute >= 1 else {
            throw ValidationError("--sign-in-attempts-per-minute must be at least 1.")
        }
        guard sessionIdleMinutes >= 1 else { throw ValidationError("--session-idle-minutes must be at least 1.") }
        guard (1...168).contains(sessionHours) else { throw ValidationError("--session-hours must be from 1 to 168.") }
    }

    /// Puts the options into a configuration.
    func apply(to configuration: inout ServerConfiguration) {
        configuration.secureCookies = !insecureCookies
        configuration.signInAttemptsPerMinute = signInAttemptsPerMinute
        configuration.sessionLifetime.idle = Double(sessionIdleMinutes) * 60
        configuration.sessionLifetime.absolute = Double(sessionHours) * 3_600
    }
}
