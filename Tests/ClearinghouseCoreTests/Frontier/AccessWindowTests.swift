import ClearinghouseCore
import Foundation
import Testing

/// Pre-release access windows: at most 30 days, evaluators named by the developer, terms accepted before any access
/// and at the model's handling level, access that ends by itself; and the insider-risk signals on what evaluators do.
@Suite struct AccessWindowTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let evaluator = Organization.ID(UUID())
    static let model = FrontierModelTests.registered

    static func window(days: Double = 30, starts: Date? = nil) throws -> AccessWindow {
        let start = starts ?? now
        return try AccessWindow(
            opening: model, evaluators: [evaluator], startsAt: starts, endsAt: start.addingTimeInterval(days * 86_400),
            purpose: "Cyber-capability evaluation before release", id: AccessWindow.ID(UUID()), now: now)
    }

    @Test func aWindowLastsAtMostThirtyDays() throws {
        #expect(try Self.window(days: 30).endsAt == Self.now.addingTimeInterval(30 * 86_400))
        #expect {
            try Self.window(days: 30.001)
        } throws: { error in
            let error = error as? ClearinghouseError
            return error?.field == "ends_at" && error?.message.contains("at most 30 days") == true
                && error?.message.contains("2027-02-14T08:00:00.000Z") == true
        }
    }

    @Test func badWindowsAreRefusedByField() throws {
        let cases: [(() throws -> AccessWindow, String)] = [
            ({ try Self.window(days: 0) }, "ends_at"),
            ({ try Self.window(starts: Self.now.addingTimeInterval(-3_600)) }, "starts_at"),
            (
                {
                    try AccessWindow(
                        opening: Self.model, evaluators: [], startsAt: nil, endsAt: Self.now.addingTimeInterval(86_400),
                        purpose: "x", id: AccessWindow.ID(UUID()), now: Self.now)
                }, "evaluator_ids"
            ),
            (
                {
                    try AccessWindow(
                        opening: Self.model, evaluators: [Self.evaluator, Self.evaluator], startsAt: nil,
                        endsAt: Self.now.addingTimeInterval(86_400), purpose: "x", id: AccessWindow.ID(UUID()),
                        now: Self.now)
                }, "evaluator_ids"
            ),
            (
                {
                    try AccessWindow(
                        opening: Self.model, evaluators: [Self.model.developer], startsAt: nil,
                        endsAt: Self.now.addingTimeInterval(86_400), purpose: "x", id: AccessWindow.ID(UUID()),
                        now: Self.now)
                }, "evaluator_ids"
            ),
            (
                {
                    try AccessWindow(
                        opening: Self.model.withdrawn(at: Self.now), evaluators: [Self.evaluator], startsAt: nil,
                        endsAt: Self.now.addingTimeInterval(86_400), purpose: "x", id: AccessWindow.ID(UUID()),
                        now: Self.now)
                }, "model"
            ),
            (
                {
                    try AccessWindow(
                        opening: Self.model, evaluators: [Self.evaluator], startsAt: nil,
                        endsAt: Self.now.addingTimeInterval(86_400), purpose: "two\nlines", id: AccessWindow.ID(UUID()),
                        now: Self.now)
                }, "purpose"
            ),
        ]
        for (open, field) in cases {
            #expect {
                try open()
            } throws: { error in
                (error as? ClearinghouseError)?.field == field
            }
        }
    }

    @Test func accessNeedsTermsAndEndsWithTheWindow() throws {
        let window = try Self.window(days: 7, starts: Self.now.addingTimeInterval(3_600))
        let terms = try ConfidentialityTerms(
            accepting: "Model Atlas 2.0 and its outputs", ipCategories: [.weights, .evaluationResults],
            handlingLevel: .restricted, for: window, of: Self.model, by: Self.evaluator, now: Self.now)
        let during = Self.now.addingTimeInterval(86_400)
        #expect(window.access(by: Self.evaluator, at: during, terms: nil) == .refused(.termsNotAccepted))
        #expect(window.access(by: Self.evaluator, at: Self.now, terms: terms) == .refused(.notYetOpen))
        #expect(window.access(by: Self.evaluator, at: during, terms: terms) == .granted)
        #expect(window.access(by: Organization.ID(UUID()), at: during, terms: terms) == .refused(.notAnEvaluator))
        #expect(window.access(by: Self.evaluator, at: window.endsAt, terms: terms) == .refused(.expired))
        var closed = window
        closed.closedAt = during
        #expect(closed.access(by: Self.evaluator, at: during.addingTimeInterval(1), terms: terms) == .refused(.closed))
        #expect(closed.state(at: during.addingTimeInterval(-1)) == .open)
    }

    @Test func termsHandleTheModelAtItsLevelOrAbove() throws {
        let window = try Self.window(days: 7)
        // The model is `restricted`.
        #expect {
            try ConfidentialityTerms(
                accepting: "Atlas", ipCategories: [.weights], handlingLevel: .confidential, for: window,
                of: Self.model, by: Self.evaluator, now: Self.now)
        } throws: { error in
            (error as? ClearinghouseError)?.field == "handling_level"
        }
        #expect {
            try ConfidentialityTerms(
                accepting: "Atlas", ipCategories: [], handlingLevel: .critical, for: window, of: Self.model,
                by: Self.evaluator, now: Self.now)
        } throws: { error in
            (error as? ClearinghouseError)?.field == "ip_categories"
        }
        #expect(
            FrontierModel.Confidentiality.confidential < .restricted
                && FrontierModel.Confidentiality.restricted < .critical)
    }

    @Test func insiderRiskSignalsFlagBulkOffHoursExpiredAndExports() throws {
        let window = try Self.window(days: 7)
        func access(
            _ offset: TimeInterval, _ kind: WindowAccess.Kind = .view, _ outcome: WindowAccess.Outcome = .granted
        )
            -> WindowAccess
        {
            WindowAccess(
                window: window.id, evaluator: Self.evaluator, actor: "token 1", resource: "/v1/checkpoints/atlas",
                kind: kind, at: Self.now.addingTimeInterval(offset), from: "192.0.2.7", outcome: outcome)
        }
        // 2027-01-15T08:00Z is working hours; 02:00 the next night is not.
        #expect(InsiderRisk.signals(of: access(60), after: []).isEmpty)
        #expect(InsiderRisk.signals(of: access(18 * 3_600)) == [.offHours])
        #expect(InsiderRisk.signals(of: access(60, .export), after: []) == [.export])
        #expect(InsiderRisk.signals(of: access(60, .view, .refused(.expired)), after: []) == [.afterExpiry])
        let history = (0..<100).map { access(Double($0)) }
        #expect(InsiderRisk.signals(of: access(200), after: history) == [.bulk])
        // Accesses more than an hour before do not count.
        #expect(InsiderRisk.signals(of: access(3_700), after: history).isEmpty)
    }
}

extension InsiderRisk {
    static func signals(of access: WindowAccess) -> [Signal] { signals(of: access, after: []) }
}
