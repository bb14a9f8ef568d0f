import ClearinghouseStore
import Foundation

/// Keeps the change feed short: changes older than the retention are deleted. A node that was down longer than
/// the retention finds its position pruned and loads its catalogs again (``CatalogFollower``).
public enum ChangeFeedPruning {
    /// The scheduled job.
    ///
    /// - Parameters:
    ///   - retention: how long a change stays in the feed (an hour by default: far beyond any node's lag).
    ///   - period: how often the job runs.
    public static func job(retention: Duration = .seconds(3_600), every period: Duration = .seconds(600))
        -> ScheduledJob
    {
        ScheduledJob(name: "change_feed.prune", every: period) { context in
            let cutoff = context.dependencies.now().addingTimeInterval(-retention.timeInterval)
            let pruned = try await context.store.bookkeeping { try await $0.changes.prune(recordedBefore: cutoff) }
            return pruned == 0 ? nil : "pruned \(pruned) changes"
        }
    }
}
