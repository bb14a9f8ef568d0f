import Foundation
import Versions

/// The vers-spec test suite (`Resources/vers-spec/tests`), read once, and how this library fares on each case.
enum VersSpecSuite {
    struct Case: Sendable, CustomStringConvertible {
        let file: String
        let kind: String
        let scheme: String
        let input: [String: any Sendable]
        let inputText: String?
        let expected: (any Sendable)?
        let expectedFailure: Bool

        var description: String { "\(file): \(kind) \(inputText ?? String(describing: input))" }
    }

    static let cases: [Case] = {
        let root = Bundle.module.bundleURL.appendingPathComponent("Resources/vers-spec/tests")
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).sorted()
        return files.flatMap { file -> [Case] in
            let data = (try? Data(contentsOf: root.appendingPathComponent(file))) ?? Data()
            let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
            return (object?["tests"] as? [[String: Any]] ?? []).map { test in
                let input = test["input"] as? [String: Any] ?? [:]
                let text = test["input"] as? String ?? input["vers"] as? String
                let scheme =
                    input["input_scheme"] as? String ?? input["scheme"] as? String
                    ?? text.flatMap { $0.split(separator: ":").dropFirst().first?.split(separator: "/").first }
                    .map(String.init) ?? "?"
                return Case(
                    file: file, kind: test["test_type"] as? String ?? "", scheme: scheme,
                    input: input.mapValues { value -> any Sendable in
                        if let list = value as? [String] { return list }
                        return value as? String ?? ""
                    },
                    inputText: text, expected: sendable(test["expected_output"]),
                    expectedFailure: test["expected_failure"] as? Bool ?? false)
            }
        }
    }()

    private static func sendable(_ value: Any?) -> (any Sendable)? {
        switch value {
        case let text as String: text
        case let flag as Bool: flag
        case let list as [String]: list
        case let object as [String: Any]:
            object.mapValues { value -> any Sendable in
                (value as? [[String]]) ?? (value as? String) ?? ""
            }
        default: nil
        }
    }

    /// Whether the library gives the expected answer; `nil` when the case's scheme is not implemented.
    static func passes(_ test: Case) -> Bool? {
        switch test.kind {
        case "comparison", "equality":
            guard let scheme = VersionSchemes.named(test.scheme) else { return nil }
            guard let versions = test.input["versions"] as? [String], versions.count >= 2,
                versions.allSatisfy(scheme.isValid)
            else { return false }
            if test.kind == "equality" {
                return ((try? scheme.compare(versions[0], versions[1])) == 0) == (test.expected as? Bool)
            }
            // Expected lists are in order and may spell versions in their normalized form (NuGet's lower case).
            guard let expected = test.expected as? [String], expected.count == versions.count else { return false }
            let sorted = versions.sorted { (try? scheme.compare($0, $1)) ?? 0 < 0 }
            return zip(sorted, expected).allSatisfy { (try? scheme.compare($0, $1)) == 0 }
                && zip(sorted, sorted.dropFirst()).allSatisfy { (try? scheme.compare($0, $1)) ?? 0 < 0 }
        case "containment":
            guard VersionSchemes.named(test.scheme) != nil else { return nil }
            guard let range = test.inputText.flatMap({ try? VersionRange(normalizing: $0) }),
                let version = test.input["version"] as? String, let contained = try? range.contains(version)
            else { return false }
            return contained == (test.expected as? Bool)
        case "validate":
            guard VersionSchemes.named(test.scheme) != nil else { return nil }
            let range = test.inputText.flatMap { try? VersionRange(normalizing: $0) }
            return test.expectedFailure ? range == nil : range?.description == test.expected as? String
        case "parse":
            let range = test.inputText.flatMap { try? VersionRange(parsing: $0) }
            if test.expectedFailure { return range == nil }
            guard let expected = test.expected as? [String: any Sendable], let range else { return false }
            let constraints = range.constraints.map { [$0.comparator.rawValue, $0.version] }
            return expected["scheme"] as? String == range.schemeName
                && expected["version_constraints"] as? [[String]] == constraints
        case "from_native":
            guard let native = test.input["native_range"] as? String else { return false }
            let converted: VersionRange?
            do {
                guard let result = try NativeRange.parse(native, scheme: test.scheme) else { return nil }
                converted = result
            } catch {
                converted = nil
            }
            return test.expectedFailure ? converted == nil : converted?.description == test.expected as? String
        default:
            return false
        }
    }
}
