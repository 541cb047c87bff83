package cn.cq.ipmonitor.ingest;

import cn.cq.ipmonitor.indicator.Fact;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Records read but not yet committed: valid facts grouped by agency, dead-letter writes under way, and the
 * offset to commit per partition once both are done. Not thread-safe: owned by one consumer verticle.
 */
final class PendingBatch {

  final Map<String, List<Fact>> facts = new HashMap<>();
  final List<DeadLetter> deadLetters = new ArrayList<>();
  final Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
  /** Completes once the batch's facts and dead letters are stored (after retries, if any). */
  final Promise<Void> applied = Promise.promise();
  int records;
  /** The newest Kafka record timestamp of the batch: the feed's freshness once the batch is stored. */
  long newestTimestamp = -1;

  void add(String agencyId, Fact f) {
    facts.computeIfAbsent(agencyId, k -> new ArrayList<>()).add(f);
  }

  void track(String topic, int partition, long offset, long timestamp) {
    offsets.put(new TopicPartition(topic, partition), new OffsetAndMetadata(offset + 1, ""));
    records++;
    newestTimestamp = Math.max(newestTimestamp, timestamp);
  }

  /** A refused record and its dead-letter write, kept so a failed write can be sent again. */
  static final class DeadLetter {
    final String topic;
    final int partition;
    final long offset;
    final String key;
    final byte[] value;
    final String reason;
    Future<?> sent;

    DeadLetter(String topic, int partition, long offset, String key, byte[] value, String reason) {
      this.topic = topic;
      this.partition = partition;
      this.offset = offset;
      this.key = key;
      this.value = value;
      this.reason = reason;
    }
  }

  boolean isEmpty() {
    return records == 0;
  }
}
