import Foundation
public import Prometheus
import Synchronization

/// Request counts and latency histograms per route, method and status, in one Prometheus registry that this
/// server owns (no process-global metrics system).
public final class HTTPMetrics: Sendable {
    /// The registry `/metrics` renders.
    public let registry: PrometheusCollectorRegistry

    /// The latency buckets, in seconds: fine below 10 ms, where a healthy API answers.
    static let buckets: [Duration] = [
        .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
        .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
        .seconds(1), .seconds(2.5), .seconds(5), .seconds(10),
    ]

    /// Creates metrics in a new registry.
    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
    }

    func record(method: String, route: String, status: Int, duration: Duration) {
        let series = series(SeriesKey(method: method, route: route, status: status))
        series.requests.increment()
        series.duration.record(duration)
    }

    /// One counter and one histogram per route, method and status, looked up once and then kept: the registry's
    /// own look-up validates names and labels on every call.
    private struct SeriesKey: Hashable {
        let method: String
        let route: String
        let status: Int
    }

    private struct Series {
        let requests: Counter
        let duration: DurationHistogram
    }

    private let known = Mutex<[SeriesKey: Series]>([:])

    private func series(_ key: SeriesKey) -> Series {
        if let series = known.withLock({ $0[key] }) {
            return series
        }
        let labels = [("method", key.method), ("route", key.route), ("status", String(key.status))]
        let series = Series(
            requests: registry.makeCounter(
                descriptor: MetricNameDescriptor(
                    namespace: "clearinghouse", subsystem: "http", metricName: "requests", unitName: "total",
                    helpText: "HTTP requests answered, by route, method and status."),
                labels: labels),
            duration: registry.makeDurationHistogram(
                descriptor: MetricNameDescriptor(
                    namespace: "clearinghouse", subsystem: "http", metricName: "request_duration", unitName: "seconds",
                    helpText: "Time to produce an HTTP response, by route, method and status."),
                labels: labels, buckets: Self.buckets))
        known.withLock { $0[key] = series }
        return series
    }
}
