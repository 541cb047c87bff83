package cn.cq.ipmonitor.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.cq.ipmonitor.broker.EmbeddedKafka;
import cn.cq.ipmonitor.broker.TopicAdmin;
import cn.cq.ipmonitor.config.KafkaConfig;
import cn.cq.ipmonitor.it.Poll;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The history writer on a real broker and a real PostgreSQL")
class HistoryWriterOutageTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Duration OUTAGE = Duration.ofSeconds(60);
  private static final int PARTITIONS = 4;

  @TempDir
  Path tmp;
  private EmbeddedKafka broker;
  private EmbeddedPostgres pg;
  private Vertx vertx;
  private KafkaProducer<String, byte[]> producer;
  private final Random rnd = new Random(7);

  @AfterEach
  void stop() {
    if (producer != null) {
      producer.close();
    }
    if (vertx != null) {
      vertx.close().await();
    }
    if (pg != null) {
      pg.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  @DisplayName("PostgreSQL down for a minute mid-stream, then back: every event stored exactly once, offsets committed")
  void outage() throws Exception {
    broker = EmbeddedKafka.start("127.0.0.1", null);
    String topic = "history-" + UUID.randomUUID().toString().substring(0, 8);
    TopicAdmin.ensureTopics(broker.bootstrapServers(), Map.of(topic, PARTITIONS), WAIT);
    pg = EmbeddedPostgres.start("127.0.0.1", tmp.resolve("pg"), 0, "postgres");
    int port = pg.port();
    vertx = Vertx.vertx();
    HistoryDatabase db = TestHistory.open(vertx, pg);
    KafkaConfig kafka = new KafkaConfig(false, broker.bootstrapServers(), 0, "", List.of(topic), ".dlq",
        "group-" + UUID.randomUUID(), PARTITIONS, false, Map.of(), Map.of());
    HistoryMetrics metrics = new HistoryMetrics(null);
    vertx.deployVerticle(new HistoryWriterVerticle(db, HistoryWriterVerticle.consumerConfig(kafka, db.config()),
        kafka.topics(), TestHistory.DECODER, metrics)).await();
    producer = producer(broker.bootstrapServers());

    List<JsonObject> first = events(3_000);
    send(topic, first);
    send(topic, first.subList(0, 100));
    sendRaw(topic, List.of("not json", "{\"eventId\":\"x\"}"));
    awaitRows(db, 3_000);

    pg.close();
    List<JsonObject> second = events(4_000);
    send(topic, second);
    send(topic, first.subList(100, 200));
    // The scenario: an outage of a minute, with events arriving all along, then recovery.
    long down = System.nanoTime();
    Poll.until(vertx, OUTAGE.plus(WAIT), "a minute of outage with failed writes",
        () -> Future.succeededFuture(metrics.failures()),
        n -> n >= 4 && System.nanoTime() - down >= OUTAGE.toNanos());
    List<JsonObject> late = events(500);
    send(topic, late);
    pg = EmbeddedPostgres.start("127.0.0.1", tmp.resolve("pg"), port, "postgres");

    awaitRows(db, 7_500);
    assertEquals(7_500, scalar(db, "SELECT count(DISTINCT event_id) FROM raw_events"));
    long filings = java.util.stream.Stream.of(first, second, late).flatMap(List::stream)
        .filter(e -> e.getString("type").equals("FILING_SUBMITTED")).count();
    for (String table : List.of("rollup_minute", "rollup_hour", "rollup_day")) {
      assertEquals(filings, scalar(db, "SELECT sum(filings) FROM " + table), table);
    }
    assertEquals(7_500, metrics.stored());
    awaitCommitted(kafka, topic);
  }

  private List<JsonObject> events(int n) {
    long now = System.currentTimeMillis();
    List<JsonObject> events = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      events.add(TestHistory.random(rnd, "A" + rnd.nextInt(40), now - rnd.nextInt(48 * 3_600) * 1000L));
    }
    return events;
  }

  private void send(String topic, List<JsonObject> events) throws ExecutionException, InterruptedException {
    List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
    for (JsonObject e : events) {
      acks.add(producer.send(new ProducerRecord<>(topic, e.getString("agencyId"),
          e.encode().getBytes(StandardCharsets.UTF_8))));
    }
    for (java.util.concurrent.Future<?> a : acks) {
      a.get();
    }
  }

  private void sendRaw(String topic, List<String> values) throws ExecutionException, InterruptedException {
    for (String v : values) {
      producer.send(new ProducerRecord<>(topic, "bad", v.getBytes(StandardCharsets.UTF_8))).get();
    }
  }

  private void awaitRows(HistoryDatabase db, long expected) {
    Poll.until(vertx, WAIT, expected + " raw events", () -> db.pool().query("SELECT count(*) FROM raw_events")
        .execute().map(rows -> rows.iterator().next().getLong(0)), n -> n == expected);
  }

  /** The writer's group ends up committed at the end of every partition. */
  private void awaitCommitted(KafkaConfig kafka, String topic) {
    Map<TopicPartition, Long> ends = TopicAdmin.endOffsets(broker.bootstrapServers(), List.of(topic));
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    try (Admin admin = Admin.create(p)) {
      String group = HistoryWriterVerticle.consumerConfig(kafka, TestHistory.config(0, "x")).get("group.id");
      assertTrue(group.endsWith("-history"), group);
      Poll.until(vertx, WAIT, "committed offsets at the end of " + topic, () -> vertx.executeBlocking(() -> {
        Map<TopicPartition, OffsetAndMetadata> committed =
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, Long> offsets = new java.util.HashMap<>();
        committed.forEach((tp, om) -> offsets.put(tp, om == null ? -1 : om.offset()));
        return offsets;
      }), offsets -> offsets.equals(ends));
    }
  }

  private static long scalar(HistoryDatabase db, String sql) {
    return db.pool().query(sql).execute().await().iterator().next().getLong(0);
  }

  private static KafkaProducer<String, byte[]> producer(String bootstrap) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
  }
}
