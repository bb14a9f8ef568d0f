import NIOCore
import Testing

@testable import ClearinghouseServer

@Suite struct TAXIIPageCacheTests {
    static func page(_ bytes: Int) -> TAXIIPageCache.Page {
        .init(body: ByteBuffer(repeating: 0x20, count: bytes), headers: [:])
    }

    @Test func aPageServesOnlyAtTheSequenceItWasReadAt() {
        let cache = TAXIIPageCache()
        cache.store(Self.page(10), for: "objects?", at: 5)
        #expect(cache.page(for: "objects?", at: 5)?.body.readableBytes == 10)
        #expect(cache.page(for: "objects?", at: 6) == nil)
        // A page read at an older position than the cache's is not kept; a newer one drops the rest.
        cache.store(Self.page(20), for: "manifest?", at: 4)
        #expect(cache.page(for: "manifest?", at: 4) == nil)
        cache.store(Self.page(30), for: "manifest?", at: 7)
        #expect(cache.page(for: "objects?", at: 7) == nil && cache.page(for: "manifest?", at: 7) != nil)
    }

    @Test func theCacheIsBoundedInPagesBytesAndKeyLength() {
        let cache = TAXIIPageCache()
        for index in 0..<TAXIIPageCache.capacity { cache.store(Self.page(1), for: "objects?\(index)", at: 1) }
        #expect(cache.page(for: "objects?0", at: 1) != nil)
        cache.store(Self.page(1), for: "objects?full", at: 1)
        #expect(cache.page(for: "objects?0", at: 1) == nil && cache.page(for: "objects?full", at: 1) != nil)

        let half = TAXIIPageCache.byteCapacity / 2 + 1
        cache.store(Self.page(half), for: "big-1", at: 2)
        cache.store(Self.page(half), for: "big-2", at: 2)
        #expect(cache.page(for: "big-1", at: 2) == nil && cache.page(for: "big-2", at: 2) != nil)

        let long = "objects?" + String(repeating: "a", count: TAXIIPageCache.maximumKeyLength)
        cache.store(Self.page(1), for: long, at: 2)
        #expect(cache.page(for: long, at: 2) == nil)
    }
}
