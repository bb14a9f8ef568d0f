import ArgumentParser
import ClearinghouseCore
import ClearinghouseStore
import ClearinghouseWorkflows
import Foundation

/// `clearinghouse tuf`: the TUF repository of published advisories.
struct TUFCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tuf",
        abstract: "Manage the TUF repository that serves published advisories at /tuf/.",
        subcommands: [TUFInitCommand.self, TUFRotateCommand.self])
}

/// `clearinghouse tuf init`: the repository's keys and first metadata.
struct TUFInitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the TUF repository: a root key, the online keys, and the signed root metadata.",
        discussion: """
            Writes a new root key to --root-key and the targets, snapshot and timestamp keys to --online-keys \
            (mode 0600; existing files are never replaced), signs root metadata (version 1) naming them, and \
            stores it in the database with the first targets, snapshot and timestamp metadata. Keep the root key \
            offline: the server never needs it. Give the online keys to every node with \
            `serve --tuf-keys FILE`; the nodes then add each published advisory as a target and sign the online \
            metadata again before it expires. Clients start from `/tuf/metadata/1.root.json`, obtained over a \
            channel they trust. Prints the root metadata's key ids.
            """)

    @Option(name: .long, help: ArgumentHelp("Where to write the root key (keep it offline).", valueName: "file"))
    var rootKey: String

    @Option(
        name: .long, help: ArgumentHelp("Where to write the online keys, for `serve --tuf-keys`.", valueName: "file"))
    var onlineKeys: String

    @OptionGroup var rootLifetime: TUFRootLifetimeOption
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        let logger = logging.makeLogger(label: "clearinghouse")
        let url = try database.resolved()
        let root = TUFSigningKey()
        let online = TUFOnlineKeys.generate()
        let lifetimes = rootLifetime.lifetimes
        try TUFKeyFile.createRoot(rootKey, key: root)
        try TUFKeyFile.createOnline(onlineKeys, keys: online)
        try await Store.withStore(url, logger: logger) { [lifetimes] store in
            try await store.migrate(now: Date())
            do {
                _ = try await TUFRepositoryWorkflows.initialize(
                    rootKey: root, online: online, lifetimes: lifetimes, store: store, dependencies: .system)
            } catch let error as ClearinghouseError {
                throw ValidationError(error.message)
            }
        }
        print("root \(root.publicKey.id)")
        for role in TUFRole.online { print("\(role.rawValue) \(online.key(for: role)!.publicKey.id)") }
    }
}

/// `clearinghouse tuf rotate`: new keys, named by a new root that the current root key signs.
struct TUFRotateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate",
        abstract: "Sign a new TUF root that names new online keys, and a new root key if asked.",
        discussion: """
            Writes new targets, snapshot and timestamp keys to --new-online-keys and, with --new-root-key, a new \
            root key (mode 0600; existing files are never replaced). Signs the next root version with the current \
            root key (and the new one), naming the new keys, and stores it. Clients walk from the root they trust \
            to the new one by themselves. Then restart every node with `serve --tuf-keys` and the new online keys: \
            their first `tuf.sign` run signs targets, snapshot and timestamp metadata with them. Prints the new \
            root's key ids.
            """)

    @Option(name: .long, help: ArgumentHelp("The current root key, which signs the new root.", valueName: "file"))
    var rootKey: String

    @Option(name: .long, help: ArgumentHelp("Where to write a new root key (kept otherwise).", valueName: "file"))
    var newRootKey: String?

    @Option(name: .long, help: ArgumentHelp("Where to write the new online keys.", valueName: "file"))
    var newOnlineKeys: String

    @OptionGroup var rootLifetime: TUFRootLifetimeOption
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        let logger = logging.makeLogger(label: "clearinghouse")
        let url = try database.resolved()
        let current = try TUFKeyFile.readRoot(rootKey)
        let newRoot = newRootKey.map { _ in TUFSigningKey() }
        let online = TUFOnlineKeys.generate()
        let lifetimes = rootLifetime.lifetimes
        if let newRootKey, let newRoot { try TUFKeyFile.createRoot(newRootKey, key: newRoot) }
        try TUFKeyFile.createOnline(newOnlineKeys, keys: online)
        let root = try await Store.withStore(url, logger: logger) { [lifetimes] store in
            try await store.migrate(now: Date())
            do {
                return try await TUFRepositoryWorkflows.rotate(
                    rootKey: current, newRootKey: newRoot, online: online, lifetimes: lifetimes, store: store,
                    dependencies: .system)
            } catch let error as ClearinghouseError {
                throw ValidationError(error.message)
            }
        }
        print("version \(root.version)")
        print("root \((newRoot ?? current).publicKey.id)")
        for role in TUFRole.online { print("\(role.rawValue) \(online.key(for: role)!.publicKey.id)") }
    }
}

/// How long a root `tuf init` or `tuf rotate` signs is valid.
struct TUFRootLifetimeOption: ParsableArguments {
    @Option(name: .long, help: "Days the root metadata is valid.")
    var rootLifetimeDays: Int = 365

    func validate() throws {
        guard (1...3_650).contains(rootLifetimeDays) else {
            throw ValidationError("--root-lifetime-days must be from 1 to 3650.")
        }
    }

    var lifetimes: TUFLifetimes {
        var lifetimes = TUFLifetimes()
        lifetimes.root = TimeInterval(rootLifetimeDays) * 86_400
        return lifetimes
    }
}

/// TUF keys on disk: one line per role, `<role> <base64 Ed25519 seed>`, readable by their owner only.
enum TUFKeyFile {
    static func createRoot(_ path: String, key: TUFSigningKey) throws {
        try SecretFile.create(path, contents: line(.root, key), what: "TUF root key")
    }

    static func createOnline(_ path: String, keys: TUFOnlineKeys) throws {
        let text = TUFRole.online.map { line($0, keys.key(for: $0)!) }.joined()
        try SecretFile.create(path, contents: text, what: "TUF online keys")
    }

    /// Reads a root key file.
    static func readRoot(_ path: String) throws -> TUFSigningKey {
        guard let key = try read(path, what: "TUF root key")[.root] else {
            throw ValidationError("\(path) holds no root key, as `clearinghouse tuf init` writes it.")
        }
        return key
    }

    /// Reads the online keys file `serve --tuf-keys` names.
    static func readOnline(_ path: String) throws -> TUFOnlineKeys {
        let keys = try read(path, what: "TUF online keys")
        guard let targets = keys[.targets], let snapshot = keys[.snapshot], let timestamp = keys[.timestamp] else {
            throw ValidationError(
                "\(path) must hold a targets, a snapshot and a timestamp key, as `clearinghouse tuf init` writes them.")
        }
        return TUFOnlineKeys(targets: targets, snapshot: snapshot, timestamp: timestamp)
    }

    private static func line(_ role: TUFRole, _ key: TUFSigningKey) -> String {
        "\(role.rawValue) \(key.seed.base64EncodedString())\n"
    }

    private static func read(_ path: String, what: String) throws -> [TUFRole: TUFSigningKey] {
        var keys: [TUFRole: TUFSigningKey] = [:]
        for line in try SecretFile.read(path, what: what).split(whereSeparator: \.isNewline) {
            let fields = line.split(separator: " ")
            guard fields.count == 2, let role = TUFRole(rawValue: String(fields[0])),
                let seed = Data(base64Encoded: String(fields[1])), let key = try? TUFSigningKey(seed: seed)
            else {
                throw ValidationError("\(path) is not a \(what) file: each line is `<role> <base64 Ed25519 seed>`.")
            }
            keys[role] = key
        }
        return keys
    }
}
