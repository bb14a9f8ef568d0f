import Foundation

/// Which page of a list to return: at most `limit` items after the position a cursor marks.
public struct PageRequest: Sendable, Hashable {
    /// The default number of items in a page.
    public static let defaultLimit = 50
    /// The most items a page may hold.
    public static let maximumLimit = 500

    public var limit: Int
    /// The sort key of the last item of the previous page; `nil` for the first page.
    public var after: String?

    /// Creates a page request; the limit is clamped to `1...maximumLimit`.
    public init(limit: Int = PageRequest.defaultLimit, after: String? = nil) {
        self.limit = min(max(limit, 1), Self.maximumLimit)
        self.after = after
    }

    /// Reads `limit` and `cursor` as callers send them.
    ///
    /// - Throws: `invalid_field` for a limit that is not a number in range, `invalid_cursor` for a cursor this
    ///   server did not issue.
    public init(limit: String?, cursor: String?) throws(ClearinghouseError) {
        var count = Self.defaultLimit
        if let limit {
            guard let value = Int(limit), (1...Self.maximumLimit).contains(value) else {
                throw .invalidField("limit", "`limit` must be a whole number from 1 to \(Self.maximumLimit).")
            }
            count = value
        }
        self.init(limit: count, after: try cursor.map { (text) throws(ClearinghouseError) in try Cursor.decode(text) })
    }
}

/// One page of a list and the cursor of the next one.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    /// The cursor to pass for the next page; `nil` on the last page.
    public var nextCursor: String?

    /// Creates a page.
    public init(items: [Item], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }
}

/// Opaque pagination cursors: the sort key of the last item, wrapped so that callers do not build their own.
public enum Cursor {
    private static let version = "c1:"

    /// Wraps a sort key.
    public static func encode(_ key: String) -> String {
        Data((version + key).utf8).base64URLEncodedString
    }

    /// Unwraps a cursor.
    ///
    /// - Throws: `invalid_cursor` when the text is not a cursor this server issued.
    public static func decode(_ cursor: String) throws(ClearinghouseError) -> String {
        var base64 = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        // Any text in a cursor's form names a position, even one this server never issued (the page after it is
        // as good an answer as any); only text that is not in the form is refused.
        guard cursor.count <= 512, let data = Data(base64Encoded: base64),
            case let text = String(decoding: data, as: UTF8.self), text.hasPrefix(version)
        else {
            throw ClearinghouseError(
                .invalidCursor,
                "`cursor` is not a cursor this server issued; pass the `next_cursor` of a previous page.",
                field: "cursor")
        }
        return String(text.dropFirst(version.count))
    }
}

/// Collects one page of the records a party may see, batch by batch, asking the access policy about each.
///
/// Lists never filter visibility in SQL alone: the policy decides every record, as for a single read.
public struct VisiblePageCollector<Item: Sendable>: Sendable {
    /// Reads up to `limit` records whose sort key is after `after`, in key order.
    public typealias FetchBatch = @Sendable (_ after: String?, _ limit: Int) async throws -> [Item]

    let policy: AccessPolicy
    let key: @Sendable (Item) -> String
    let visibility: @Sendable (Item) -> Visibility

    /// Creates a collector for one kind of record.
    public init(
        policy: AccessPolicy, key: @escaping @Sendable (Item) -> String,
        visibility: @escaping @Sendable (Item) -> Visibility
    ) {
        self.policy = policy
        self.key = key
        self.visibility = visibility
    }

    /// Collects the page.
    ///
    /// - Parameters:
    ///   - request: The page to return.
    ///   - party: Who is asking.
    ///   - fetch: Reads a batch from the store.
    /// - Returns: Up to `request.limit` visible records and, when more may follow, the next cursor.
    public func collect(_ request: PageRequest, for party: Party, fetch: FetchBatch) async throws -> Page<Item> {
        var visible: [Item] = []
        var after = request.after
        let batchSize = max(request.limit + 1, 100)
        while true {
            let batch = try await fetch(after, batchSize)
            for item in batch where policy.read(visibility(item), by: party).isGranted {
                visible.append(item)
                if visible.count > request.limit {
                    visible.removeLast()
                    return Page(items: visible, nextCursor: visible.last.map { Cursor.encode(key($0)) })
                }
            }
            guard batch.count == batchSize, let last = batch.last else {
                return Page(items: visible, nextCursor: nil)
            }
            after = key(last)
        }
    }

    /// Collects the page from records already in memory, sorted by their keys.
    public func collect(_ request: PageRequest, for party: Party, from items: [Item]) async throws -> Page<Item> {
        let key = key
        return try await collect(request, for: party) { after, limit in
            Array(items.lazy.filter { item in after.map { key(item) > $0 } ?? true }.prefix(limit))
        }
    }
}
