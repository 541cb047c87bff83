package cn.cq.ipmonitor.ingest;

import io.vertx.core.Future;
import cn.cq.ipmonitor.config.KafkaConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Measures consumer lag with an admin client. The consumer itself cannot be asked: vertx-kafka-client
 * runs its poll loop on its own thread, and calling {@code position}/{@code endOffsets} beside it trips
 * Kafka's single-thread check. Thread-safe; one per node.
 */
public final class LagProbe implements AutoCloseable {

  private static final long TIMEOUT_MS = 5_000;
  private final Admin admin;
  private final String group;

  public LagProbe(KafkaConfig kafka) {
    this.admin = Admin.create(KafkaClients.admin(kafka));
    this.group = kafka.groupId();
  }

  /** Records between the group's committed offset and the end of each partition. */
  public Future<Map<TopicPartition, Long>> lag(Set<TopicPartition> partitions) {
    if (partitions.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
    Future<Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo>> ends = Future.fromCompletionStage(
        admin.listOffsets(latest).all().toCompletionStage());
    Future<Map<TopicPartition, OffsetAndMetadata>> committed = Future.fromCompletionStage(
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().toCompletionStage());
    return Future.all(ends, committed).map(x -> {
      Map<TopicPartition, Long> lag = new HashMap<>();
      for (TopicPartition tp : partitions) {
        ListOffsetsResult.ListOffsetsResultInfo end = ends.result().get(tp);
        OffsetAndMetadata c = committed.result().get(tp);
        if (end != null) {
          lag.put(tp, Math.max(0, end.offset() - (c == null ? 0 : c.offset())));
        }
      }
      return lag;
    });
  }

  @Override
  public void close() {
    admin.close(java.time.Duration.ofMillis(TIMEOUT_MS));
  }
}
