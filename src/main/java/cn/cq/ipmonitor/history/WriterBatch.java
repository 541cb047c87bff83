package cn.cq.ipmonitor.history;

import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Records read by the history writer and not yet committed: the valid events to store and the offset to
 * commit per partition once they are. Not thread-safe: owned by one writer verticle.
 */
final class WriterBatch {

  enum State { OPEN, WAITING, WRITING, STORED }

  final List<EventRow> rows = new ArrayList<>();
  final Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
  State state = State.OPEN;
  int attempts;

  void track(String topic, int partition, long offset) {
    offsets.put(new TopicPartition(topic, partition), new OffsetAndMetadata(offset + 1, ""));
  }

  boolean isEmpty() {
    return rows.isEmpty() && offsets.isEmpty();
  }
}
