import CSAF
public import Foundation
import JSONSupport

extension VEXDocument {
    /// Reads a CycloneDX VEX, OpenVEX or CSAF VEX JSON document, telling them apart by `bomFormat`, `@context`
    /// and `document.category`.
    ///
    /// - Throws: `VEXError` naming what is wrong.
    public static func read(_ data: Data) throws(VEXError) -> VEXDocument {
        struct Probe: Decodable {
            struct Document: Decodable { let category: String? }
            let bomFormat: String?
            let context: String?
            let document: Document?

            enum CodingKeys: String, CodingKey {
                case bomFormat
                case context = "@context"
                case document
            }
        }
        if let problem = JSONNesting.problem(in: data) { throw VEXError(problem) }
        let probe: Probe
        do {
            probe = try JSONDecoder().decode(Probe.self, from: data)
        } catch {
            throw VEXError("The VEX document is not a JSON object.")
        }
        do {
            if probe.bomFormat == "CycloneDX" {
                return try bounded(JSONDecoder().decode(CycloneDXVEX.self, from: data).document())
            }
            if probe.context?.hasPrefix("https://openvex.dev/ns") == true {
                return try bounded(JSONDecoder().decode(OpenVEX.self, from: data).document())
            }
            if probe.document?.category != nil {
                return try bounded(JSONDecoder().decode(CSAFDocument.self, from: data).vex())
            }
        } catch let error as VEXError {
            throw error
        } catch let error as DecodingError {
            throw VEXError("The VEX document is malformed: \(error.fieldDescription).")
        } catch {
            throw VEXError("The VEX document is malformed: \(error).")
        }
        throw VEXError(
            "The document is not CycloneDX VEX (`bomFormat`), OpenVEX (`@context` https://openvex.dev/ns/...) "
                + "or CSAF VEX (`document.category`).")
    }

    /// The most statements a VEX document may make.
    public static let maximumStatements = 100_000

    private static func bounded(_ document: VEXDocument) throws(VEXError) -> VEXDocument {
        guard document.statements.count <= maximumStatements else {
            throw VEXError(
                "The VEX document makes \(document.statements.count) statements; at most \(maximumStatements) are accepted.")
        }
        return document
    }
}
