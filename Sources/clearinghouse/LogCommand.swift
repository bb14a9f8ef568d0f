import ArgumentParser
import Foundation
import TransparencyLog

/// `clearinghouse log`: the transparency log's keys.
struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Manage the transparency log's signing key.",
        subcommands: [KeygenCommand.self])
}

/// `clearinghouse log keygen`: a new Ed25519 key for signing checkpoints.
struct KeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Create a transparency log key and print its verifier key.",
        discussion: """
            Writes the private key to FILE (mode 0600; an existing file is never replaced) and prints the \
            verifier key, <name>+<key hash>+<base64 key>, on standard output. Give the private key to every \
            server node with `serve --log-key FILE`; publish the verifier key so that anyone can run \
            `clearinghouse verify log`. The name is the origin line of every checkpoint, conventionally the \
            log's address without a scheme.
            """)

    @Option(name: .long, help: ArgumentHelp("Where to write the private key.", valueName: "file"))
    var out: String

    @Option(name: .long, help: "The log's name and checkpoint origin, such as clearinghouse.example.org/log.")
    var name: String = ServeLogOptions.defaultOrigin

    func run() throws {
        let signer = try LogKeyFile.create(out, name: name)
        print(signer.verifier.verifierKey)
    }
}
