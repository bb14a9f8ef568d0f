import ArgumentParser
import ClearinghouseCore
import ClearinghouseServer
import Foundation

/// `serve` options for the frontier-model framework.
struct ServeFrontierOptions: ParsableArguments {
    @Option(
        name: .customLong("designation-consultee"),
        help: ArgumentHelp(
            "An organization's UUID that every determination consults: it is asked to sign off, and sees the determination. Repeat for several.",
            valueName: "uuid"))
    var designationConsultees: [String] = []

    func validate() throws {
        for consultee in designationConsultees where Organization.ID(consultee) == nil {
            throw ValidationError("--designation-consultee is an organization's UUID, not `\(consultee)`.")
        }
        guard designationConsultees.count <= Determination.maximumConsulted else {
            throw ValidationError("At most \(Determination.maximumConsulted) --designation-consultee.")
        }
    }

    /// Puts the options into a configuration.
    func apply(to configuration: inout ServerConfiguration) {
        configuration.designationConsultees = designationConsultees.compactMap(Organization.ID.init)
    }
}
