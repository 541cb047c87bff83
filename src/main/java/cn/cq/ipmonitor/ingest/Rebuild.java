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
 * Brings the live state back after a whole-cluster stop. The state lives only in Hazelcast, so when every
 * member stopped, a new cluster starts empty while the consumer group's offsets say everything was read. The
 * first node of the new cluster ({@link #claim}, decided with {@code putIfAbsent} on {@link StateNames#META})
 * refills the state before any consumer joins: from history, then moving the group to the history writer's
 * position ({@link #adoptOffsets}), or from Kafka alone by rewinding the group ({@link #rewind}); the eventId
 * check makes records counted twice harmless. A node joining a running cluster finds the marker and does
 * nothing. All methods block: run them off the event loop.
 */
public final class Rebuild {

  private static final Logger LOG = LoggerFactory.getLogger(Rebuild.class);
  private static final String EPOCH = "epoch";
  private static final String READY = "ready";
  private static final String REWINDING = "rewinding:";
  private static final long POLL_MS = 200;
  private static final long GROUP_BUSY_RETRY_MS = 1_000;
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

  private Rebuild() {
  }

  /**
   * Decides whether this node starts a new cluster incarnation and must rebuild. Returns false at once in a
   * running cluster, and after waiting while another node rebuilds.
   */
  public static boolean claim(HazelcastInstance hz, Duration timeout) throws InterruptedException {
    IMap<String, String> meta = hz.getMap(StateNames.META);
    String me = hz.getCluster().getLocalMember().getUuid().toString();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      String epoch = meta.putIfAbsent(EPOCH, REWINDING + me);
      if (epoch == null || epoch.equals(REWINDING + me)) {
        return true;
      }
      if (epoch.equals(READY)) {
        return false;
      }
      String owner = epoch.substring(REWINDING.length());
      Set<String> members = hz.getCluster().getMembers().stream().map(Member::getUuid).map(Object::toString)
          .collect(Collectors.toSet());
      if (!members.contains(owner)) {
        // The node that started the rebuild left before finishing it: take over.
        meta.replace(EPOCH, epoch, REWINDING + me);
        continue;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("waited too long for node " + owner + " to rebuild the state");
      }
      TimeUnit.MILLISECONDS.sleep(POLL_MS);
    }
  }

  /** Tells the cluster its state is complete. */
  public static void markReady(HazelcastInstance hz) {
    hz.<String, String>getMap(StateNames.META).put(EPOCH, READY);
  }

  /**
   * Rewinds the group to the first record of the last {@code rebuildDays} days by record timestamp, or to the
   * first record kept when {@code rebuildDays} is 0 (registry events can be older than any window).
   */
  public static void rewind(KafkaConfig kafka, IngestConfig ingest, long nowMillis, Duration timeout)
      throws Exception {
    try (Admin admin = Admin.create(KafkaClients.admin(kafka))) {
      Map<TopicPartition, OffsetAndMetadata> committed = committed(admin, kafka.groupId(), kafka);
      if (committed.isEmpty()) {
        LOG.info("New state and no committed offsets in group {}: nothing to rebuild", kafka.groupId());
        return;
      }
      Map<TopicPartition, OffsetSpec> since = new HashMap<>();
      committed.keySet().forEach(tp -> since.put(tp, ingest.rebuildDays() == 0 ? OffsetSpec.earliest()
          : OffsetSpec.forTimestamp(nowMillis - Duration.ofDays(ingest.rebuildDays()).toMillis())));
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts = admin.listOffsets(since).all()
          .get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      Map<TopicPartition, OffsetAndMetadata> target = new HashMap<>();
      starts.forEach((tp, info) -> {
        OffsetAndMetadata c = committed.get(tp);
        if (info.offset() >= 0 && c != null && info.offset() < c.offset()) {
          target.put(tp, new OffsetAndMetadata(info.offset()));
        }
      });
      long records = target.entrySet().stream()
          .mapToLong(e -> committed.get(e.getKey()).offset() - e.getValue().offset()).sum();
      alter(admin, kafka.groupId(), target, timeout);
      LOG.info("New cluster state: rewound group {} on {} partitions to re-read {} records", kafka.groupId(),
          target.size(), records);
    }
  }

  /** Where {@code group} has committed, on the monitor's topics. */
  public static Map<TopicPartition, OffsetAndMetadata> positionOf(KafkaConfig kafka, String group) throws Exception {
    try (Admin admin = Admin.create(KafkaClients.admin(kafka))) {
      return committed(admin, group, kafka);
    }
  }

  /**
   * Moves the live group to {@code target}: the history writer's position taken before history was loaded,
   * so every event before it is in the state and every event after it is read again from Kafka.
   */
  public static void moveTo(KafkaConfig kafka, Map<TopicPartition, OffsetAndMetadata> target, Duration timeout)
      throws Exception {
    try (Admin admin = Admin.create(KafkaClients.admin(kafka))) {
      alter(admin, kafka.groupId(), target, timeout);
      LOG.info("New cluster state: group {} continues where history was stored ({} partitions)", kafka.groupId(),
          target.size());
    }
  }

  private static Map<TopicPartition, OffsetAndMetadata> committed(Admin admin, String group, KafkaConfig kafka)
      throws Exception {
    Map<TopicPartition, OffsetAndMetadata> all = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
        .get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    Map<TopicPartition, OffsetAndMetadata> mine = new HashMap<>();
    all.forEach((tp, o) -> {
      if (kafka.topics().contains(tp.topic()) && o != null) {
        mine.put(tp, o);
      }
    });
    return mine;
  }

  private static void alter(Admin admin, String group, Map<TopicPartition, OffsetAndMetadata> target,
                            Duration timeout) throws Exception {
    if (target.isEmpty()) {
      return;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        admin.alterConsumerGroupOffsets(group, target).all().get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return;
      } catch (ExecutionException e) {
        // The group keeps members of the stopped cluster until their sessions time out.
        if (System.nanoTime() > deadline) {
          throw e;
        }
        LOG.info("Waiting for group {} to be empty before moving its offsets: {}", group, e.getCause().getMessage());
        TimeUnit.MILLISECONDS.sleep(GROUP_BUSY_RETRY_MS);
      }
    }
  }
}
