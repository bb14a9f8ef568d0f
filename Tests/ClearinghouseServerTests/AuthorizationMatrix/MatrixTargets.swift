import TLP

/// The targets the matrix's routes act on, built from the world's records.
extension MatrixWorld {
    /// An identifier of the same shape as `id` that names nothing.
    static func missing(_ id: String) -> String {
        String(id.dropLast()) + (id.last == "0" ? "1" : "0")
    }

    /// One target per case, `path` filled in from the case; the missing path names a case (or the record `path`
    /// names first) that does not exist.
    func caseTargets(
        where included: (MatrixCase) -> Bool = { _ in true }, body: String? = nil, nameSuffix: String = "",
        holders: ((MatrixCase) -> Set<MatrixOrganization>)? = nil, marker: ((MatrixCase) -> String?)? = nil,
        _ path: @escaping (MatrixCase) -> (path: String, missing: String)
    ) -> [MatrixTarget] {
        cases.filter(included).map { found in
            let (filled, missing) = path(found)
            return MatrixTarget(
                name: found.name + nameSuffix, path: filled, missingPath: missing, body: body, label: found.label,
                holders: holders?(found) ?? found.holders, marker: marker?(found))
        }
    }

    /// One target per organization of the world: organizations are AMBER+STRICT records held by themselves.
    func organizationTargets(body: String? = nil, _ path: @escaping (String) -> String) -> [MatrixTarget] {
        MatrixOrganization.allCases.map { organization in
            let id = self.id(organization)
            return MatrixTarget(
                name: "organization \(organization.rawValue)", path: path(id), missingPath: path(Self.missing(id)),
                body: body, label: .amberStrict, holders: [organization], marker: id)
        }
    }

    var sbomTarget: MatrixTarget {
        MatrixTarget(
            name: "operator's SBOM", path: "/v1/sboms/\(sbom)", missingPath: "/v1/sboms/\(Self.missing(sbom))",
            label: .amberStrict, holders: [.owner], marker: sbom)
    }

    /// The vendor's VEX applies to everyone (GREEN); the operator's is its own (AMBER+STRICT).
    var vexTargets: [MatrixTarget] {
        [(vendorVEX, TLPLabel.green, MatrixOrganization.participant), (ownerVEX, .amberStrict, .owner)].map {
            id, label, holder in
            MatrixTarget(
                name: "\(holder.rawValue)'s VEX", path: "/v1/vex/\(id)", missingPath: "/v1/vex/\(Self.missing(id))",
                label: label, holders: [holder], marker: id)
        }
    }

    /// The operator's scan lease (AMBER, held by the operator) at the path `path` makes of its id.
    func scanLeaseTarget(body: String? = nil, _ path: (String) -> String) -> MatrixTarget {
        MatrixTarget(
            name: "operator's scan lease", path: path(scanLease), missingPath: path(Self.missing(scanLease)),
            body: body, label: .amber, holders: [.owner], marker: scanLease)
    }

    /// The operator's verified network (AMBER, the operator's).
    func scanAssetTarget(body: String? = nil, _ path: (String) -> String) -> MatrixTarget {
        MatrixTarget(
            name: "operator's network", path: path(scanAsset), missingPath: path(Self.missing(scanAsset)), body: body,
            label: .amber, holders: [.owner], marker: scanAsset)
    }

    /// The operator's grant to the researcher (AMBER, the operator's with the researcher on its list).
    func scanGrantTarget(_ path: (String) -> String) -> MatrixTarget {
        MatrixTarget(
            name: "operator's grant to the researcher", path: path(scanGrant), missingPath: path(Self.missing(scanGrant)),
            label: .amber, holders: [.owner, .researcher], marker: scanGrant)
    }

    /// The operator's webhook subscription (RED: the operator's analysts and admins alone).
    func webhookTarget(body: String? = nil, _ path: (String) -> String) -> MatrixTarget {
        MatrixTarget(
            name: "operator's webhook", path: path(webhook), missingPath: path(Self.missing(webhook)), body: body,
            label: .red, holders: [.owner], marker: webhook)
    }

    /// A lease like `target`'s, for a cell that ends it.
    func freshScanLease(like target: MatrixTarget) async throws -> MatrixTarget {
        var fresh = target
        fresh.path = target.path.replacingOccurrences(of: scanLease, with: try await claimScan())
        return fresh
    }

    /// A case like `target`'s (same label, participants and state), for a cell that changes it; `path` and
    /// `body` are rewritten to name the new case.
    func freshCase(like target: MatrixTarget) async throws -> MatrixTarget {
        let original = try cases.first { target.path.contains($0.id) }.unwrap("the target's case")
        let made = try await makeCase(original.label)
        var fresh = target
        fresh.path = target.path.replacingOccurrences(of: original.id, with: made.id)
        fresh.body = target.body?.replacingOccurrences(of: original.id, with: made.id)
        return fresh
    }
}

extension Optional {
    func unwrap(_ what: String) throws -> Wrapped {
        guard let self else { throw MatrixSetupError(what: what) }
        return self
    }
}

struct MatrixSetupError: Error, CustomStringConvertible {
    let what: String
    var description: String { "the matrix could not find \(what)" }
}
