package cn.cq.ipmonitor.ingest;

import cn.cq.ipmonitor.config.IngestConfig;
import cn.cq.ipmonitor.config.KafkaConfig;
import cn.cq.ipmonitor.state.StateNames;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the live state back after a whole-cluster stop, from Kafka. The state lives only in Hazelcast, so
 * when every member stopped, a new cluster starts empty while the consumer group's offsets say everything was
 * read. The first node of the new cluster (decided with {@code putIfAbsent} on {@link StateNames#META})
 * rewinds the group, before any consumer joins, to the first record of the last {@code rebuildDays}; the
 * consumers then re-read it, and the eventId check makes records already counted harmless. A node joining a
 * running cluster finds the marker and does nothing. Blocking: run it off the event loop.
 */
public final class Rebuild {

  private static final Logger LOG = LoggerFactory.getLogger(Rebuild.class);
  private static final String EPOCH = "epoch";
  private static final String READY = "ready";
  private static final String REWINDING = "rewinding:";
  private static final long POLL_MS = 200;
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

  private Rebuild() {
  }

  /**
   * Makes sure this cluster incarnation's state will be complete: rewinds the group if this node starts the
   * incarnation, waits for the node that does otherwise.
   *
   * @param timeout how long to keep trying to rewind (the group must be empty: members of the stopped
   *                cluster count until their session times out)
   */
  public static void prepare(HazelcastInstance hz, KafkaConfig kafka, IngestConfig ingest, long nowMillis,
                             Duration timeout) throws Exception {
    IMap<String, String> meta = hz.getMap(StateNames.META);
    String me = hz.getCluster().getLocalMember().getUuid().toString();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      String epoch = meta.putIfAbsent(EPOCH, REWINDING + me);
      if (epoch == null || epoch.equals(REWINDING + me)) {
        if (ingest.rebuildFromKafka()) {
          rewind(kafka, ingest, nowMillis, deadline);
        }
        meta.put(EPOCH, READY);
        return;
      }
      if (epoch.equals(READY)) {
        return;
      }
      String owner = epoch.substring(REWINDING.length());
      Set<String> members = hz.getCluster().getMembers().stream().map(Member::getUuid).map(Object::toString)
          .collect(Collectors.toSet());
      if (!members.contains(owner)) {
        // The node that started the rewind left before finishing it: take over.
        meta.replace(EPOCH, epoch, REWINDING + me);
        continue;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("waited too long for node " + owner + " to rebuild the state");
      }
      TimeUnit.MILLISECONDS.sleep(POLL_MS);
    }
  }

  private static void rewind(KafkaConfig kafka, IngestConfig ingest, long nowMillis, long deadline)
      throws Exception {
    try (Admin admin = Admin.create(KafkaClients.admin(kafka))) {
      Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(kafka.groupId())
          .partitionsToOffsetAndMetadata().get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      Map<TopicPartition, OffsetSpec> since = new HashMap<>();
      committed.keySet().stream().filter(tp -> kafka.topics().contains(tp.topic()))
          .forEach(tp -> since.put(tp, OffsetSpec.forTimestamp(nowMillis - Duration.ofDays(ingest.rebuildDays())
              .toMillis())));
      if (since.isEmpty()) {
        LOG.info("New state and no committed offsets in group {}: nothing to rebuild", kafka.groupId());
        return;
      }
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts = admin.listOffsets(since).all()
          .get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      Map<TopicPartition, OffsetAndMetadata> target = new HashMap<>();
      starts.forEach((tp, info) -> {
        long start = info.offset();
        OffsetAndMetadata c = committed.get(tp);
        if (start >= 0 && c != null && start < c.offset()) {
          target.put(tp, new OffsetAndMetadata(start));
        }
      });
      if (target.isEmpty()) {
        return;
      }
      long records = target.entrySet().stream().mapToLong(e -> committed.get(e.getKey()).offset() - e.getValue().offset())
          .sum();
      while (true) {
        try {
          admin.alterConsumerGroupOffsets(kafka.groupId(), target).all()
              .get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
          LOG.info("New cluster state: rewound group {} on {} partitions to re-read {} records of the last {} days",
              kafka.groupId(), target.size(), records, ingest.rebuildDays());
          return;
        } catch (ExecutionException e) {
          // The group keeps members of the stopped cluster until their sessions time out.
          if (System.nanoTime() > deadline) {
            throw e;
          }
          LOG.info("Waiting for group {} to be empty before rebuilding: {}", kafka.groupId(),
              e.getCause().getMessage());
          TimeUnit.MILLISECONDS.sleep(POLL_MS * 5);
        }
      }
    }
  }
}
