import CSAF
import Foundation
import JSONSupport
import Testing

/// The mandatory tests run here, on the CSAF TC's validator test documents: each document listed as failing a test
/// fails it, and each listed as valid for it passes it.
@Suite struct CSAFMandatoryTestsTests {
    static let directory = Bundle.module.bundleURL.appendingPathComponent("Resources/validator")

    struct Case: Sendable, CustomTestStringConvertible {
        let test: CSAFMandatoryTest
        let file: String
        let valid: Bool
        var testDescription: String { "\(test.rawValue) \(valid ? "valid" : "failing") \(file)" }
    }

    static let cases: [Case] = {
        guard let data = try? Data(contentsOf: directory.appendingPathComponent("testcases.json")),
            let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let tests = root["tests"] as? [[String: Any]]
        else { return [] }
        return tests.flatMap { entry -> [Case] in
            guard let id = entry["id"] as? String, let test = CSAFMandatoryTest(rawValue: id) else { return [] }
            let listed = (entry["failures"] as? [[String: Any]] ?? []) + (entry["valid"] as? [[String: Any]] ?? [])
            return listed.compactMap { item in
                guard let name = item["name"] as? String, let valid = item["valid"] as? Bool else { return nil }
                return Case(test: test, file: name, valid: valid)
            }
        }
    }()

    @Test func everyTestHasItsDocuments() {
        #expect(Set(Self.cases.map(\.test)) == Set(CSAFMandatoryTest.allCases))
        #expect(Self.cases.count == 34)
    }

    @Test(arguments: cases) func aDocumentFailsExactlyTheTestsItIsListedFor(_ item: Case) throws {
        let document = try JSONDecoder().decode(
            JSONTree.self, from: Data(contentsOf: Self.directory.appendingPathComponent(item.file)))
        let failures = CSAFMandatoryTest.run(document).filter { $0.test == item.test }
        if item.valid {
            #expect(failures.isEmpty, "\(failures)")
        } else {
            #expect(!failures.isEmpty)
        }
    }

    @Test func aDeepProductTreeIsWalkedWithoutRecursion() {
        var branch = JSONTree.object([
            "category": .string("product_version"), "name": .string("1.0"),
            "product": .object(["name": .string("deep 1.0"), "product_id": .string("DEEP")]),
        ])
        for level in 0..<5_000 {
            branch = .object([
                "category": .string("product_family"), "name": .string("level \(level)"), "branches": .array([branch]),
            ])
        }
        let document = JSONTree.object([
            "document": .object(["category": .string("csaf_base")]),
            "product_tree": .object(["branches": .array([branch])]),
            "vulnerabilities": .array([.object(["product_status": .object(["fixed": .array([.string("DEEP")])])])]),
        ])
        #expect(CSAFMandatoryTest.run(document).isEmpty)
    }
}
