import ClearinghouseCore
import ClearinghouseStore
import ClearinghouseWorkflows
import Foundation
import Hummingbird
import TransparencyLog

/// The transparency page, public as the log is: the latest signed checkpoint, an entry with its inclusion proof
/// checked here against the checkpoint's root, and how to check all of it from outside.
extension WebController {
    func transparencyPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let visit = try await visit(request, context)
        var values = visit?.chrome ?? [:]
        values["title"] = "Transparency log"
        values["onTransparency"] = true
        values["publicPage"] = true
        values["server"] = request.head.authority.map { "http://" + $0 } ?? "http://127.0.0.1:8080"
        let log = environment.log
        let checkpoint: StoredCheckpoint
        do {
            checkpoint = try await log.checkpoint()
        } catch let error as ClearinghouseError where error.code == .unavailable {
            values["empty"] = true
            return pages.render("transparency", values)
        }
        values["size"] = checkpoint.size
        values["root"] = checkpoint.root.base64
        values["signedAt"] = Self.instant(checkpoint.createdAt)
        values["note"] = checkpoint.note
        values["lastIndex"] = checkpoint.size > 0 ? checkpoint.size - 1 : 0
        guard let text = request.uri.queryParameters["index"], !text.isEmpty else {
            return pages.render("transparency", values)
        }
        values["index"] = String(text.prefix(20))
        guard let index = UInt64(text), index < checkpoint.size else {
            values["indexError"] = "An entry's index is a whole number from 0 to \(checkpoint.size - 1)."
            return pages.render("transparency", values, status: .badRequest)
        }
        let proof = try await log.inclusionProof(index: index, leafHash: nil, treeSize: checkpoint.size)
        let entry = try await log.entries(start: index, end: index + 1).entries.first
        var shown: [String: Any] = [
            "index": index, "leafHash": proof.leafHash.base64, "path": proof.path.map(\.base64),
            "steps": proof.path.count,
        ]
        if let entry {
            shown["kind"] = entry.kind
            shown["created"] = Self.instant(entry.createdAt)
            // The leaf's own bytes, hashed here, must be the leaf the proof is about.
            shown["hashMatches"] = MerkleHash.leaf(entry.data) == proof.leafHash
        }
        do {
            try TransparencyLog.InclusionProof.verify(
                leafHash: proof.leafHash, index: index, treeSize: checkpoint.size, proof: proof.path,
                root: checkpoint.root)
            shown["verified"] = true
        } catch {
            shown["failure"] = "\(error)"
        }
        values["entry"] = shown
        return pages.render("transparency", values)
    }
}
