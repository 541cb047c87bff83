package cn.cq.ipmonitor.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.cq.ipmonitor.alert.RuleSet;
import cn.cq.ipmonitor.app.MonitorNode;
import cn.cq.ipmonitor.broker.EmbeddedKafka;
import cn.cq.ipmonitor.config.AlertConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The rule file is reloaded by a running node; a broken one never takes the running rules down")
class RuleReloadTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The bundled rules with COMPLAINT_CLUSTER's thresholds changed. */
  private static byte[] rules(int warning, int critical) throws IOException {
    try (InputStream in = RuleSet.class.getClassLoader().getResourceAsStream(RuleSet.RESOURCE)) {
      ObjectNode root = (ObjectNode) JSON.readTree(in);
      root.withArray("rules").forEach(r -> {
        if (r.path("name").asText().equals("COMPLAINT_CLUSTER")) {
          ((ObjectNode) r).put("warning", warning).put("critical", critical);
        }
      });
      return JSON.writeValueAsBytes(root);
    }
  }

  /** Replaces the file in one step, as an editor or a config-map update does, so no poll sees half of it. */
  private static void write(Path file, byte[] contents) throws IOException {
    Path tmp = Files.createTempFile(file.getParent(), "rules", ".tmp");
    Files.write(tmp, contents);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  @Test
  @DisplayName("a lower threshold takes effect; then broken JSON is refused, reported, and the rules stay")
  void reload(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("alert-rules.json");
    write(file, rules(5, 8));
    Vertx client = Vertx.vertx();
    WebClient web = WebClient.create(client);
    try (EmbeddedKafka broker = EmbeddedKafka.start(TestNodes.LOOPBACK, null)) {
      TestCluster c = new TestCluster(broker.bootstrapServers(), TestNodes.Scope.fresh(), 1, 1);
      try {
        MonitorNode node = c.start(0, cfg -> {
          AlertConfig a = cfg.alerts();
          return cfg.withAlerts(new AlertConfig(a.enabled(), file.toString(), a.evaluateIntervalMs(), a.clearForMs(),
              a.keepResolvedDays(), a.escalateAfterMs(), a.topic(), a.webhook(), 100));
        });
        JsonObject first = rules(web, node, TestNodes.DISPLAY_TOKEN);
        assertEquals(file.toString(), first.getString("source"));
        assertEquals(5.0, complaintRule(first).getDouble("warning"));
        assertNull(first.getValue("lastError"));
        assertEquals(200, web.get(node.httpPort(), TestNodes.LOOPBACK, "/api/v1/rules")
            .bearerTokenAuthentication(TestNodes.JIANGBEI_TOKEN).send().await().statusCode(), "districts may read");
        assertEquals(403, web.get(node.httpPort(), TestNodes.LOOPBACK, "/api/v1/rules")
            .bearerTokenAuthentication(TestNodes.INGEST_TOKEN).send().await().statusCode());

        Instant now = Instant.now();
        JsonArray events = new JsonArray().add(Events.registered("RR1", "500105", 4, now.minus(50, ChronoUnit.DAYS)));
        for (int i = 0; i < 3; i++) {
          events.add(Events.base("COMPLAINT_RECEIVED", "RR1", now.minus(i + 1, ChronoUnit.DAYS)));
        }
        assertEquals(202, web.post(node.httpPort(), TestNodes.LOOPBACK, "/api/v1/events")
            .bearerTokenAuthentication(TestNodes.CITY_TOKEN).putHeader("Content-Type", "application/json")
            .sendBuffer(events.toBuffer()).await().statusCode());
        c.awaitConsumed(client, WAIT);

        write(file, rules(2, 4));
        JsonObject reloaded = Poll.until(client, WAIT, "the new rules in force",
            () -> web.get(node.httpPort(), TestNodes.LOOPBACK, "/api/v1/rules")
                .bearerTokenAuthentication(TestNodes.CITY_TOKEN).send().map(r -> r.bodyAsJsonObject()),
            r -> complaintRule(r).getDouble("warning") == 2.0);
        assertTrue(Instant.parse(reloaded.getString("loadedAt")).isAfter(Instant.parse(first.getString("loadedAt"))));
        JsonObject alert = Poll.until(client, WAIT, "an alert at the new threshold", () -> web.get(node.httpPort(),
                TestNodes.LOOPBACK, "/api/v1/alerts?agencyId=RR1").bearerTokenAuthentication(TestNodes.CITY_TOKEN)
            .send().map(r -> r.bodyAsJsonObject().getJsonArray("items")), items -> !items.isEmpty()).getJsonObject(0);
        assertEquals("COMPLAINT_CLUSTER", alert.getString("rule"));
        assertEquals("WARNING", alert.getString("severity"));
        assertEquals(2.0, alert.getDouble("threshold"), "three complaints: WARNING only under the reloaded rules");

        write(file, "{\"rules\": [ {\"name\": ".getBytes(StandardCharsets.UTF_8));
        JsonObject refused = Poll.until(client, WAIT, "the broken file reported",
            () -> web.get(node.httpPort(), TestNodes.LOOPBACK, "/api/v1/rules")
                .bearerTokenAuthentication(TestNodes.CITY_TOKEN).send().map(r -> r.bodyAsJsonObject()),
            r -> r.getValue("lastError") != null);
        assertTrue(refused.getJsonObject("lastError").getJsonArray("reasons").getString(0).startsWith("not JSON"),
            refused.encodePrettily());
        assertEquals(2.0, complaintRule(refused).getDouble("warning"), "the rules in force stay");
        assertEquals(reloaded.getString("loadedAt"), refused.getString("loadedAt"));
        assertEquals(8, refused.getJsonArray("rules").size());
        JsonObject still = web.get(node.httpPort(), TestNodes.LOOPBACK, "/api/v1/alerts?agencyId=RR1")
            .bearerTokenAuthentication(TestNodes.CITY_TOKEN).send().await().bodyAsJsonObject().getJsonArray("items")
            .getJsonObject(0);
        assertEquals("FIRING", still.getString("status"), "the alert is still evaluated by the old rules");

        String metrics = web.get(node.httpPort(), TestNodes.LOOPBACK, "/metrics").send().await().bodyAsString();
        assertTrue(metrics.contains("ipmon_alert_rules_reloads_total{result=\"ok\"} 1.0"), metrics);
        assertTrue(metrics.contains("ipmon_alert_rules_reloads_total{result=\"rejected\"} 1.0"));
      } finally {
        c.close();
        client.close().await();
      }
    }
  }

  private static JsonObject rules(WebClient web, MonitorNode node, String token) {
    return web.get(node.httpPort(), TestNodes.LOOPBACK, "/api/v1/rules").bearerTokenAuthentication(token).send()
        .await().bodyAsJsonObject();
  }

  private static JsonObject complaintRule(JsonObject rules) {
    JsonArray items = rules.getJsonArray("rules");
    for (int i = 0; i < items.size(); i++) {
      if (items.getJsonObject(i).getString("name").equals("COMPLAINT_CLUSTER")) {
        return items.getJsonObject(i);
      }
    }
    throw new AssertionError("no COMPLAINT_CLUSTER in " + rules);
  }
}
