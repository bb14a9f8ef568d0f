import Foundation
import Testing

@testable import Evaluations

/// Inspect's zipped `.eval` logs: Zstandard-compressed ones written by the current release (0.3.285, with its mock
/// model, by `scripts/inspect-logs.py`) and deflated ones from older releases (real test logs of inspect_ai), read
/// to the same scores and elicitation record as the same run's `.json`; damaged archives are refused with what is
/// wrong, and an entry can never inflate past what it declares.
@Suite struct InspectArchiveTests {
    static func data(_ name: String, _ type: String = "json") throws -> Data {
        try EvaluationLogTests.data(name, type)
    }

    @Test func currentReleaseArchivesReadLikeTheirJSON() throws {
        let archive = try EvaluationLog.read(try Self.data("ctf_probe_0.3.285", "eval"))
        #expect(archive.task == "ctf_probe" && archive.model == "mockllm/model")
        #expect(archive.scorers == ["includes", "match"])
        #expect(archive.samples.count == 12 && Set(archive.samples.map(\.epoch)) == [1, 2])
        #expect(archive.tally(of: "includes") == (12, 8) && archive.tally(of: "match") == (12, 0))
        #expect(archive.samples.first { $0.id == "ctf-1" && $0.epoch == 2 }?.scores["includes"] == .letter("C"))

        let record = archive.elicitation
        #expect(record.scaffold == ["system_message", "use_tools", "generate"] && record.tools == ["lookup"])
        #expect(record.limits == ["message_limit": 30, "token_limit": 200_000])
        #expect(record.epochs == 2 && record.reducers == ["mean"] && record.attempts == nil)
        #expect(record.packages == ["inspect_ai": "0.3.285"])
        #expect(record.revision == .init(commit: "f643a16", origin: "", dirty: true))

        // The same evaluation written as `.json` by the same release.
        let json = try EvaluationLog.read(try Self.data("ctf_probe_0.3.285"))
        let order: (EvaluationLog.Sample, EvaluationLog.Sample) -> Bool = { ($0.id, $0.epoch) < ($1.id, $1.epoch) }
        #expect(json.samples.sorted(by: order) == archive.samples.sorted(by: order))
        #expect(json.scorers == archive.scorers && json.elicitation == archive.elicitation)
    }

    @Test func olderDeflatedArchivesRead() throws {
        let streaming = try EvaluationLog.read(try Self.data("log_streaming", "eval"))
        #expect(streaming.task == "popularity" && streaming.model == "azureai/Meta-Llama-3-1-405B-Instruct-jqf")
        #expect(streaming.tally(of: "match") == (4, 3))
        #expect(Set(streaming.samples.map(\.id)) == ["1", "2"])
        #expect(streaming.elicitation.scaffold == ["system_message", "generate"] && streaming.elicitation.epochs == 2)
        #expect(streaming.elicitation.revision?.commit == "33c76a75")

        // Ten samples, none scored: no scorer at all.
        let unscored = try EvaluationLog.read(try Self.data("popularity_unscored", "eval"))
        #expect(unscored.samples.count == 10 && unscored.scorers.isEmpty)
    }

    @Test func truncatedAndDamagedArchivesAreRefused() throws {
        let whole = try Self.data("ctf_probe_0.3.285", "eval")
        for cut in [4, 100, whole.count / 2, whole.count - 30, whole.count - 1] {
            #expect(throws: EvaluationError.self, "cut at \(cut)") { try EvaluationLog.read(whole.prefix(cut)) }
        }
        // A byte of header.json's compressed contents changed: its frame or its checksum no longer holds.
        var flipped = whole
        let header = try Self.directoryEntry("header.json", in: whole)
        let local = Int(Self.u32(whole, header + 42))
        let start = local + 30 + Int(Self.u16(whole, local + 26)) + Int(Self.u16(whole, local + 28))
        flipped[start + 20] ^= 0x5A
        #expect(throws: EvaluationError.self) { try EvaluationLog.read(flipped) }
    }

    @Test func anEntryCannotInflatePastItsDeclaredSize() throws {
        for (name, type) in [("ctf_probe_0.3.285", "eval"), ("log_streaming", "eval")] {
            var smaller = try Self.data(name, type)
            let header = try Self.directoryEntry("header.json", in: smaller)
            Self.put(UInt32(100), into: &smaller, at: header + 24)
            #expect {
                try EvaluationLog.read(smaller)
            } throws: { error in
                (error as? EvaluationError)?.description == "header.json is larger than it declares."
            }
        }
    }

    @Test func whatTheEntriesInflateToIsBounded() throws {
        let archive = try Self.data("ctf_probe_0.3.285", "eval")
        // header.json (2,127 bytes) fits in 4,000; summaries.json does not fit in what is left.
        #expect {
            try EvaluationLog.read(archive, limit: 4_000)
        } throws: { error in
            (error as? EvaluationError)?.description.hasPrefix("summaries.json inflates to") == true
        }
        #expect(try EvaluationLog.read(archive, limit: 64_000).samples.count == 12)
        let json = try Self.data("ctf_probe_0.3.285")
        #expect(throws: EvaluationError.self) { try EvaluationLog.read(json, limit: json.count - 1) }
    }

    @Test func otherCompressionMethodsAndEncryptionAreNamed() throws {
        var bzip2 = try Self.data("log_streaming", "eval")
        let header = try Self.directoryEntry("header.json", in: bzip2)
        Self.put(UInt16(12), into: &bzip2, at: header + 10)
        #expect {
            try EvaluationLog.read(bzip2)
        } throws: { error in
            (error as? EvaluationError)?.description.contains("compression method 12") == true
        }
        var encrypted = try Self.data("log_streaming", "eval")
        Self.put(UInt16(1), into: &encrypted, at: header + 8)
        #expect {
            try EvaluationLog.read(encrypted)
        } throws: { error in
            (error as? EvaluationError)?.description == "header.json is encrypted."
        }
    }

    @Test func anArchiveWithoutAHeaderIsNotALog() throws {
        // An empty zip archive: only its end of central directory record.
        let empty = Data([0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0, count: 18))
        #expect {
            try EvaluationLog.read(empty)
        } throws: { error in
            (error as? EvaluationError)?.description.contains("no header.json") == true
        }
    }

    /// The offset of the central directory header naming `name`: the name's last occurrence, 46 bytes in.
    static func directoryEntry(_ name: String, in data: Data) throws -> Int {
        let range = try #require(data.range(of: Data(name.utf8), options: .backwards))
        let offset = range.lowerBound - data.startIndex - 46
        try #require(u32(data, offset) == 0x0201_4b50)
        return offset
    }

    static func u16(_ data: Data, _ offset: Int) -> UInt16 {
        UInt16(data[data.startIndex + offset]) | UInt16(data[data.startIndex + offset + 1]) << 8
    }

    static func u32(_ data: Data, _ offset: Int) -> UInt32 {
        UInt32(u16(data, offset)) | UInt32(u16(data, offset + 2)) << 16
    }

    static func put<Value: FixedWidthInteger>(_ value: Value, into data: inout Data, at offset: Int) {
        for index in 0..<(Value.bitWidth / 8) {
            data[data.startIndex + offset + index] = UInt8(truncatingIfNeeded: value >> (index * 8))
        }
    }
}
