import JSONSupport

/// Where a finding came from: the tool or AI agent that produced it and how it was run.
///
/// The reporting organization is not part of it: the server takes that from the caller's token, never from the
/// submission.
public struct FindingProvenance: Sendable, Hashable {
    /// The scanner, fuzzer or AI agent (`CodeQL`, `OSS-Fuzz`, `acme-agent`).
    public var tool: String?
    public var toolVersion: String?
    /// The AI model behind an agent, as its developer names it.
    public var model: String?
    /// A digest of the agent's or scanner's configuration, so that two runs can be told apart or grouped.
    public var configurationHash: String?
    /// The scan lease the finding came from, as the reporter names it (checked once scan coordination exists).
    public var lease: String?
    /// What the scan cost, when reported.
    public var cost: Cost?

    /// An amount of money in a currency.
    public struct Cost: Sendable, Hashable {
        /// The amount, as a decimal text (`12.40`), so that no precision is lost.
        public var amount: String
        /// An ISO 4217 code (`USD`).
        public var currency: String

        public init(amount: String, currency: String) {
            self.amount = amount
            self.currency = currency
        }
    }

    public init(
        tool: String? = nil, toolVersion: String? = nil, model: String? = nil, configurationHash: String? = nil,
        lease: String? = nil, cost: Cost? = nil
    ) {
        self.tool = tool
        self.toolVersion = toolVersion
        self.model = model
        self.configurationHash = configurationHash
        self.lease = lease
        self.cost = cost
    }

    /// The fields of `other` that are set, over these.
    public func overridden(by other: FindingProvenance) -> FindingProvenance {
        FindingProvenance(
            tool: other.tool ?? tool, toolVersion: other.toolVersion ?? toolVersion, model: other.model ?? model,
            configurationHash: other.configurationHash ?? configurationHash, lease: other.lease ?? lease,
            cost: other.cost ?? cost)
    }

    /// Checks the fields as a reporter sent them.
    ///
    /// - Parameter prefix: How the fields are named in the request (`provenance.` in a JSON body, nothing for
    ///   query parameters).
    /// - Throws: `ClearinghouseError.invalidField` naming the field at fault.
    public func validated(prefix: String = "") throws(ClearinghouseError) -> FindingProvenance {
        func line(_ value: String?, _ name: String) throws(ClearinghouseError) -> String? {
            try value.map { (text) throws(ClearinghouseError) in
                try TextRules.singleLine(text, field: prefix + name, maximumLength: 200)
            }
        }
        var checked = FindingProvenance(
            tool: try line(tool, "tool"), toolVersion: try line(toolVersion, "tool_version"),
            model: try line(model, "model"), configurationHash: try line(configurationHash, "configuration_hash"),
            lease: try line(lease, "lease"), cost: nil)
        if let cost {
            let amount = cost.amount
            // Digits, with at most one decimal point between digits.
            let parts = amount.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
            guard (1...2).contains(parts.count), amount.utf8.count <= 20,
                parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { (48...57).contains($0) } })
            else {
                throw .invalidField(
                    prefix + "cost", "`\(prefix)cost` must be a non-negative decimal amount such as `12.40`.")
            }
            let currency = cost.currency.uppercased()
            guard currency.utf8.count == 3, currency.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                throw .invalidField(
                    prefix + "cost_currency", "`\(prefix)cost_currency` must be an ISO 4217 code such as `USD`.")
            }
            checked.cost = Cost(amount: amount, currency: currency)
        }
        return checked
    }
}

/// As the finding document writes provenance: snake_case, unknown fields refused; a cost's amount may be a
/// JSON number or a decimal string.
extension FindingProvenance: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case tool, model, lease, cost
        case toolVersion = "tool_version"
        case configurationHash = "configuration_hash"
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            tool: try container.decodeIfPresent(String.self, forKey: .tool),
            toolVersion: try container.decodeIfPresent(String.self, forKey: .toolVersion),
            model: try container.decodeIfPresent(String.self, forKey: .model),
            configurationHash: try container.decodeIfPresent(String.self, forKey: .configurationHash),
            lease: try container.decodeIfPresent(String.self, forKey: .lease),
            cost: try container.decodeIfPresent(Cost.self, forKey: .cost))
    }
}

extension FindingProvenance.Cost: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case amount, currency
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let amount: String
        if let number = try? container.decode(Double.self, forKey: .amount) {
            amount = String(number)
        } else {
            amount = try container.decode(String.self, forKey: .amount)
        }
        self.init(amount: amount, currency: try container.decode(String.self, forKey: .currency))
    }
}
