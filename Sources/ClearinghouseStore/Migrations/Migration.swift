import Crypto
import Foundation

/// A named, ordered change to the schema.
///
/// Once a migration has shipped it is never edited: the migrator records each migration's checksum and refuses to
/// start on a database where a shipped migration's text has changed. Fix mistakes with a new migration.
struct Migration: Sendable {
    /// A sortable name, `NNNN_what_it_does`.
    let name: String
    /// The statements for each dialect, run in order inside one transaction.
    let statements: @Sendable (Dialect) -> [String]

    /// SHA-256 over the dialect's statements, in lowercase hex.
    func checksum(for dialect: Dialect) -> String {
        let text = statements(dialect).joined(separator: "\n;\n")
        return SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}

/// Every migration, oldest first. Append only.
enum Migrations {
    static let all: [Migration] = [
        .foundation,
        .transparencyLog,
        .advisories,
        .sbomsAndVEX,
        .findings,
        .priorities,
        .changesJobsOutbox,
        .findingLabels,
        .vendorProducts,
        .documentParts,
        .people,
        .findingNames,
        .caseActors,
        .secondFactorPolicy,
        .importRuns,
        .credentialResets,
        .scanLeases,
        .scanAuthorizations,
        .unauthorizedScans,
        .disclosure,
        .webhooks,
        .tuf,
        .tufPatches,
        .remediationReminders,
        .frontier,
        .modelEvaluations,
        .determinations,
        .accessWindows,
    ]
}
