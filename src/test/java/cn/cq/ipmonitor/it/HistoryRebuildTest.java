package cn.cq.ipmonitor.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.cq.ipmonitor.app.MonitorNode;
import cn.cq.ipmonitor.broker.EmbeddedKafka;
import cn.cq.ipmonitor.broker.TopicAdmin;
import cn.cq.ipmonitor.config.AppConfig;
import cn.cq.ipmonitor.history.EmbeddedPostgres;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The live state recovered from history: after a whole-cluster stop, and by an operator's replay")
class HistoryRebuildTest {

  private static final Duration WAIT = Duration.ofSeconds(90);

  private static AppConfig withHistory(AppConfig base, EmbeddedPostgres pg) {
    return base.withHistory(base.history().enabledAt(pg.host(), pg.port()));
  }

  private static void send(String bootstrap, String topic, List<JsonObject> events) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("acks", "all");
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
      events.forEach(e -> producer.send(new ProducerRecord<>(topic, e.getString("agencyId"),
          e.encode().getBytes(StandardCharsets.UTF_8))));
    }
  }

  @Test
  @DisplayName("with the topic emptied, a new cluster gets its counts and old registrations back from history, then goes on")
  void rebuildFromHistory() throws Exception {
    Vertx client = Vertx.vertx();
    WebClient web = WebClient.create(client);
    try (EmbeddedKafka broker = EmbeddedKafka.start(TestNodes.LOOPBACK, null);
         EmbeddedPostgres pg = EmbeddedPostgres.start("127.0.0.1", null, 0, "ipmonitor")) {
      TestNodes.Scope scope = TestNodes.Scope.fresh();
      TestCluster first = new TestCluster(broker.bootstrapServers(), scope, 1, 1);
      Instant now = Instant.now();
      List<JsonObject> events = new ArrayList<>();
      Map<String, Integer> filings = new HashMap<>();
      for (int a = 0; a < 10; a++) {
        // Registered long before any window: only history (or a full topic) still has it.
        events.add(Events.registered("H" + a, "500112", 4, now.minus(500, ChronoUnit.DAYS)));
      }
      for (int i = 0; i < 600; i++) {
        String id = "H" + (i % 10);
        events.add(Events.filing(id, "INVENTION", now.minus(3 + i % 200, ChronoUnit.HOURS)));
        filings.merge(id, 1, Integer::sum);
      }
      first.start(0, c -> withHistory(c, pg));
      send(broker.bootstrapServers(), scope.topic(), events);
      first.awaitConsumed(client, WAIT);
      first.awaitConsumed(client, WAIT, first.node(0).config().history().groupId(scope.group()));
      first.close();

      // Empty the topic: if the state comes back, it came from history.
      Map<TopicPartition, Long> ends = TopicAdmin.endOffsets(broker.bootstrapServers(), List.of(scope.topic()));
      Properties p = new Properties();
      p.put("bootstrap.servers", broker.bootstrapServers());
      try (Admin admin = Admin.create(p)) {
        Map<TopicPartition, RecordsToDelete> all = new HashMap<>();
        ends.forEach((tp, end) -> all.put(tp, RecordsToDelete.beforeOffset(end)));
        admin.deleteRecords(all).all().get(30, TimeUnit.SECONDS);
      }

      TestNodes.Scope again = new TestNodes.Scope(scope.topic(), scope.group(), scope.clusterName() + "-new",
          TestNodes.freePort());
      TestCluster second = new TestCluster(broker.bootstrapServers(), again, 1, 1);
      try {
        MonitorNode b = second.start(0, c -> withHistory(c, pg));
        for (Map.Entry<String, Integer> e : filings.entrySet()) {
          JsonObject agency = web.get(b.httpPort(), TestNodes.LOOPBACK, "/api/v1/agencies/" + e.getKey())
              .bearerTokenAuthentication(TestNodes.CITY_TOKEN).send().await().bodyAsJsonObject();
          assertEquals("500112", agency.getString("district"), e.getKey());
          assertEquals(e.getValue().longValue(),
              agency.getJsonObject("indicators").getJsonObject("filings").getLong("30d"), e.getKey());
        }
        // And the live path goes on from where history stopped.
        send(broker.bootstrapServers(), scope.topic(), List.of(Events.filing("H0", "DESIGN", now)));
        long expected = filings.get("H0") + 1;
        Poll.until(client, WAIT, "the new filing", () -> web.get(b.httpPort(), TestNodes.LOOPBACK,
                "/api/v1/agencies/H0").bearerTokenAuthentication(TestNodes.CITY_TOKEN).send()
            .map(r -> r.bodyAsJsonObject().getJsonObject("indicators").getJsonObject("filings").getLong("30d")),
            n -> n == expected);
      } finally {
        second.close();
        client.close().await();
      }
    }
  }

  @Test
  @DisplayName("a replay of past days makes the live state count exactly what history holds; city tokens only")
  void replayDays() throws Exception {
    Vertx client = Vertx.vertx();
    WebClient web = WebClient.create(client);
    try (EmbeddedKafka broker = EmbeddedKafka.start(TestNodes.LOOPBACK, null);
         EmbeddedPostgres pg = EmbeddedPostgres.start("127.0.0.1", null, 0, "ipmonitor")) {
      TestNodes.Scope scope = TestNodes.Scope.fresh();
      TestCluster c = new TestCluster(broker.bootstrapServers(), scope, 1, 1);
      try {
        MonitorNode node = c.start(0, cfg -> withHistory(cfg, pg));
        ZoneId zone = ZoneId.of("Asia/Shanghai");
        LocalDate today = LocalDate.now(zone);
        List<JsonObject> events = new ArrayList<>();
        events.add(Events.registered("P1", "500105", 4, Instant.now().minus(20, ChronoUnit.DAYS)));
        for (int i = 0; i < 40; i++) {
          events.add(Events.filing("P1", "DESIGN", today.minusDays(2 + i % 4).atTime(10, 0).atZone(zone).toInstant()));
        }
        send(broker.bootstrapServers(), scope.topic(), events);
        c.awaitConsumed(client, WAIT);
        c.awaitConsumed(client, WAIT, node.config().history().groupId(scope.group()));
        // Drift: a filing the live state counts but history never got.
        JsonObject stray = Events.filing("P1", "DESIGN", today.minusDays(3).atTime(9, 0).atZone(zone).toInstant());
        node.store().apply(Map.of("P1", List.of(cn.cq.ipmonitor.indicator.Fact.of(
            new cn.cq.ipmonitor.event.EventDecoder(System::currentTimeMillis, 300_000, java.util.Set.of(1))
                .decode(stray.encode().getBytes(StandardCharsets.UTF_8)).event()))), System.currentTimeMillis())
            .await();
        assertEquals(41, filings30d(web, node, "P1"));

        String body = new JsonObject().put("from", today.minusDays(6).toString()).put("to", today.minusDays(1).toString())
            .encode();
        assertEquals(403, post(web, node, TestNodes.JIANGBEI_TOKEN, body).statusCode());
        assertEquals(400, post(web, node, TestNodes.CITY_TOKEN, new JsonObject().put("from", today.toString())
            .put("to", today.toString()).encode()).statusCode(), "today is not a past day");
        assertEquals(400, post(web, node, TestNodes.CITY_TOKEN, "{\"from\": \"yesterday\"}").statusCode());
        var r = post(web, node, TestNodes.CITY_TOKEN, body);
        assertEquals(200, r.statusCode(), r.bodyAsString());
        assertEquals(40, r.bodyAsJsonObject().getLong("events"));
        assertEquals(40, filings30d(web, node, "P1"));
      } finally {
        c.close();
        client.close().await();
      }
    }
  }

  private static long filings30d(WebClient web, MonitorNode node, String id) {
    return web.get(node.httpPort(), TestNodes.LOOPBACK, "/api/v1/agencies/" + id)
        .bearerTokenAuthentication(TestNodes.CITY_TOKEN).send().await().bodyAsJsonObject()
        .getJsonObject("indicators").getJsonObject("filings").getLong("30d");
  }

  private static io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> post(WebClient web, MonitorNode node,
                                                                                       String token, String body) {
    return web.post(node.httpPort(), TestNodes.LOOPBACK, "/api/v1/admin/replay").bearerTokenAuthentication(token)
        .putHeader("Content-Type", "application/json").sendBuffer(io.vertx.core.buffer.Buffer.buffer(body)).await();
  }
}
