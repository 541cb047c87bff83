package cn.cq.ipmonitor.live;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/** What the live push does, for /metrics: connections, messages, and how slow clients were handled. */
final class LiveMetrics {

  private final AtomicInteger connections = new AtomicInteger();
  private final Counter sent;
  private final Counter coalesced;
  private final Counter slow;
  private final Counter refused;
  private final Counter snapshotFailures;
  private final DistributionSummary pushDelay;

  LiveMetrics(MeterRegistry registry) {
    Gauge.builder("ipmon_ws_connections", connections, AtomicInteger::get)
        .description("open /ws/live connections on this node").register(registry);
    sent = Counter.builder("ipmon_ws_messages_sent_total").description("messages written to live clients")
        .register(registry);
    coalesced = Counter.builder("ipmon_ws_coalesced_total")
        .description("snapshots replaced by a newer one while a slow client's socket was full").register(registry);
    slow = Counter.builder("ipmon_ws_slow_disconnects_total")
        .description("clients disconnected because their outbound queue overflowed or stalled").register(registry);
    refused = Counter.builder("ipmon_ws_refused_messages_total")
        .description("client messages answered with an error").register(registry);
    snapshotFailures = Counter.builder("ipmon_ws_snapshot_failures_total")
        .description("snapshot rounds that could not read the shared state").register(registry);
    // Seconds as a summary with percentiles: the age of the freshest event when a snapshot goes out.
    pushDelay = DistributionSummary.builder("ipmon_ws_push_delay_seconds")
        .description("age of the newest event a snapshot reflects, when it is pushed")
        .publishPercentiles(0.5, 0.99).register(registry);
  }

  void opened() {
    connections.incrementAndGet();
  }

  void closed() {
    connections.decrementAndGet();
  }

  void sent() {
    sent.increment();
  }

  void coalesced() {
    coalesced.increment();
  }

  void slowDisconnect() {
    slow.increment();
  }

  void refused() {
    refused.increment();
  }

  void snapshotFailed() {
    snapshotFailures.increment();
  }

  void pushDelay(long millis) {
    pushDelay.record(millis / 1000.0);
  }

  int connections() {
    return connections.get();
  }
}
