import ArgumentParser
import ClearinghouseCore
import ClearinghouseServer
import Foundation

/// `serve` options for the signed channels: the TUF repository at `/tuf/` and the CSAF provider directory at
/// `/.well-known/csaf/`.
struct ServeSigningOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The online keys `clearinghouse tuf init` wrote: the node then adds published advisories as TUF targets and signs the online metadata again before it expires. Without it, /tuf/ serves what the database holds.",
            valueName: "file"))
    var tufKeys: String?

    @Option(
        name: .long,
        help:
            "Seconds TUF timestamp metadata is valid (signed again when half is left): how long a client can be kept on old metadata without noticing."
    )
    var tufTimestampLifetime: Int = Int(TUFLifetimes().timestamp)

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The OpenPGP key `clearinghouse csaf key` wrote: each CSAF document in /.well-known/csaf/ gets a detached signature, and the instance is a csaf_trusted_provider. Without it the documents are served with their hashes only.",
            valueName: "file"))
    var csafSigningKey: String?

    func validate() throws {
        guard (2...7 * 86_400).contains(tufTimestampLifetime) else {
            throw ValidationError("--tuf-timestamp-lifetime must be from 2 seconds to 7 days.")
        }
    }

    func apply(to configuration: inout ServerConfiguration) throws {
        configuration.csafSigningKey = try csafSigningKey.map(CSAFKeyFile.read)
        guard let tufKeys else { return }
        var lifetimes = TUFLifetimes()
        lifetimes.timestamp = TimeInterval(tufTimestampLifetime)
        configuration.tufSigning = TUFSigning(keys: try TUFKeyFile.readOnline(tufKeys), lifetimes: lifetimes)
    }
}
