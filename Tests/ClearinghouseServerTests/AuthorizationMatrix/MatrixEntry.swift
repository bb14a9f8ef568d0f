import ClearinghouseCore
import HTTPTypes
import TLP

/// What one cell of the matrix expects.
enum MatrixOutcome: Equatable, CustomStringConvertible {
    /// This status: a success, or a refusal of the body by a route the caller was allowed through.
    case answers(HTTPResponse.Status)
    /// 401: the route needs a member.
    case unauthenticated
    /// 403: the caller may see the target but not do this.
    case forbidden
    /// 404, and exactly the answer for a target that does not exist.
    case missing
    /// 200, with the target among the items or not.
    case lists(Bool)

    var description: String {
        switch self {
        case .answers(let status): "\(status.code)"
        case .unauthenticated: "401"
        case .forbidden: "403"
        case .missing: "404 like a missing record"
        case .lists(let shown): shown ? "200 listing the target" : "200 without the target"
        }
    }
}

/// A request of one cell: the route's path filled in for one target, and what the oracle knows of that target.
struct MatrixTarget: Sendable, CustomStringConvertible {
    var name: String
    var path: String
    /// The same route naming a record that does not exist, for targets a denial must hide.
    var missingPath: String?
    /// The body; `{n}` is replaced by a number unique to the request, `{key}` by a new validator key's.
    var body: String?
    /// The body that goes with `missingPath`, when it is not `body`.
    var missingBody: String?
    var contentType: String = "application/json"
    var label: TLPLabel = .clear
    /// The owner and the need-to-know list.
    var holders: Set<MatrixOrganization> = []
    /// For lists: text that appears in the answer exactly when the target is listed.
    var marker: String?

    var description: String { name }

    /// A target with no record: a list, a create, a public document.
    static func route(_ path: String, body: String? = nil, contentType: String = "application/json") -> MatrixTarget {
        MatrixTarget(name: "-", path: path, body: body, contentType: contentType)
    }
}

/// The answer every caller gets from one route for each of its targets, written down once.
struct MatrixEntry: Sendable {
    typealias Expectation = @Sendable (MatrixCaller, MatrixTarget) -> MatrixOutcome

    let method: HTTPRequest.Method
    /// The path as `openapi.json` writes it.
    let path: String
    let targets: @Sendable (MatrixWorld) -> [MatrixTarget]
    let expect: Expectation
    /// For a route whose success changes its target: makes an equivalent target for each cell expected to
    /// succeed, so that the change leaves the other cells' targets as they were.
    let fresh: (@Sendable (MatrixWorld, MatrixTarget) async throws -> MatrixTarget)?

    init(
        _ method: HTTPRequest.Method, _ path: String, targets: @escaping @Sendable (MatrixWorld) -> [MatrixTarget],
        fresh: (@Sendable (MatrixWorld, MatrixTarget) async throws -> MatrixTarget)? = nil,
        expect: @escaping Expectation
    ) {
        self.method = method
        self.path = path
        self.targets = targets
        self.fresh = fresh
        self.expect = expect
    }

    var route: String { "\(method.rawValue) \(path)" }
}

/// The rules the matrix's entries are written in.
enum Expect {
    /// Anyone, anonymous callers included.
    static func anyone(_ status: HTTPResponse.Status = .ok) -> MatrixEntry.Expectation {
        { _, _ in .answers(status) }
    }

    /// Members whose token has at least `role` (and who are `allowed`, when that is given); other members 403.
    static func members(
        _ role: TokenRole = .reader, _ status: HTTPResponse.Status = .ok,
        where allowed: @escaping @Sendable (MatrixCaller) -> Bool = { _ in true }
    ) -> MatrixEntry.Expectation {
        { caller, _ in
            guard caller.isMember else { return .unauthenticated }
            return allowed(caller) && caller.has(role) ? .answers(status) : .forbidden
        }
    }

    /// Verified coordinators whose token has at least `role`.
    static func coordinators(_ role: TokenRole, _ status: HTTPResponse.Status = .ok) -> MatrixEntry.Expectation {
        { caller, _ in
            guard caller.isMember else { return .unauthenticated }
            return caller.isVerifiedCoordinator && caller.has(role) ? .answers(status) : .forbidden
        }
    }

    /// Members who may read the target; the others get the answer for a missing record, then `then` decides.
    static func visible(then: @escaping MatrixEntry.Expectation) -> MatrixEntry.Expectation {
        { caller, target in
            guard caller.isMember else { return .unauthenticated }
            guard caller.reads(target.label, holders: target.holders) else { return .missing }
            return then(caller, target)
        }
    }

    /// Members who may read the target get `status`.
    static func visible(_ status: HTTPResponse.Status = .ok) -> MatrixEntry.Expectation {
        visible { _, _ in .answers(status) }
    }

    /// Members get a list that shows the target to those who may read it.
    static func lists(onlyHolders: Bool = false) -> MatrixEntry.Expectation {
        { caller, target in
            guard let organization = caller.organization else { return .unauthenticated }
            let reads = caller.reads(target.label, holders: target.holders)
            return .lists(reads && (!onlyHolders || target.holders.contains(organization)))
        }
    }

    /// `allowed` callers with at least `role` get `status`; other members 403.
    static func only(
        _ role: TokenRole, _ status: HTTPResponse.Status, where allowed: @escaping @Sendable (MatrixCaller) -> Bool
    ) -> MatrixEntry.Expectation {
        { caller, _ in allowed(caller) && caller.has(role) ? .answers(status) : .forbidden }
    }
}
