package cn.cq.ipmonitor.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.cq.ipmonitor.broker.EmbeddedKafka;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Several nodes sharing state in Hazelcast, surviving the loss of any one")
class ClusterTest {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static EmbeddedKafka broker;
  private static KafkaProducer<String, byte[]> producer;
  private static Vertx client;
  private static WebClient web;
  private TestCluster cluster;

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedKafka.start(TestNodes.LOOPBACK, null);
    Properties p = new Properties();
    p.put("bootstrap.servers", broker.bootstrapServers());
    p.put("acks", "all");
    p.put("linger.ms", "5");
    producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    client = Vertx.vertx();
    web = WebClient.create(client);
  }

  @AfterAll
  static void stopBroker() {
    producer.close();
    client.close().await();
    broker.close();
  }

  @AfterEach
  void stopNodes() {
    if (cluster != null) {
      cluster.close();
    }
  }

  /** Contract events for {@code agencies} agencies: a registration each, then filings 2-20 hours old. */
  private static List<JsonObject> events(String prefix, int agencies, int filings, long seed) {
    Random rnd = new Random(seed);
    Instant now = Instant.now();
    List<JsonObject> out = new ArrayList<>();
    for (int a = 0; a < agencies; a++) {
      out.add(Events.registered(prefix + a, a % 2 == 0 ? "500105" : "500103", 3, now.minus(30, ChronoUnit.DAYS)));
    }
    for (int i = 0; i < filings; i++) {
      out.add(Events.filing(prefix + rnd.nextInt(agencies), i % 3 == 0 ? "INVENTION" : "UTILITY_MODEL",
          now.minus(2, ChronoUnit.HOURS).minus(rnd.nextInt(18 * 60), ChronoUnit.MINUTES)));
    }
    return out;
  }

  private static void send(List<JsonObject> events) {
    for (JsonObject e : events) {
      producer.send(new ProducerRecord<>(cluster().scope.topic(), e.getString("agencyId"),
          e.encode().getBytes(StandardCharsets.UTF_8)));
    }
    producer.flush();
  }

  private static TestCluster current;

  private static TestCluster cluster() {
    return current;
  }

  private TestCluster newCluster(int size, int minMembers) {
    cluster = new TestCluster(broker.bootstrapServers(), TestNodes.Scope.fresh(), size, minMembers);
    current = cluster;
    return cluster;
  }

  /** What a single node would show: distinct events and filings per agency. */
  private static Map<String, long[]> expected(List<JsonObject> events) {
    Map<String, long[]> out = new HashMap<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (JsonObject e : events) {
      if (!seen.add(e.getString("eventId"))) {
        continue;
      }
      long[] c = out.computeIfAbsent(e.getString("agencyId"), k -> new long[2]);
      c[0]++;
      if (e.getString("type").equals("FILING_SUBMITTED")) {
        c[1]++;
      }
    }
    return out;
  }

  private static Map<String, JsonObject> agencies(int port) {
    HttpResponse<Buffer> r = web.get(port, TestNodes.LOOPBACK, "/api/v1/agencies?sort=id&limit=1000")
        .bearerTokenAuthentication(TestNodes.CITY_TOKEN).send().await();
    assertEquals(200, r.statusCode(), r.bodyAsString());
    Map<String, JsonObject> out = new HashMap<>();
    r.bodyAsJsonObject().getJsonArray("items").forEach(o -> out.put(((JsonObject) o).getString("agencyId"),
        (JsonObject) o));
    return out;
  }

  private static void assertCounts(Map<String, long[]> expected, int port) {
    Map<String, JsonObject> actual = agencies(port);
    assertEquals(expected.keySet(), actual.keySet());
    expected.forEach((id, c) -> {
      JsonObject a = actual.get(id);
      assertEquals(c[0], a.getLong("events"), id + " distinct events");
      assertEquals(c[1], a.getJsonObject("indicators").getJsonObject("filings").getLong("24h"), id + " filings 24h");
      assertEquals(c[1], a.getJsonObject("indicators").getJsonObject("filings").getLong("365d"), id + " filings 365d");
    });
  }

  @Test
  @DisplayName("a node killed mid-stream, one joining and one leaving gracefully: every count exact, none lost or doubled")
  void killJoinLeave() {
    TestCluster c = newCluster(3, 1);
    c.start(0);
    c.start(1);
    List<JsonObject> all = events("K", 120, 16_000, 7);
    // Redeliveries: a tenth of the events again, later in the stream.
    List<JsonObject> stream = new ArrayList<>(all);
    for (int i = 0; i < all.size(); i += 10) {
      stream.add(all.get(i));
    }
    int quarter = stream.size() / 4;
    send(stream.subList(0, quarter));
    send(stream.subList(quarter, 2 * quarter));
    c.kill(1);
    c.start(2);
    send(stream.subList(2 * quarter, 3 * quarter));
    c.stop(0);
    send(stream.subList(3 * quarter, stream.size()));
    c.awaitConsumed(client, WAIT);
    assertCounts(expected(all), c.node(2).httpPort());
  }

  @Test
  @DisplayName("every node answers every API call with the same numbers, whichever consumed the events")
  void sameAnswersEverywhere() {
    TestCluster c = newCluster(3, 1);
    for (int i = 0; i < 3; i++) {
      c.start(i);
    }
    List<JsonObject> all = events("E", 60, 3_000, 11);
    send(all);
    c.awaitConsumed(client, WAIT);
    Map<String, long[]> expected = expected(all);
    for (int i = 0; i < 3; i++) {
      assertCounts(expected, c.node(i).httpPort());
    }
    JsonObject first = null;
    for (int i = 0; i < 3; i++) {
      JsonObject city = web.get(c.node(i).httpPort(), TestNodes.LOOPBACK, "/api/v1/districts/500105")
          .bearerTokenAuthentication(TestNodes.CITY_TOKEN).send().await().bodyAsJsonObject();
      city.getJsonObject("indicators").remove("surge");
      if (first == null) {
        first = city;
      } else {
        assertEquals(first.getJsonObject("indicators").getJsonObject("filings").getLong("24h"),
            city.getJsonObject("indicators").getJsonObject("filings").getLong("24h"));
        assertEquals(first.getInteger("agencies"), city.getInteger("agencies"));
      }
    }
  }

  @Test
  @DisplayName("after the whole cluster stopped, a new cluster rebuilds the indicators from Kafka by itself")
  void wholeClusterRestart() {
    TestCluster c = newCluster(1, 1);
    c.start(0);
    List<JsonObject> all = events("R", 40, 2_000, 13);
    send(all);
    c.awaitConsumed(client, WAIT);
    c.stop(0);
    // Same topic and consumer group, a brand-new (empty) Hazelcast cluster.
    TestNodes.Scope again = new TestNodes.Scope(c.scope.topic(), c.scope.group(), c.scope.clusterName() + "-2",
        TestNodes.freePort());
    TestCluster restarted = new TestCluster(broker.bootstrapServers(), again, 1, 1);
    cluster = restarted;
    current = restarted;
    restarted.start(0);
    Map<String, long[]> expected = expected(all);
    Poll.until(client, WAIT, "the rebuilt state", () -> web.get(restarted.node(0).httpPort(), TestNodes.LOOPBACK,
            "/api/v1/agencies?sort=id&limit=1000").bearerTokenAuthentication(TestNodes.CITY_TOKEN).send()
        .map(r -> r.bodyAsJsonObject().getJsonArray("items").stream()
            .mapToLong(o -> ((JsonObject) o).getLong("events")).sum()),
        sum -> sum == all.size());
    assertCounts(expected, restarted.node(0).httpPort());
  }

  @Test
  @DisplayName("a node cut off from its cluster says so (503, not ready) instead of serving stale numbers")
  void cutOff() {
    TestCluster c = newCluster(2, 2);
    c.start(0);
    c.start(1);
    send(events("C", 5, 50, 17));
    c.awaitConsumed(client, WAIT);
    int port = c.node(0).httpPort();
    assertEquals(200, web.get(port, TestNodes.LOOPBACK, "/api/v1/agencies/C1")
        .bearerTokenAuthentication(TestNodes.CITY_TOKEN).send().await().statusCode());
    c.kill(1);
    HttpResponse<Buffer> r = Poll.until(client, WAIT, "the survivor to refuse reads",
        () -> web.get(port, TestNodes.LOOPBACK, "/api/v1/agencies/C1").bearerTokenAuthentication(TestNodes.CITY_TOKEN)
            .send(), resp -> resp.statusCode() == 503);
    assertTrue(r.bodyAsJsonObject().getString("error").contains("cut off"), r.bodyAsString());
    Poll.until(client, WAIT, "readiness to turn false",
        () -> web.get(port, TestNodes.LOOPBACK, "/health/ready").send(), resp -> resp.statusCode() == 503);
  }
}
