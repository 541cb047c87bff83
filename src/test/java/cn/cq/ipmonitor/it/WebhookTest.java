package cn.cq.ipmonitor.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.cq.ipmonitor.alert.WebhookPayload;
import cn.cq.ipmonitor.app.MonitorNode;
import cn.cq.ipmonitor.broker.EmbeddedKafka;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("District bureaus subscribe to alerts and get signed Alertmanager webhooks, retried until delivered")
class WebhookTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String SECRET = "jiangbei-shared-secret-0001";

  @Test
  @DisplayName("delivered once and signed; a receiver failing three times gets it on the fourth try; scope holds")
  void webhooks() {
    Vertx client = Vertx.vertx();
    WebClient web = WebClient.create(client);
    try (EmbeddedKafka broker = EmbeddedKafka.start(TestNodes.LOOPBACK, null)) {
      TestCluster c = new TestCluster(broker.bootstrapServers(), TestNodes.Scope.fresh(), 1, 1);
      try {
        MonitorNode node = c.start(0);
        WebhookReceiver bureau = WebhookReceiver.failingFirst(client, 0);
        WebhookReceiver flaky = WebhookReceiver.failingFirst(client, 3);

        HttpResponse<Buffer> sub = post(web, node, "/api/v1/subscriptions", TestNodes.JIANGBEI_TOKEN,
            new JsonObject().put("url", bureau.url()).put("secret", SECRET).put("minSeverity", "CRITICAL"));
        assertEquals(201, sub.statusCode(), sub.bodyAsString());
        assertEquals("500105", sub.bodyAsJsonObject().getString("scopeDistrict"));
        assertEquals(201, post(web, node, "/api/v1/subscriptions", TestNodes.CITY_TOKEN,
            new JsonObject().put("url", flaky.url()).put("districts", new JsonArray().add("500105"))).statusCode());
        assertEquals(400, post(web, node, "/api/v1/subscriptions", TestNodes.YUZHONG_TOKEN,
            new JsonObject().put("url", bureau.url()).put("districts", new JsonArray().add("500105"))).statusCode(),
            "a district cannot subscribe to another district");
        assertEquals(400, post(web, node, "/api/v1/subscriptions", TestNodes.CITY_TOKEN,
            new JsonObject().put("url", "ftp://nowhere")).statusCode());
        assertEquals(403, post(web, node, "/api/v1/subscriptions", TestNodes.DISPLAY_TOKEN,
            new JsonObject().put("url", bureau.url())).statusCode());
        JsonArray mine = web.get(node.httpPort(), TestNodes.LOOPBACK, "/api/v1/subscriptions")
            .bearerTokenAuthentication(TestNodes.JIANGBEI_TOKEN).send().await().bodyAsJsonObject().getJsonArray("items");
        assertEquals(1, mine.size(), "a district sees only its own subscriptions");
        assertTrue(!mine.getJsonObject(0).containsKey("secret"), "lists never show the secret");

        Instant now = Instant.now();
        JsonArray events = new JsonArray()
            .add(Events.registered("WH1", "500105", 4, now.minus(50, ChronoUnit.DAYS)))
            .add(Events.status("WH1", "REVOKED", now.minus(2, ChronoUnit.DAYS)))
            .add(Events.filing("WH1", "INVENTION", now.minus(1, ChronoUnit.DAYS)));
        assertEquals(202, post(web, node, "/api/v1/events", TestNodes.CITY_TOKEN, events).statusCode());

        Poll.until(client, WAIT, "the bureau's webhook", () -> io.vertx.core.Future.succeededFuture(
            bureau.received().size()), n -> n >= 1);
        JsonObject delivered = bureau.received().get(0);
        String body = delivered.getString("body");
        assertEquals(WebhookPayload.sign(SECRET, body.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            delivered.getString("signature"));
        JsonObject msg = new JsonObject(body);
        assertEquals("4", msg.getString("version"));
        assertEquals("firing", msg.getString("status"));
        JsonObject alert = msg.getJsonArray("alerts").getJsonObject(0);
        assertEquals("UNLICENSED_FILING", alert.getJsonObject("labels").getString("alertname"));
        assertEquals("WH1", alert.getJsonObject("labels").getString("agencyId"));
        assertTrue(alert.getString("fingerprint").startsWith("UNLICENSED_FILING-WH1-"));

        Poll.until(client, WAIT, "the flaky receiver to get it after three failures",
            () -> io.vertx.core.Future.succeededFuture(flaky.received().size()), n -> n >= 1);
        assertEquals(4, flaky.requests().get(), "three failures, then one delivery");
        assertEquals(alert.getString("fingerprint"), new JsonObject(flaky.received().get(0).getString("body"))
            .getJsonArray("alerts").getJsonObject(0).getString("fingerprint"));
        assertEquals(1, bureau.received().size(), "delivered once");
      } finally {
        c.close();
        client.close().await();
      }
    }
  }

  @Test
  @DisplayName("a silence holds back the webhooks of its agency until it ends; districts silence only their own")
  void silenceHolds() {
    Vertx client = Vertx.vertx();
    WebClient web = WebClient.create(client);
    try (EmbeddedKafka broker = EmbeddedKafka.start(TestNodes.LOOPBACK, null)) {
      TestCluster c = new TestCluster(broker.bootstrapServers(), TestNodes.Scope.fresh(), 1, 1);
      try {
        MonitorNode node = c.start(0);
        WebhookReceiver city = WebhookReceiver.failingFirst(client, 0);
        assertEquals(201, post(web, node, "/api/v1/subscriptions", TestNodes.CITY_TOKEN,
            new JsonObject().put("url", city.url())).statusCode());
        Instant now = Instant.now();
        JsonArray events = new JsonArray()
            .add(Events.registered("WS1", "500105", 4, now.minus(50, ChronoUnit.DAYS)))
            .add(Events.registered("WS2", "500105", 4, now.minus(50, ChronoUnit.DAYS)));
        assertEquals(202, post(web, node, "/api/v1/events", TestNodes.CITY_TOKEN, events).statusCode());
        Poll.until(client, WAIT, "the agencies", () -> web.get(node.httpPort(), TestNodes.LOOPBACK,
            "/api/v1/agencies/WS1").bearerTokenAuthentication(TestNodes.CITY_TOKEN).send().map(r -> r.statusCode()),
            code -> code == 200);

        String until = now.plus(1, ChronoUnit.HOURS).toString();
        assertEquals(403, post(web, node, "/api/v1/silences", TestNodes.YUZHONG_TOKEN, new JsonObject()
            .put("agencyId", "WS1").put("until", until).put("reason", "not ours")).statusCode());
        assertEquals(400, post(web, node, "/api/v1/silences", TestNodes.JIANGBEI_TOKEN, new JsonObject()
            .put("agencyId", "WS1").put("until", until)).statusCode(), "a reason is required");
        HttpResponse<Buffer> silence = post(web, node, "/api/v1/silences", TestNodes.JIANGBEI_TOKEN, new JsonObject()
            .put("agencyId", "WS1").put("until", until).put("reason", "inspection under way"));
        assertEquals(201, silence.statusCode(), silence.bodyAsString());
        assertEquals("jiangbei", silence.bodyAsJsonObject().getString("author"));

        JsonArray filings = new JsonArray()
            .add(Events.status("WS1", "REVOKED", now.minus(2, ChronoUnit.DAYS)))
            .add(Events.filing("WS1", "INVENTION", now.minus(1, ChronoUnit.DAYS)))
            .add(Events.status("WS2", "REVOKED", now.minus(2, ChronoUnit.DAYS)))
            .add(Events.filing("WS2", "INVENTION", now.minus(1, ChronoUnit.DAYS)));
        assertEquals(202, post(web, node, "/api/v1/events", TestNodes.CITY_TOKEN, filings).statusCode());
        Poll.until(client, WAIT, "both alerts raised", () -> web.get(node.httpPort(), TestNodes.LOOPBACK,
            "/api/v1/alerts?rule=UNLICENSED_FILING").bearerTokenAuthentication(TestNodes.CITY_TOKEN).send()
            .map(r -> r.bodyAsJsonObject().getJsonArray("items").size()), n -> n == 2);
        // Every change read and dealt with by the dispatcher: what was to be sent has been sent.
        c.awaitConsumed(client, WAIT, c.scope.group() + "-webhooks", node.config().alerts().topic());
        List<String> agencies = city.received().stream().map(r -> new JsonObject(r.getString("body"))
            .getJsonArray("alerts").getJsonObject(0).getJsonObject("labels").getString("agencyId")).toList();
        assertEquals(List.of("WS2"), agencies, "WS1 is silenced, WS2 is not");
      } finally {
        c.close();
        client.close().await();
      }
    }
  }

  @Test
  @DisplayName("an alert nobody acknowledges escalates one severity up, and every city subscription hears of it")
  void escalation() {
    Vertx client = Vertx.vertx();
    WebClient web = WebClient.create(client);
    try (EmbeddedKafka broker = EmbeddedKafka.start(TestNodes.LOOPBACK, null)) {
      TestCluster c = new TestCluster(broker.bootstrapServers(), TestNodes.Scope.fresh(), 1, 1);
      try {
        MonitorNode node = c.start(0, cfg -> {
          var a = cfg.alerts();
          return cfg.withAlerts(new cn.cq.ipmonitor.config.AlertConfig(a.enabled(), a.rulesFile(),
              a.evaluateIntervalMs(), a.clearForMs(), a.keepResolvedDays(), 1_500, a.topic(), a.webhook()));
        });
        WebhookReceiver city = WebhookReceiver.failingFirst(client, 0);
        // A city subscription that would not normally hear of a Jiangbei WARNING.
        assertEquals(201, post(web, node, "/api/v1/subscriptions", TestNodes.CITY_TOKEN, new JsonObject()
            .put("url", city.url()).put("districts", new JsonArray().add("500103")).put("minSeverity", "CRITICAL"))
            .statusCode());
        Instant now = Instant.now();
        JsonArray events = new JsonArray().add(Events.registered("ES1", "500105", 4, now.minus(50, ChronoUnit.DAYS)));
        for (int i = 0; i < 3; i++) {
          events.add(Events.base("COMPLAINT_RECEIVED", "ES1", now.minus(i + 1, ChronoUnit.DAYS)));
        }
        assertEquals(202, post(web, node, "/api/v1/events", TestNodes.CITY_TOKEN, events).statusCode());

        JsonObject escalated = Poll.until(client, WAIT, "the escalated alert", () -> web.get(node.httpPort(),
                TestNodes.LOOPBACK, "/api/v1/alerts?agencyId=ES1").bearerTokenAuthentication(TestNodes.CITY_TOKEN).send()
            .map(r -> r.bodyAsJsonObject().getJsonArray("items")),
            items -> !items.isEmpty() && items.getJsonObject(0).getString("escalatedAt") != null).getJsonObject(0);
        assertEquals("COMPLAINT_CLUSTER", escalated.getString("rule"));
        assertEquals("CRITICAL", escalated.getString("severity"), "WARNING, one up");

        Poll.until(client, WAIT, "the city's notice", () -> io.vertx.core.Future.succeededFuture(city.received().size()),
            n -> n >= 1);
        JsonObject notice = new JsonObject(city.received().get(0).getString("body")).getJsonArray("alerts")
            .getJsonObject(0);
        assertEquals("ES1", notice.getJsonObject("labels").getString("agencyId"));
        assertEquals("critical", notice.getJsonObject("labels").getString("severity"));
        assertTrue(notice.getJsonObject("annotations").getString("escalated") != null);
      } finally {
        c.close();
        client.close().await();
      }
    }
  }

  private static HttpResponse<Buffer> post(WebClient web, MonitorNode node, String path, String token, Object body) {
    Buffer b = body instanceof JsonObject o ? o.toBuffer() : ((JsonArray) body).toBuffer();
    return web.post(node.httpPort(), TestNodes.LOOPBACK, path).bearerTokenAuthentication(token)
        .putHeader("Content-Type", "application/json").sendBuffer(b).await();
  }
}
