package cn.cq.ipmonitor.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** The ingest path's meters, shared by every consumer instance of a node. */
public final class IngestMetrics {

  private final MeterRegistry registry;
  private final Counter consumed;
  private final Counter applied;
  private final Counter duplicates;
  private final Counter outOfWindow;
  private final Counter deadLettered;
  private final Counter flushFailures;
  private final Timer batchTime;
  private final Map<String, Counter> rejectedByField = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> lagByPartition = new ConcurrentHashMap<>();
  private final AtomicLong totalLag = new AtomicLong();
  private final java.util.concurrent.atomic.AtomicInteger assigned = new java.util.concurrent.atomic.AtomicInteger();
  private volatile boolean lagMeasured;

  public IngestMetrics(MeterRegistry registry) {
    this.registry = registry;
    consumed = Counter.builder("ipmon_events_consumed").description("records read from Kafka or the HTTP ingest")
        .register(registry);
    applied = Counter.builder("ipmon_events_applied").description("distinct valid events in the live state")
        .register(registry);
    duplicates = Counter.builder("ipmon_events_duplicate").description("repeated eventIds ignored")
        .register(registry);
    outOfWindow = Counter.builder("ipmon_events_out_of_window")
        .description("valid events older than the longest window (kept in history only)").register(registry);
    deadLettered = Counter.builder("ipmon_events_dead_lettered").description("records sent to a dead-letter topic")
        .register(registry);
    flushFailures = Counter.builder("ipmon_state_flush_failures").description("batches retried after a failed write")
        .register(registry);
    batchTime = Timer.builder("ipmon_batch_processing").description("time from a batch's flush to its commit")
        .publishPercentiles(0.5, 0.99).register(registry);
    Gauge.builder("ipmon_consumer_lag_records", totalLag, AtomicLong::get)
        .description("records behind the end of the assigned partitions, this node").register(registry);
    Gauge.builder("ipmon_kafka_partitions_assigned", assigned, java.util.concurrent.atomic.AtomicInteger::get)
        .description("Kafka partitions this node consumes").register(registry);
  }

  public void assigned(int n) {
    assigned.addAndGet(n);
  }

  /** Marks that a lag measurement completed, even one of no partitions. */
  public void lagMeasured() {
    lagMeasured = true;
  }

  /** Whether this node's lag is known and at most {@code max}. */
  public boolean caughtUp(long max) {
    return lagMeasured && totalLag.get() <= max;
  }

  public void consumed(int n) {
    consumed.increment(n);
  }

  /** A record refused; tagged by the first field at fault so the label set stays small. */
  public void rejected(String firstError) {
    int colon = firstError.indexOf(':');
    String field = colon > 0 && colon < 32 ? firstError.substring(0, colon) : "record";
    rejectedByField.computeIfAbsent(field, f -> Counter.builder("ipmon_events_rejected")
        .description("invalid records, by the field at fault").tag("field", f).register(registry)).increment();
  }

  public void deadLettered() {
    deadLettered.increment();
  }

  public void flushed(long appliedN, long duplicatesN, long outOfWindowN, long nanos) {
    applied.increment(appliedN);
    duplicates.increment(duplicatesN);
    outOfWindow.increment(outOfWindowN);
    batchTime.record(nanos, TimeUnit.NANOSECONDS);
  }

  public void flushFailed() {
    flushFailures.increment();
  }

  /** Records the lag of one partition this node consumes. */
  public void lag(String topic, int partition, long lag) {
    String key = topic + "/" + partition;
    AtomicLong v = lagByPartition.computeIfAbsent(key, k -> {
      AtomicLong a = new AtomicLong();
      Gauge.builder("ipmon_consumer_lag", a, AtomicLong::get).tag("topic", topic)
          .tag("partition", Integer.toString(partition)).register(registry);
      return a;
    });
    v.set(lag);
    totalLag.set(lagByPartition.values().stream().mapToLong(AtomicLong::get).sum());
  }

  /** Forgets partitions this node no longer consumes. */
  public void partitionRevoked(String topic, int partition) {
    assigned.decrementAndGet();
    AtomicLong v = lagByPartition.get(topic + "/" + partition);
    if (v != null) {
      v.set(0);
    }
    totalLag.set(lagByPartition.values().stream().mapToLong(AtomicLong::get).sum());
  }

  public double appliedCount() {
    return applied.count();
  }

  public double consumedCount() {
    return consumed.count();
  }

  public long totalLag() {
    return totalLag.get();
  }
}
