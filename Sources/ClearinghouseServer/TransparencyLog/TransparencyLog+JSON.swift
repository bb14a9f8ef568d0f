import ClearinghouseStore
import Foundation
public import JSONSupport
import TransparencyLog

extension MerkleHash: JSONWritable {
    /// Base64, as RFC 9162 and the C2SP specifications write hashes.
    func write(to json: inout JSONWriter) { json.string(base64) }
}

extension StoredLogEntry: JSONWritable {
    /// `{"index", "leaf_hash", "kind", "created_at", "data"}`; `data` is the leaf's bytes in base64.
    func write(to json: inout JSONWriter) {
        json.object { json in
            writeFields(to: &json)
        }
    }

    func writeFields(to json: inout JSONWriter) {
        json.field("index", index)
        json.field("leaf_hash", leafHash)
        json.field("kind", kind)
        json.field("created_at", createdAt)
        json.field("data", Data(data).base64EncodedString())
    }
}

/// `{"tree_size", "entries": [...]}`.
struct LogEntriesPage: JSONWritable {
    let treeSize: UInt64
    let entries: [StoredLogEntry]

    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("tree_size", treeSize)
            json.field("entries", entries)
        }
    }
}

/// `{"leaf_index", "tree_size", "leaf_hash", "inclusion_path"}`, named as in RFC 9162.
struct InclusionProofBody: JSONWritable {
    let index: UInt64
    let treeSize: UInt64
    let leafHash: MerkleHash
    let path: [MerkleHash]

    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("leaf_index", index)
            json.field("tree_size", treeSize)
            json.field("leaf_hash", leafHash)
            json.field("inclusion_path", path)
        }
    }
}

/// `{"tree_size_1", "tree_size_2", "consistency_path"}`, named as in RFC 9162.
struct ConsistencyProofBody: JSONWritable {
    let first: UInt64
    let second: UInt64
    let path: [MerkleHash]

    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("tree_size_1", first)
            json.field("tree_size_2", second)
            json.field("consistency_path", path)
        }
    }
}

/// The entry and the preimage of its commitment: `{"index", "leaf_hash", "kind", "created_at", "data",
/// "preimage"}`. Anyone can check that the base64 SHA-256 of `preimage` is the leaf's `commitment`.
struct RevealBody: JSONWritable {
    let entry: StoredLogEntry
    let preimage: String

    func write(to json: inout JSONWriter) {
        json.object { json in
            entry.writeFields(to: &json)
            json.field("preimage", preimage)
        }
    }
}
