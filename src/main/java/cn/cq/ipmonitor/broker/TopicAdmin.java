package cn.cq.ipmonitor.broker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.TopicPartitionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Topic administration against any Kafka cluster, embedded or external.
 *
 * <p>Every method blocks on the network: call it from {@code main}, a test or {@code executeBlocking}.
 */
public final class TopicAdmin {

  private static final Logger LOG = LoggerFactory.getLogger(TopicAdmin.class);

  /** Three copies survive a broker loss; fewer brokers cannot hold more. */
  private static final int MAX_REPLICATION_FACTOR = 3;
  /** How long {@link #endOffsets} may take. */
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  /** Partitions get leaders within tens of milliseconds on one broker: poll about as often. */
  private static final long READINESS_POLL_MILLIS = 50;
  /** Closing the admin client only abandons finished calls; it should not delay the caller. */
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(1);

  private TopicAdmin() {
  }

  /**
   * Creates the topics that do not exist yet and waits until every partition of every requested topic can
   * take records. Blocking.
   *
   * <p>Waiting matters: {@code createTopics} returns before the partitions have leaders, and an idempotent
   * producer that starts at once loses its first batches ({@code OUT_OF_ORDER_SEQUENCE_NUMBER}). A topic
   * counts as ready when each partition has a leader and that leader answers a latest-offset query. Topics
   * that already exist are left as they are (a different partition count is only logged). New topics get
   * {@code min(3, brokers)} replicas.
   *
   * @param bootstrapServers   the cluster
   * @param partitionsByTopic  the partition count of each topic to create when missing
   * @param timeout            for the whole call
   * @throws TopicsNotReadyException naming the topics not created or not ready within {@code timeout}
   */
  public static void ensureTopics(String bootstrapServers, Map<String, Integer> partitionsByTopic, Duration timeout) {
    if (partitionsByTopic.isEmpty()) {
      return;
    }
    Deadline deadline = new Deadline(timeout);
    Admin admin = open(bootstrapServers, timeout);
    try {
      createMissing(admin, partitionsByTopic, deadline);
      Map<String, Integer> actual = awaitReady(admin, partitionsByTopic.keySet(), deadline);
      partitionsByTopic.forEach((topic, wanted) -> {
        if (!wanted.equals(actual.get(topic))) {
          LOG.warn("Kafka topic {} exists with {} partitions, not the {} configured; left unchanged", topic,
              actual.get(topic), wanted);
        }
      });
    } finally {
      admin.close(CLOSE_TIMEOUT);
    }
  }

  /**
   * The latest offset (the offset the next record will get) of every partition of {@code topics}. Blocking;
   * useful to tell when a consumer has caught up.
   *
   * @throws org.apache.kafka.common.KafkaException if a topic does not exist or the cluster does not answer
   *                                                within 30 s
   */
  public static Map<TopicPartition, Long> endOffsets(String bootstrapServers, Collection<String> topics) {
    Deadline deadline = new Deadline(DEFAULT_TIMEOUT);
    Admin admin = open(bootstrapServers, DEFAULT_TIMEOUT);
    try {
      Map<String, TopicDescription> descriptions =
          deadline.await(admin.describeTopics(topics).allTopicNames(), "describe topics " + topics);
      List<TopicPartition> partitions = new ArrayList<>();
      descriptions.values().forEach(d -> partitions.addAll(partitionsOf(d)));
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets =
          deadline.await(admin.listOffsets(latest(partitions)).all(), "list end offsets of " + topics);
      Map<TopicPartition, Long> result = new HashMap<>();
      offsets.forEach((partition, info) -> result.put(partition, info.offset()));
      return result;
    } catch (ExecutionException e) {
      throw new org.apache.kafka.common.KafkaException("Could not read end offsets of " + topics, e.getCause());
    } finally {
      admin.close(CLOSE_TIMEOUT);
    }
  }

  private static void createMissing(Admin admin, Map<String, Integer> partitionsByTopic, Deadline deadline) {
    Set<String> topics = new TreeSet<>(partitionsByTopic.keySet());
    short replicas;
    try {
      int brokers = deadline.await(admin.describeCluster().nodes(), "describe cluster").size();
      replicas = (short) Math.max(1, Math.min(MAX_REPLICATION_FACTOR, brokers));
    } catch (ExecutionException | org.apache.kafka.common.errors.TimeoutException e) {
      throw new TopicsNotReadyException(topics, deadline.timeout, "cluster unreachable", cause(e));
    }
    List<NewTopic> newTopics = new ArrayList<>();
    partitionsByTopic.forEach((topic, partitions) -> newTopics.add(new NewTopic(topic, partitions, replicas)));
    Map<String, KafkaFuture<Void>> created = admin.createTopics(newTopics).values();
    for (Map.Entry<String, KafkaFuture<Void>> entry : created.entrySet()) {
      try {
        deadline.await(entry.getValue(), "create topic " + entry.getKey());
        LOG.info("Created Kafka topic {} ({} partitions, {} replicas)", entry.getKey(),
            partitionsByTopic.get(entry.getKey()), replicas);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new TopicsNotReadyException(Set.of(entry.getKey()), deadline.timeout, "creation failed",
              e.getCause());
        }
        LOG.debug("Kafka topic {} already exists", entry.getKey());
      } catch (org.apache.kafka.common.errors.TimeoutException e) {
        throw new TopicsNotReadyException(Set.of(entry.getKey()), deadline.timeout, "creation timed out", e);
      }
    }
  }

  /** Polls until every topic is ready; returns the partition count of each. */
  private static Map<String, Integer> awaitReady(Admin admin, Set<String> topics, Deadline deadline) {
    Set<String> pending = new TreeSet<>(topics);
    Map<String, Integer> partitionCounts = new HashMap<>();
    String lastProblem = null;
    Throwable lastCause = null;
    while (true) {
      try {
        Map<String, List<TopicPartition>> led = new HashMap<>();
        Map<String, KafkaFuture<TopicDescription>> described = admin.describeTopics(pending).topicNameValues();
        for (String topic : pending) {
          try {
            TopicDescription description = deadline.await(described.get(topic), "describe topic " + topic);
            if (allPartitionsLed(description)) {
              led.put(topic, partitionsOf(description));
            } else {
              lastProblem = "a partition of " + topic + " has no leader yet";
              lastCause = null;
            }
          } catch (ExecutionException e) {
            lastProblem = "describing " + topic + " failed";
            lastCause = e.getCause();
          }
        }
        if (!led.isEmpty()) {
          List<TopicPartition> partitions = new ArrayList<>();
          led.values().forEach(partitions::addAll);
          ListOffsetsResult offsets = admin.listOffsets(latest(partitions));
          for (Map.Entry<String, List<TopicPartition>> entry : led.entrySet()) {
            try {
              for (TopicPartition partition : entry.getValue()) {
                deadline.await(offsets.partitionResult(partition), "list offsets of " + partition);
              }
              pending.remove(entry.getKey());
              partitionCounts.put(entry.getKey(), entry.getValue().size());
            } catch (ExecutionException e) {
              lastProblem = "the leaders of " + entry.getKey() + " do not answer offset queries yet";
              lastCause = e.getCause();
            }
          }
        }
      } catch (org.apache.kafka.common.errors.TimeoutException e) {
        lastProblem = e.getMessage();
        lastCause = e;
      }
      if (pending.isEmpty()) {
        return partitionCounts;
      }
      if (deadline.passed()) {
        throw new TopicsNotReadyException(pending, deadline.timeout, lastProblem, lastCause);
      }
      pause();
    }
  }

  private static boolean allPartitionsLed(TopicDescription description) {
    for (TopicPartitionInfo partition : description.partitions()) {
      Node leader = partition.leader();
      if (leader == null || leader.isEmpty()) {
        return false;
      }
    }
    return !description.partitions().isEmpty();
  }

  private static List<TopicPartition> partitionsOf(TopicDescription description) {
    List<TopicPartition> partitions = new ArrayList<>();
    for (TopicPartitionInfo info : description.partitions()) {
      partitions.add(new TopicPartition(description.name(), info.partition()));
    }
    return partitions;
  }

  private static Map<TopicPartition, OffsetSpec> latest(List<TopicPartition> partitions) {
    Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
    partitions.forEach(partition -> specs.put(partition, OffsetSpec.latest()));
    return specs;
  }

  private static Admin open(String bootstrapServers, Duration timeout) {
    int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
    return Admin.create(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        // Bound every call by the caller's timeout instead of the client's 60 s default.
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis,
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis));
  }

  private static Throwable cause(Exception e) {
    return e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
  }

  private static void pause() {
    try {
      Thread.sleep(READINESS_POLL_MILLIS);
    } catch (InterruptedException e) {
      throw new InterruptException(e);
    }
  }

  /** The end of a call's time budget, shared by its steps. */
  private static final class Deadline {
    private final Duration timeout;
    private final long endNanos;

    Deadline(Duration timeout) {
      this.timeout = timeout;
      this.endNanos = System.nanoTime() + timeout.toNanos();
    }

    boolean passed() {
      return System.nanoTime() - endNanos >= 0;
    }

    /** Waits for {@code future} no longer than the time left; Kafka's unchecked exceptions on time-out. */
    <T> T await(KafkaFuture<T> future, String what) throws ExecutionException {
      try {
        return future.get(Math.max(0, endNanos - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        throw new org.apache.kafka.common.errors.TimeoutException("Timed out after " + timeout.toMillis()
            + " ms waiting to " + what, e);
      } catch (InterruptedException e) {
        throw new InterruptException(e);
      }
    }
  }
}
