package cn.cq.ipmonitor.broker;

import static cn.cq.ipmonitor.broker.KafkaTestClients.HOST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("TopicAdmin against an embedded broker")
class TopicAdminTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(15);
  private static final int RECORDS = 2_000;
  private static final int PARTITIONS = 4;

  private static EmbeddedKafka kafka;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.start(HOST, null);
  }

  @AfterAll
  static void stopBroker() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  @DisplayName("records produced right after ensureTopics are all consumed back, exactly once")
  void produceRightAfterCreation() throws Exception {
    String topic = "fresh-events";
    TopicAdmin.ensureTopics(kafka.bootstrapServers(), Map.of(topic, PARTITIONS), TIMEOUT);

    List<String> sent = KafkaTestClients.values(topic, RECORDS);
    KafkaTestClients.produce(kafka.bootstrapServers(), topic, sent);
    List<String> received = KafkaTestClients.consume(kafka.bootstrapServers(), topic, RECORDS, TIMEOUT);

    assertEquals(RECORDS, received.size(), "records received");
    assertEquals(new HashSet<>(sent), new HashSet<>(received), "distinct values received");
  }

  @Test
  @DisplayName("ensureTopics succeeds again on topics that already exist")
  void ensureTopicsIsIdempotent() {
    Map<String, Integer> topics = Map.of("twice-a", PARTITIONS, "twice-b", 1);
    TopicAdmin.ensureTopics(kafka.bootstrapServers(), topics, TIMEOUT);
    TopicAdmin.ensureTopics(kafka.bootstrapServers(), topics, TIMEOUT);

    Map<TopicPartition, Long> ends = TopicAdmin.endOffsets(kafka.bootstrapServers(), topics.keySet());
    assertEquals(PARTITIONS + 1, ends.size(), "partitions of both topics");
  }

  @Test
  @DisplayName("endOffsets counts the records of every partition")
  void endOffsetsCountRecords() throws Exception {
    String topic = "counted-events";
    TopicAdmin.ensureTopics(kafka.bootstrapServers(), Map.of(topic, PARTITIONS), TIMEOUT);
    KafkaTestClients.produce(kafka.bootstrapServers(), topic, KafkaTestClients.values(topic, 100));

    Map<TopicPartition, Long> ends = TopicAdmin.endOffsets(kafka.bootstrapServers(), List.of(topic));
    assertEquals(PARTITIONS, ends.size(), "partitions");
    assertEquals(100L, ends.values().stream().mapToLong(Long::longValue).sum(), "records in all partitions");
  }

  @Test
  @DisplayName("ensureTopics against an unreachable cluster fails in time, naming the topics")
  void unreachableClusterTimesOut() {
    String nobody = HOST + ":" + FreePorts.pick(HOST, 1)[0];
    Duration timeout = Duration.ofMillis(1_500);

    long start = System.nanoTime();
    TopicsNotReadyException e = assertThrows(TopicsNotReadyException.class,
        () -> TopicAdmin.ensureTopics(nobody, Map.of("lost-a", 1, "lost-b", 1), timeout));
    long tookMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();

    assertEquals(List.of("lost-a", "lost-b"), e.topics());
    assertTrue(e.getMessage().contains("lost-a") && e.getMessage().contains("lost-b"), e.getMessage());
    assertTrue(tookMillis < timeout.toMillis() + 3_000, "took " + tookMillis + " ms");
  }
}
