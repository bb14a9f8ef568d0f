import ClearinghouseCore
import Foundation
import Hummingbird
import TLP

extension Request {
    /// What a findings submission says in its query: the format, the target, provenance, and the label of the cases
    /// it opens.
    ///
    /// - Throws: `ClearinghouseError.invalidField` naming the query parameter at fault.
    func findingSubmissionOptions() throws(ClearinghouseError) -> (
        format: FindingFormat?, reader: FindingReader, label: TLPLabel
    ) {
        let query = uri.queryParameters
        func text(_ name: String) -> String? { query[Substring(name)].map(String.init) }
        let format = try text("format").map { (name) throws(ClearinghouseError) in
            try FindingFormat.parse(name, field: "format")
        }
        var target: FindingTarget?
        if let purl = text("purl") {
            target = try FindingTarget.package(purl, field: "purl")
        } else if let repository = text("repository") {
            target = try FindingTarget.repository(
                repository, commit: text("commit"), field: "repository", commitField: "commit")
        }
        let cost = text("cost").map { FindingProvenance.Cost(amount: $0, currency: text("cost_currency") ?? "USD") }
        let provenance = try FindingProvenance(
            tool: text("tool"), toolVersion: text("tool_version"), model: text("model"),
            configurationHash: text("configuration_hash"), lease: text("lease"), cost: cost
        ).validated()
        var label = Case.defaultLabel
        if let tlp = text("tlp") {
            // A `+` left unencoded in a query reads as a space.
            guard let parsed = TLPLabel(parsing: tlp.replacingOccurrences(of: " ", with: "+")) else {
                throw .invalidField("tlp", "`tlp` must be a TLP 2.0 label: CLEAR, GREEN, AMBER, AMBER+STRICT or RED.")
            }
            label = parsed
        }
        return (format, FindingReader(target: target, provenance: provenance), label)
    }
}
