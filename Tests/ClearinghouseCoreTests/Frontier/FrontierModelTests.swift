import ClearinghouseCore
import Foundation
import Testing

/// A model's release and withdrawal are its developer's facts to record: from every state, each transition takes
/// only a date, never a determination, window or request, and keeps the first date it was given.
@Suite struct FrontierModelTests {
    static let registered = FrontierModel(
        id: FrontierModel.ID(UUID()), developer: Organization.ID(UUID()), name: "Atlas", version: "2.0",
        plannedReleaseAt: nil, confidentiality: .restricted, registeredAt: Date(timeIntervalSince1970: 1_800_000_000),
        releasedAt: nil, withdrawnAt: nil)

    static let states: [FrontierModel] = {
        let first = Date(timeIntervalSince1970: 1_800_100_000)
        return [
            registered, registered.released(at: first), registered.withdrawn(at: first),
            registered.withdrawn(at: first).released(at: first),
        ]
    }()

    @Test func everyStateReleasesAndWithdraws() {
        let later = Date(timeIntervalSince1970: 1_900_000_000)
        for state in Self.states {
            let released = state.released(at: later)
            #expect(released.releasedAt == (state.releasedAt ?? later))
            #expect(released.withdrawnAt == state.withdrawnAt)
            let withdrawn = state.withdrawn(at: later)
            #expect(withdrawn.withdrawnAt == (state.withdrawnAt ?? later))
            #expect(withdrawn.releasedAt == state.releasedAt)
        }
    }

    @Test func registrationIsChecked() {
        #expect(throws: ClearinghouseError.self) {
            try FrontierModel(
                registering: "", version: "1", plannedReleaseAt: nil, confidentiality: .confidential,
                id: FrontierModel.ID(UUID()), developer: Organization.ID(UUID()), now: Date())
        }
        #expect(throws: ClearinghouseError.self) {
            try FrontierModel(
                registering: "Atlas", version: String(repeating: "9", count: 101), plannedReleaseAt: nil,
                confidentiality: .confidential, id: FrontierModel.ID(UUID()), developer: Organization.ID(UUID()),
                now: Date())
        }
    }
}
