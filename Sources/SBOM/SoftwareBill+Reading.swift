public import Foundation
import JSONSupport

extension SoftwareBill {
    /// Reads a CycloneDX (1.2 to 1.6) or SPDX (2.2, 2.3) JSON document, telling the two apart by their
    /// `bomFormat` and `spdxVersion` fields.
    ///
    /// - Throws: `SBOMError` naming what is wrong: not JSON, neither format, an unsupported version, or the field
    ///   that has the wrong type or is missing.
    public static func read(_ data: Data) throws(SBOMError) -> SoftwareBill {
        struct Probe: Decodable {
            let bomFormat: String?
            let specVersion: String?
            let spdxVersion: String?
        }
        if let problem = JSONNesting.problem(in: data) { throw SBOMError(problem) }
        let probe: Probe
        do {
            probe = try JSONDecoder().decode(Probe.self, from: data)
        } catch let DecodingError.typeMismatch(_, context) where context.codingPath.isEmpty {
            throw SBOMError("An SBOM is a JSON object.")
        } catch let error as DecodingError {
            throw SBOMError("The SBOM is not JSON, or not an object: \(error.fieldDescription).")
        } catch {
            throw SBOMError("The SBOM is not JSON: \(error).")
        }
        if let format = probe.bomFormat {
            guard format == "CycloneDX" else {
                throw SBOMError("`bomFormat` is `\(format)`; a CycloneDX document says `CycloneDX`.")
            }
            guard let version = probe.specVersion, CycloneDXDocument.supportedVersions.contains(version) else {
                throw SBOMError(
                    "CycloneDX `specVersion` \(probe.specVersion.map { "`\($0)`" } ?? "(missing)") is not supported; "
                        + "send CycloneDX 1.2 to 1.6 JSON.")
            }
            return try bounded(decode(CycloneDXDocument.self, from: data, format: "CycloneDX \(version)").bill())
        }
        if let version = probe.spdxVersion {
            guard SPDXDocument.supportedVersions.contains(version) else {
                throw SBOMError("`spdxVersion` `\(version)` is not supported; send SPDX 2.2 or 2.3 JSON.")
            }
            return try bounded(decode(SPDXDocument.self, from: data, format: version).bill())
        }
        throw SBOMError(
            "The document is neither CycloneDX (no `bomFormat`) nor SPDX 2 (no `spdxVersion`); SPDX 3 JSON-LD and "
                + "XML are not supported.")
    }

    /// The most components an SBOM may list: far above a large container image's few thousand.
    public static let maximumComponents = 100_000

    private static func bounded(_ bill: SoftwareBill) throws(SBOMError) -> SoftwareBill {
        guard bill.components.count <= maximumComponents else {
            throw SBOMError("The SBOM lists \(bill.components.count) components; at most \(maximumComponents) are accepted.")
        }
        return bill
    }

    private static func decode<Document: Decodable>(
        _ type: Document.Type, from data: Data, format: String
    )
        throws(SBOMError) -> Document
    {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            throw SBOMError("The \(format) document is malformed: \(error.fieldDescription).")
        } catch {
            throw SBOMError("The \(format) document is malformed: \(error).")
        }
    }
}
