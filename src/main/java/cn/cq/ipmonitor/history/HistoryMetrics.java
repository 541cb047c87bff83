package cn.cq.ipmonitor.history;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** The history writer's meters; without a registry they are kept in a private one nobody scrapes. */
public final class HistoryMetrics {

  private final Counter stored;
  private final Counter duplicates;
  private final Counter skipped;
  private final Counter failures;
  private final Timer batches;
  private final AtomicLong pending = new AtomicLong();

  /** @param registry where to register; null for none */
  public HistoryMetrics(MeterRegistry registry) {
    MeterRegistry r = registry == null ? new SimpleMeterRegistry() : registry;
    stored = Counter.builder("ipmon_history_events_stored").description("events newly stored in history").register(r);
    duplicates = Counter.builder("ipmon_history_events_duplicate")
        .description("events history already had (redeliveries)").register(r);
    skipped = Counter.builder("ipmon_history_records_skipped")
        .description("invalid records the history writer skipped (the live path dead-letters them)").register(r);
    failures = Counter.builder("ipmon_history_batch_failures").description("history batch writes that failed and"
        + " will be retried").register(r);
    batches = Timer.builder("ipmon_history_batch").description("history batch transactions").register(r);
    Gauge.builder("ipmon_history_pending_events", pending, AtomicLong::get)
        .description("events read by the history writer and not yet stored").register(r);
  }

  void written(BatchWriter.Result result, long nanos) {
    stored.increment(result.stored());
    duplicates.increment(result.duplicates());
    batches.record(nanos, TimeUnit.NANOSECONDS);
  }

  void skipped() {
    skipped.increment();
  }

  void failed() {
    failures.increment();
  }

  void pending(long events) {
    pending.set(events);
  }

  /** Batch writes that failed so far (each is retried). */
  public long failures() {
    return (long) failures.count();
  }

  /** Events stored so far by writers reporting here. */
  public long stored() {
    return (long) stored.count();
  }
}
