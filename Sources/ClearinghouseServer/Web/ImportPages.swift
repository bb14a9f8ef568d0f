import ClearinghouseCore
import ClearinghouseWorkflows
import Foundation
import Hummingbird

/// Imports for coordinators: a file of OSV records, CISA's KEV catalog or a day of FIRST's EPSS scores is handed
/// over, read in the background by this node, and followed on its own page, which refreshes itself until the run
/// ends.
extension WebController {
    static let importsPageSize = 50

    func importsPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await signedIn(request, context) { visit in
            pages.render("imports", try await importsValues(visit, context: context, request: request))
        }
    }

    private func importsValues(_ visit: Visit, context: AppRequestContext, request: Request) async throws
        -> [String: Any]
    {
        // The cursor is a run's id, checked before it reaches a query.
        let before = try request.uri.queryParameters["before"].map { text in
            guard let id = ImportRun.ID(String(text)) else {
                throw ClearinghouseError(.invalidCursor, "`before` is not an import's id.")
            }
            return id
        }
        let runs = try await ImportRuns(environment.workflows).list(
            by: visit.requester(context), before: before, limit: Self.importsPageSize + 1)
        let now = environment.dependencies.now()
        var values = visit.chrome
        values["title"] = "Imports"
        values["onImports"] = true
        values["kinds"] = ImportRun.Kind.allCases.map { kind -> [String: Any] in
            ["value": kind.rawValue, "name": kind.title, "checked": kind == .osv]
        }
        values["maximumSize"] = ByteCountFormatter.string(
            fromByteCount: Int64(environment.configuration.maximumImportSize), countStyle: .binary)
        values["runs"] = runs.prefix(Self.importsPageSize).map { Self.runValues($0, now: now) }
        values["hasRuns"] = !runs.isEmpty
        if runs.count > Self.importsPageSize, let last = runs.prefix(Self.importsPageSize).last {
            values["next"] = "/imports?before=\(last.id.rawValue)"
        }
        return values
    }

    func startImport(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await signedIn(request, context) { visit in
            let requester = visit.requester(context)
            let runs = ImportRuns(environment.workflows)
            // Before a byte of the file is read (every kind asks the same of the person: a coordinator's analyst),
            // and before it is held in memory: a slot of this node's queue, so that uploads in flight are bounded too.
            try await runs.authorize(.osv, by: requester)
            func refuse(_ field: String, _ message: String) async throws -> Response {
                var values = try await importsValues(visit, context: context, request: request)
                values[field] = message
                values["error"] = "Nothing was imported; see below."
                return pages.render("imports", values, status: .badRequest)
            }
            do {
                try environment.imports.reserve()
            } catch let error as ClearinghouseError {
                return try await refuse("documentError", error.message)
            }
            var queued = false
            defer { if !queued { environment.imports.release() } }
            let form = try await MultipartForm(
                request, limit: environment.configuration.maximumImportSize + 64 * 1024)
            guard FormToken.verify(form["form_token"], for: visit.secret) else { return staleForm(back: "/imports") }
            guard let kind = form["kind"].flatMap(ImportRun.Kind.init(rawValue:)) else {
                return try await refuse("kindError", "Choose what the file holds.")
            }
            guard let file = form.file("document") else {
                return try await refuse("documentError", "Choose a file to import.")
            }
            let run = try await runs.queue(
                kind, filename: file.filename, byteCount: file.content.count,
                node: environment.configuration.nodeName, by: requester)
            environment.imports.enqueue(.init(run: run, data: file.content, requester: requester, runs: runs))
            queued = true
            return Pages.redirect(to: "/imports/\(run.id.rawValue)")
        }
    }

    func importPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await signedIn(request, context) { visit in
            guard let id = context.parameters.get("id").flatMap(ImportRun.ID.init) else {
                throw ClearinghouseError.notFound("import")
            }
            let run = try await ImportRuns(environment.workflows).find(id, by: visit.requester(context))
            let now = environment.dependencies.now()
            var values = visit.chrome
            values["title"] = "Import of \(run.filename)"
            values["onImports"] = true
            values.merge(Self.runValues(run, now: now)) { $1 }
            values["invalid"] = run.invalid.map { ["source": $0.source, "reasons": $0.reasons] }
            values["hasInvalid"] = !run.invalid.isEmpty
            if run.invalidCount > run.invalid.count { values["moreInvalid"] = run.invalidCount - run.invalid.count }
            if run.isActive && !run.isInterrupted(at: now) { values["refresh"] = 2 }
            return pages.render("import", values)
        }
    }

    /// What the list and a run's page show of a run.
    private static func runValues(_ run: ImportRun, now: Date) -> [String: Any] {
        let interrupted = run.isInterrupted(at: now)
        var values: [String: Any] = [
            "id": run.id.rawValue, "filename": run.filename, "kind": run.kind.title,
            "size": ByteCountFormatter.string(fromByteCount: Int64(run.byteCount), countStyle: .binary),
            "started": instant(run.createdAt), "processed": run.processed, "imported": run.imported,
            "updated": run.updated, "unchanged": run.unchanged, "removed": run.removed,
            "invalidCount": run.invalidCount, "isOSV": run.kind == .osv,
            "state": interrupted ? "interrupted" : run.state.rawValue,
            "active": run.isActive && !interrupted, "interrupted": interrupted,
            "finished": run.state == .finished, "failed": run.state == .failed,
        ]
        values.set("failure", nonEmpty: run.failure)
        values.set("ended", nonEmpty: run.finishedAt.map(instant))
        return values
    }
}
