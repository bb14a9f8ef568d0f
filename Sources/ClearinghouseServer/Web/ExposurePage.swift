import ClearinghouseCore
import ClearinghouseStore
import ClearinghouseWorkflows
import Foundation
import Hummingbird
import JSONSupport
import SBOM
import VEX

/// The exposure page: the organization's SBOMs (upload, replace, delete), its VEX documents (publish, withdraw), and
/// the components that advisories affect.
extension WebController {
    private var exposureQueries: ExposureQueries {
        ExposureQueries(
            environment.workflows, advisories: environment.catalogs.advisories, exposure: environment.catalogs.exposure)
    }

    func exposurePage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await signedIn(request, context) { visit in
            var values = try await exposureValues(visit, context: context, request: request)
            values.set("notice", nonEmpty: Self.notice(in: request))
            return pages.render("exposure", values)
        }
    }

    func uploadSBOM(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await signedIn(request, context) { visit in
            let requester = visit.requester(context)
            let organization = visit.member.organizationID
            // Before a byte of the file is read: a reader's upload is refused as the API refuses it.
            try await ExposureIntake(environment.workflows).authorizeSBOMs(
                of: organization, .sbomUpload, target: nil, by: requester)
            guard let form = try await fileForm(request, visit: visit) else { return staleForm(back: "/exposure") }
            /// The page again, with what was typed and what is wrong.
            func refuse(_ field: String, _ message: String) async throws -> Response {
                var values = try await exposureValues(visit, context: context, request: request)
                values["asset"] = form["asset"] ?? ""
                values["internetFacing"] = form["internet_facing"] == "1"
                values[field] = message
                values["error"] = "The SBOM was not uploaded; see below."
                return pages.render("exposure", values, status: .badRequest)
            }
            let asset: String
            do {
                asset = try SBOMRecord.validatedAsset(form["asset"])
            } catch let error as ClearinghouseError {
                return try await refuse("assetError", error.message)
            }
            guard let file = form.file("document") else {
                return try await refuse("documentError", "Choose a CycloneDX or SPDX JSON file.")
            }
            guard let text = String(data: file.content, encoding: .utf8) else {
                return try await refuse(
                    "documentError", "The file is not UTF-8 text; SBOMs in JSON are written in UTF-8.")
            }
            let bill: SoftwareBill
            do {
                bill = try text.withUTF8Data(SoftwareBill.read)
            } catch let error as SBOMError {
                return try await refuse("documentError", error.description)
            }
            let record = SBOMRecord(
                id: environment.dependencies.makeID(), organization: organization, asset: asset,
                internetFacing: form["internet_facing"] == "1", bill: bill, uploadedAt: environment.dependencies.now())
            _ = try await ExposureIntake(environment.workflows).save(
                record, document: StoredDocument(text: text), replacing: false, by: requester)
            return Pages.redirect(to: "/exposure?notice=sbom-uploaded")
        }
    }

    func deleteSBOM(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await signedIn(request, context) { visit in
            let form = try await FormBody(request)
            guard formIsGenuine(form, request: request, visit: visit) else { return staleForm(back: "/exposure") }
            let requester = visit.requester(context)
            // A record the person may not see is the same "not found" page as a missing one.
            let entry = try exposureQueries.sbom(context.parameters.get("id").flatMap(SBOMRecord.ID.init), by: requester)
            try await ExposureIntake(environment.workflows).delete(entry, by: requester)
            return Pages.redirect(to: "/exposure?notice=sbom-deleted")
        }
    }

    func replaceSBOM(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await signedIn(request, context) { visit in
            let requester = visit.requester(context)
            // A record the person may not see is the same "not found" page as a missing one; a reader is refused
            // before a byte of the file is read.
            let existing = try exposureQueries.sbom(context.parameters.get("id").flatMap(SBOMRecord.ID.init), by: requester)
            let intake = ExposureIntake(environment.workflows)
            try await intake.authorizeSBOMs(of: existing.organization, .sbomReplace, target: .sbom(existing.id), by: requester)
            guard let form = try await fileForm(request, visit: visit) else { return staleForm(back: "/exposure") }
            guard let file = form.file("document"), let text = String(data: file.content, encoding: .utf8) else {
                return try await refuseExposure(visit, context, request, "sbomsError", "Choose a CycloneDX or SPDX JSON file in UTF-8.")
            }
            let bill: SoftwareBill
            do {
                bill = try text.withUTF8Data(SoftwareBill.read)
            } catch let error as SBOMError {
                return try await refuseExposure(visit, context, request, "sbomsError", "\(existing.asset): \(error.description)")
            }
            let record = SBOMRecord(
                id: existing.id, organization: existing.organization, asset: existing.asset,
                internetFacing: existing.internetFacing, bill: bill, uploadedAt: environment.dependencies.now())
            _ = try await intake.save(record, document: StoredDocument(text: text), replacing: true, by: requester)
            return Pages.redirect(to: "/exposure?notice=sbom-replaced")
        }
    }

    func publishVEX(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await signedIn(request, context) { visit in
            let requester = visit.requester(context)
            let member = visit.member
            let intake = ExposureIntake(environment.workflows)
            try await intake.authorizeVEX(of: member.organizationID, .vexUpload, target: nil, by: requester)
            guard let form = try await fileForm(request, visit: visit) else { return staleForm(back: "/exposure") }
            guard let file = form.file("document"), let text = String(data: file.content, encoding: .utf8) else {
                return try await refuseExposure(
                    visit, context, request, "vexError", "Choose an OpenVEX, CycloneDX VEX or CSAF VEX JSON file in UTF-8.")
            }
            let document: VEXDocument
            do {
                document = try text.withUTF8Data(VEXDocument.read)
            } catch let error as VEXError {
                return try await refuseExposure(visit, context, request, "vexError", error.description)
            }
            let record = VEXRecord(
                id: environment.dependencies.makeID(), organization: member.organizationID,
                appliesToEveryone: VEXRecord.appliesToEveryone(publishedBy: member.organization), document: document,
                uploadedAt: environment.dependencies.now())
            try await intake.publish(record, document: StoredDocument(text: text), by: requester)
            return Pages.redirect(to: "/exposure?notice=vex-published")
        }
    }

    func withdrawVEX(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await signedIn(request, context) { visit in
            let form = try await FormBody(request)
            guard formIsGenuine(form, request: request, visit: visit) else { return staleForm(back: "/exposure") }
            let requester = visit.requester(context)
            let record = try exposureQueries.vexDocument(
                context.parameters.get("id").flatMap(VEXRecord.ID.init), by: requester)
            try await ExposureIntake(environment.workflows).withdraw(record, by: requester)
            return Pages.redirect(to: "/exposure?notice=vex-withdrawn")
        }
    }

    /// The exposure page again, with what is wrong next to the form at fault; nothing was changed.
    private func refuseExposure(
        _ visit: Visit, _ context: AppRequestContext, _ request: Request, _ field: String, _ message: String
    ) async throws -> Response {
        var values = try await exposureValues(visit, context: context, request: request)
        values[field] = message
        values["error"] = "Nothing was changed; see below."
        return pages.render("exposure", values, status: .badRequest)
    }

    private func exposureValues(_ visit: Visit, context: AppRequestContext, request: Request) async throws
        -> [String: Any]
    {
        let requester = visit.requester(context)
        let exposure = try exposureQueries.organizationExposure(only: nil, by: requester)
        var values = visit.chrome
        values["title"] = "Exposure"
        values["onExposure"] = true
        let sboms = exposure.entries.sorted { $0.asset < $1.asset }
        values["sboms"] = sboms.map { entry -> [String: Any] in
            [
                "id": entry.id.rawValue, "asset": entry.asset, "format": entry.format.description,
                "components": entry.components.count, "internetFacing": entry.internetFacing,
                "uploaded": Self.day(entry.uploadedAt), "formToken": visit.formToken,
            ]
        }
        values["hasSBOMs"] = !sboms.isEmpty
        let own = visit.member.organizationID
        let vex = try await exposureQueries.vexDocuments(PageRequest(limit: 200), by: requester)
        values["vex"] = vex.items.map { record -> [String: Any] in
            [
                "id": record.id.rawValue, "format": record.document.format.rawValue,
                "statements": record.document.statements.count, "uploaded": Self.day(record.uploadedAt),
                "ours": record.organization == own, "everyone": record.appliesToEveryone,
            ]
        }
        values["hasVEX"] = !vex.items.isEmpty
        let affected = exposure.findings.filter { !$0.isSuppressed }
        values["findings"] = affected.prefix(200).map { finding -> [String: Any] in
            var row: [String: Any] = [
                "advisory": finding.advisory.rawValue, "advisoryPath": Self.pathSegment(finding.advisory.rawValue),
                "asset": finding.asset, "component": finding.component.name, "version": finding.version,
                "fixed": finding.fixedVersions.joined(separator: ", "),
            ]
            row.set("aliases", nonEmpty: finding.aliases.joined(separator: ", "))
            row.set("purl", nonEmpty: finding.component.purl)
            return row
        }
        values["hasFindings"] = !affected.isEmpty
        values["findingCount"] = affected.count
        values["moreFindings"] = affected.count > 200
        return values
    }
}
