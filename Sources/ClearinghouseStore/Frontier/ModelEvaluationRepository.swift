public import ClearinghouseCore
import Evaluations
import Foundation
import SQLKit

extension Repositories {
    public var modelEvaluations: ModelEvaluationRepository { ModelEvaluationRepository(database: database) }
}

/// Submitted evaluations of registered models, each log kept in the native format.
public struct ModelEvaluationRepository: Sendable {
    let database: any SQLDatabase

    static let table = "model_evaluations"
    static let columns = ["id", "model_id", "suite", "submitted_by", "submitted_at", "digest", "log"]

    public func insert(_ evaluation: SubmittedEvaluation) async throws {
        let values: [any Encodable & Sendable] = [
            evaluation.id.rawValue, evaluation.model.rawValue, evaluation.suite, evaluation.submittedBy.rawValue,
            Timestamp.microseconds(evaluation.submittedAt), evaluation.digest, evaluation.log.nativeJSON.canonicalText,
        ]
        try await database.insert([values], into: Self.table, columns: Self.columns)
    }

    public func find(_ id: SubmittedEvaluation.ID) async throws -> SubmittedEvaluation? {
        try await database.select().columns(Self.columns).from(Self.table).where("id", .equal, id.rawValue).first()
            .map(Self.evaluation)
    }

    /// A model's evaluations by id after `after`.
    public func list(of model: FrontierModel.ID, after: String?, limit: Int) async throws -> [SubmittedEvaluation] {
        var query = database.select().columns(Self.columns).from(Self.table).where("model_id", .equal, model.rawValue)
        if let after { query = query.where("id", .greaterThan, after) }
        return try await query.orderBy("id").limit(limit).all().map(Self.evaluation)
    }

    private static func evaluation(_ row: any SQLRow) throws -> SubmittedEvaluation {
        let row = try StoredRow(row, table: table)
        let log: EvaluationLog
        do {
            log = try EvaluationLog.read(Data(try row.text("log").utf8))
        } catch {
            throw StoreCorruption(table: table, id: row.id, problem: "the stored log no longer reads: \(error)")
        }
        return SubmittedEvaluation(
            id: try row.identifier("id"), model: try row.identifier("model_id"), suite: try row.text("suite"),
            submittedBy: try row.identifier("submitted_by"), submittedAt: try row.date("submitted_at"),
            digest: try row.text("digest"), log: log)
    }
}
