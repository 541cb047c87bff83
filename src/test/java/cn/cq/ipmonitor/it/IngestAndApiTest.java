package cn.cq.ipmonitor.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.cq.ipmonitor.app.MonitorNode;
import cn.cq.ipmonitor.broker.EmbeddedKafka;
import cn.cq.ipmonitor.ingest.DeadLetters;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("One node on a real broker and Hazelcast member")
class IngestAndApiTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static EmbeddedKafka broker;
  private static MonitorNode node;
  private static TestNodes.Scope scope;
  private static KafkaProducer<String, byte[]> producer;
  private static Vertx client;
  private static WebClient web;

  @BeforeAll
  static void start() {
    broker = EmbeddedKafka.start(TestNodes.LOOPBACK, null);
    scope = TestNodes.Scope.fresh();
    node = TestNodes.start(TestNodes.config(broker.bootstrapServers(), scope, List.of()));
    Properties p = new Properties();
    p.put("bootstrap.servers", broker.bootstrapServers());
    p.put("acks", "all");
    producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    client = Vertx.vertx();
    web = WebClient.create(client);
  }

  @AfterAll
  static void stop() {
    if (producer != null) {
      producer.close();
    }
    if (client != null) {
      client.close().await();
    }
    if (node != null) {
      node.close().await();
    }
    if (broker != null) {
      broker.close();
    }
  }

  private static void send(String key, String value) throws Exception {
    producer.send(new ProducerRecord<>(scope.topic(), key, value == null ? null : value.getBytes(StandardCharsets.UTF_8)))
        .get();
  }

  private static void send(JsonObject event) throws Exception {
    send(event.getString("agencyId"), event.encode());
  }

  private static HttpResponse<Buffer> get(String path, String token) {
    var req = web.get(node.httpPort(), TestNodes.LOOPBACK, path);
    if (token != null) {
      req.bearerTokenAuthentication(token);
    }
    return req.send().await();
  }

  private static HttpResponse<Buffer> post(String path, String token, String body) {
    return web.post(node.httpPort(), TestNodes.LOOPBACK, path).bearerTokenAuthentication(token)
        .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body)).await();
  }

  /** Waits until the agency's indicator reaches the expected value. */
  private static JsonObject awaitAgency(String id, String counter, String window, long expected) {
    return Poll.until(client, WAIT, id + " " + counter + "[" + window + "] = " + expected,
        () -> web.get(node.httpPort(), TestNodes.LOOPBACK, "/api/v1/agencies/" + id)
            .bearerTokenAuthentication(TestNodes.CITY_TOKEN).send()
            .map(r -> r.statusCode() == 200 ? r.bodyAsJsonObject() : null),
        a -> a != null && a.getJsonObject("indicators").getJsonObject(counter).getLong(window) == expected);
  }

  @Test
  @DisplayName("a filing record on Kafka shows in the agency's indicators through the API")
  void recordInIndicatorOut() throws Exception {
    String id = "T" + UUID.randomUUID().toString().substring(0, 8);
    Instant now = Instant.now();
    send(Events.registered(id, "500105", 4, now.minus(400, ChronoUnit.DAYS)));
    send(Events.filing(id, "INVENTION", now.minus(10, ChronoUnit.MINUTES)));
    JsonObject a = awaitAgency(id, "filings", "1h", 1);
    assertEquals("500105", a.getString("district"));
    assertEquals(4, a.getInteger("attorneys"));
    assertEquals(1, a.getJsonObject("indicators").getJsonObject("filingsByType").getJsonObject("INVENTION")
        .getLong("24h"));
    assertEquals(0, a.getJsonObject("indicators").getJsonObject("filingsByType").getJsonObject("DESIGN")
        .getLong("365d"));
    assertEquals("A", a.getString("grade"));
  }

  @Test
  @DisplayName("out-of-order and year-old events count in the windows of their occurredAt")
  void eventTimeWindows() throws Exception {
    String id = "T" + UUID.randomUUID().toString().substring(0, 8);
    Instant now = Instant.now();
    send(Events.filing(id, "UTILITY_MODEL", now.minus(3, ChronoUnit.HOURS)));
    send(Events.filing(id, "UTILITY_MODEL", now.minus(300, ChronoUnit.DAYS)));
    send(Events.filing(id, "UTILITY_MODEL", now.minus(5, ChronoUnit.MINUTES)));
    send(Events.filing(id, "UTILITY_MODEL", now.minus(20, ChronoUnit.DAYS)));
    send(Events.filing(id, "UTILITY_MODEL", now.minus(400, ChronoUnit.DAYS)));
    JsonObject f = awaitAgency(id, "filings", "365d", 4).getJsonObject("indicators").getJsonObject("filings");
    assertEquals(1, f.getLong("1h"));
    assertEquals(2, f.getLong("24h"));
    assertEquals(2, f.getLong("7d"));
    assertEquals(3, f.getLong("30d"));
    assertEquals(4, f.getLong("365d"), "the 400-day-old filing is outside every window");
  }

  @Test
  @DisplayName("a redelivered eventId, on Kafka or over HTTP, changes nothing")
  void duplicatesIgnored() throws Exception {
    String id = "T" + UUID.randomUUID().toString().substring(0, 8);
    JsonObject e = Events.filing(id, "DESIGN", Instant.now().minus(1, ChronoUnit.MINUTES));
    send(e);
    send(e);
    assertEquals(202, post("/api/v1/events", TestNodes.CITY_TOKEN, e.encode()).statusCode());
    JsonObject marker = Events.filing(id, "INVENTION", Instant.now().minus(1, ChronoUnit.MINUTES));
    send(marker);
    JsonObject a = awaitAgency(id, "filings", "1h", 2);
    assertEquals(1, a.getJsonObject("indicators").getJsonObject("filingsByType").getJsonObject("DESIGN")
        .getLong("1h"));
    assertEquals(2, a.getLong("events"));
  }

  @Test
  @DisplayName("bad records go to the dead-letter topic with their bytes and reason, and consumption goes on")
  void deadLetters() throws Exception {
    String id = "T" + UUID.randomUUID().toString().substring(0, 8);
    List<String> bad = List.of("not json at all", "[1,2,3]", "{\"eventId\":\"x\"}",
        Events.filing(id, "INVENTION", Instant.now()).put("type", "FILING_EXPLODED").encode(),
        Events.filing(id, "INVENTION", Instant.now().plus(1, ChronoUnit.HOURS)).encode(), "");
    for (String b : bad) {
      send(id, b);
    }
    send(null, Events.filing(id, "INVENTION", Instant.now()).encode());
    awaitAgency(id, "filings", "1h", 1);

    Properties p = new Properties();
    p.put("bootstrap.servers", broker.bootstrapServers());
    p.put("group.id", "dlq-reader-" + UUID.randomUUID());
    p.put("auto.offset.reset", "earliest");
    List<ConsumerRecord<String, byte[]>> dead = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      c.subscribe(List.of(scope.topic() + ".dlq"));
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (System.nanoTime() < deadline && dead.stream().filter(r -> id.equals(r.key())).count() < bad.size()) {
        c.poll(Duration.ofMillis(200)).forEach(dead::add);
      }
    }
    List<ConsumerRecord<String, byte[]>> mine = dead.stream().filter(r -> id.equals(r.key())).toList();
    assertEquals(bad.size(), mine.size());
    for (int i = 0; i < bad.size(); i++) {
      String original = new String(mine.get(i).value(), StandardCharsets.UTF_8);
      assertEquals(bad.get(i), original, "the dead letter keeps the original bytes");
      String reason = new String(mine.get(i).headers().lastHeader(DeadLetters.REASON).value(), StandardCharsets.UTF_8);
      assertTrue(!reason.isBlank(), "a reason is given");
    }
    assertTrue(new String(mine.get(3).headers().lastHeader(DeadLetters.REASON).value(), StandardCharsets.UTF_8)
        .contains("type"));
    assertTrue(new String(mine.get(4).headers().lastHeader(DeadLetters.REASON).value(), StandardCharsets.UTF_8)
        .contains("future"));
    String metrics = get("/metrics", null).bodyAsString();
    assertTrue(metrics.contains("ipmon_events_dead_lettered_total"), metrics);
  }

  @Test
  @DisplayName("POST /api/v1/events refuses a batch with any invalid event, with reasons per event, and changes nothing")
  void postValidation() {
    String id = "T" + UUID.randomUUID().toString().substring(0, 8);
    JsonArray batch = new JsonArray().add(Events.filing(id, "INVENTION", Instant.now()))
        .add(Events.filing(id, "INVENTION", Instant.now()).put("ipType", "SOFTWARE"));
    HttpResponse<Buffer> r = post("/api/v1/events", TestNodes.CITY_TOKEN, batch.encode());
    assertEquals(400, r.statusCode());
    JsonObject body = r.bodyAsJsonObject();
    assertEquals(1, body.getJsonArray("details").size());
    assertEquals(1, body.getJsonArray("details").getJsonObject(0).getInteger("index"));
    assertEquals(400, post("/api/v1/events", TestNodes.CITY_TOKEN, "{broken").statusCode());
    assertEquals(400, post("/api/v1/events", TestNodes.CITY_TOKEN, "42").statusCode());
    assertEquals(400, post("/api/v1/events", TestNodes.CITY_TOKEN, "[]").statusCode());
    assertEquals(403, post("/api/v1/events", TestNodes.DISPLAY_TOKEN, batch.getJsonObject(0).encode()).statusCode());
    assertEquals(202, post("/api/v1/events", TestNodes.INGEST_TOKEN, batch.getJsonObject(0).encode()).statusCode());
    awaitAgency(id, "filings", "1h", 1);
  }

  @Test
  @DisplayName("each token sees only its scope: 401 without a token, 403 outside a district, lists filtered")
  void scopes() throws Exception {
    String jiangbei = "J" + UUID.randomUUID().toString().substring(0, 8);
    String yuzhong = "Y" + UUID.randomUUID().toString().substring(0, 8);
    Instant now = Instant.now();
    send(Events.registered(jiangbei, "500105", 3, now.minus(1, ChronoUnit.DAYS)));
    send(Events.registered(yuzhong, "500103", 3, now.minus(1, ChronoUnit.DAYS)));
    send(Events.filing(jiangbei, "INVENTION", now));
    send(Events.filing(yuzhong, "INVENTION", now));
    awaitAgency(jiangbei, "filings", "1h", 1);
    awaitAgency(yuzhong, "filings", "1h", 1);

    assertEquals(401, get("/api/v1/agencies/" + jiangbei, null).statusCode());
    assertEquals(401, get("/api/v1/agencies/" + jiangbei, "wrong-token-wrong-token").statusCode());
    assertEquals(200, get("/api/v1/agencies/" + jiangbei, TestNodes.JIANGBEI_TOKEN).statusCode());
    assertEquals(403, get("/api/v1/agencies/" + yuzhong, TestNodes.JIANGBEI_TOKEN).statusCode());
    assertEquals(200, get("/api/v1/agencies/" + yuzhong, TestNodes.YUZHONG_TOKEN).statusCode());
    assertEquals(200, get("/api/v1/agencies/" + yuzhong, TestNodes.DISPLAY_TOKEN).statusCode());
    assertEquals(403, get("/api/v1/districts/500103", TestNodes.JIANGBEI_TOKEN).statusCode());
    assertEquals(200, get("/api/v1/districts/500105", TestNodes.JIANGBEI_TOKEN).statusCode());
    assertEquals(403, get("/api/v1/city", TestNodes.JIANGBEI_TOKEN).statusCode());
    assertEquals(200, get("/api/v1/city", TestNodes.DISPLAY_TOKEN).statusCode());
    assertEquals(403, get("/api/v1/agencies?district=500103", TestNodes.JIANGBEI_TOKEN).statusCode());

    JsonArray items = get("/api/v1/agencies?limit=1000", TestNodes.JIANGBEI_TOKEN).bodyAsJsonObject()
        .getJsonArray("items");
    assertTrue(items.stream().map(o -> ((JsonObject) o).getString("district")).allMatch("500105"::equals));
    assertTrue(items.stream().anyMatch(o -> ((JsonObject) o).getString("agencyId").equals(jiangbei)));
    JsonArray all = get("/api/v1/agencies?limit=1000", TestNodes.CITY_TOKEN).bodyAsJsonObject().getJsonArray("items");
    assertTrue(all.stream().anyMatch(o -> ((JsonObject) o).getString("agencyId").equals(yuzhong)));
    JsonArray districts = get("/api/v1/districts", TestNodes.JIANGBEI_TOKEN).bodyAsJsonObject().getJsonArray("items");
    assertEquals(1, districts.size());
  }

  @Test
  @DisplayName("bad API parameters get a 4xx with a JSON error, never a 500")
  void badParameters() {
    for (String path : List.of("/api/v1/agencies?limit=0", "/api/v1/agencies?limit=abc", "/api/v1/agencies?sort=x",
        "/api/v1/agencies?district=123456", "/api/v1/agencies/" + "x".repeat(40), "/api/v1/agencies/a%20b")) {
      HttpResponse<Buffer> r = get(path, TestNodes.CITY_TOKEN);
      assertEquals(400, r.statusCode(), path);
      assertTrue(r.bodyAsJsonObject().containsKey("error"), path);
    }
    assertEquals(404, get("/api/v1/districts/999999", TestNodes.CITY_TOKEN).statusCode());
    assertEquals(404, get("/api/v1/agencies/NOSUCH1", TestNodes.CITY_TOKEN).statusCode());
    assertEquals(404, get("/api/v1/nothing", TestNodes.CITY_TOKEN).statusCode());
    assertEquals(413, post("/api/v1/events", TestNodes.CITY_TOKEN, "[" + "1,".repeat(3_000_000) + "1]").statusCode());
  }

  @Test
  @DisplayName("a filing after revocation counts as unlicensed and the agency drops to grade D")
  void unlicensedFiling() throws Exception {
    String id = "T" + UUID.randomUUID().toString().substring(0, 8);
    Instant now = Instant.now();
    send(Events.registered(id, "500112", 5, now.minus(100, ChronoUnit.DAYS)));
    send(Events.status(id, "REVOKED", now.minus(2, ChronoUnit.DAYS)));
    send(Events.filing(id, "INVENTION", now.minus(1, ChronoUnit.DAYS)));
    JsonObject a = awaitAgency(id, "unlicensedFilings", "7d", 1);
    assertEquals("REVOKED", a.getString("status"));
    assertEquals("D", a.getString("grade"));
    assertNull(a.getJsonObject("indicators").getValue("inventionGrantRate"));
  }

  @Test
  @DisplayName("health, readiness and Prometheus metrics answer")
  void health() {
    assertEquals(200, get("/health/live", null).statusCode());
    HttpResponse<Buffer> ready = Poll.until(client, WAIT, "readiness (joined, subscribed, caught up)",
        () -> web.get(node.httpPort(), TestNodes.LOOPBACK, "/health/ready").send(), r -> r.statusCode() == 200);
    assertTrue(ready.bodyAsJsonObject().getJsonObject("checks").getBoolean("caughtUp"));
    String metrics = get("/metrics", null).bodyAsString();
    for (String m : List.of("ipmon_events_consumed_total", "ipmon_consumer_lag_records", "ipmon_batch_processing",
        "ipmon_cluster_members", "ipmon_agencies", "ipmon_kafka_partitions_assigned",
        "ipmon_hazelcast_partitions_owned")) {
      assertTrue(metrics.contains(m), m);
    }
    assertEquals(200, get("/api/v1/openapi.yaml", null).statusCode());
  }
}
