package cn.cq.ipmonitor.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.cq.ipmonitor.alert.WebhookPayload;
import cn.cq.ipmonitor.app.MonitorNode;
import cn.cq.ipmonitor.broker.EmbeddedKafka;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("What the district console needs: notes on alerts, editing subscriptions, test webhooks, websocket filters")
class AlertConsoleTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String SECRET = "console-shared-secret-0001";

  /** A real HTTP receiver answering every request with {@code status}; records bodies and signatures. */
  private record Receiver(HttpServer server, List<JsonObject> received) {
    static Receiver start(Vertx vertx, int status) {
      List<JsonObject> got = new CopyOnWriteArrayList<>();
      HttpServer s = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
        got.add(new JsonObject().put("body", body.toString())
            .put("signature", req.getHeader(WebhookPayload.SIGNATURE_HEADER)));
        req.response().setStatusCode(status).end();
      })).listen(0, TestNodes.LOOPBACK).await();
      return new Receiver(s, got);
    }

    String url() {
      return "http://" + TestNodes.LOOPBACK + ":" + server.actualPort() + "/hook";
    }

    List<JsonObject> tests() {
      return received.stream().filter(r -> WebhookPayload.TEST_ALERTNAME.equals(new JsonObject(r.getString("body"))
          .getJsonArray("alerts").getJsonObject(0).getJsonObject("labels").getString("alertname"))).toList();
    }
  }

  @Test
  @DisplayName("a note keeps the status and names its author; PUT replaces within scope; test-send reports the receiver")
  void console() {
    Vertx client = Vertx.vertx();
    WebClient web = WebClient.create(client);
    try (EmbeddedKafka broker = EmbeddedKafka.start(TestNodes.LOOPBACK, null)) {
      TestCluster c = new TestCluster(broker.bootstrapServers(), TestNodes.Scope.fresh(), 1, 1);
      try {
        MonitorNode node = c.start(0);
        Receiver ok = Receiver.start(client, 200);
        Receiver failing = Receiver.start(client, 500);
        // A websocket subscription matching everything: the dispatcher must skip it, not trip over its lack of URL.
        HttpResponse<Buffer> ws = send(web, node, HttpMethod.POST, "/api/v1/subscriptions", TestNodes.CITY_TOKEN,
            new JsonObject().put("channel", "websocket").put("minSeverity", "INFO"));
        assertEquals(201, ws.statusCode(), ws.bodyAsString());
        assertNull(ws.bodyAsJsonObject().getString("url"));
        assertNull(ws.bodyAsJsonObject().getString("secret"));
        String wsId = ws.bodyAsJsonObject().getString("id");
        assertEquals(400, send(web, node, HttpMethod.POST, "/api/v1/subscriptions", TestNodes.CITY_TOKEN,
            new JsonObject().put("channel", "websocket").put("url", ok.url())).statusCode());

        HttpResponse<Buffer> mine = send(web, node, HttpMethod.POST, "/api/v1/subscriptions", TestNodes.JIANGBEI_TOKEN,
            new JsonObject().put("url", ok.url()).put("secret", SECRET).put("minSeverity", "CRITICAL"));
        assertEquals(201, mine.statusCode(), mine.bodyAsString());
        JsonObject created = mine.bodyAsJsonObject();
        String subId = created.getString("id");
        assertEquals("webhook", created.getString("channel"));

        Instant now = Instant.now();
        JsonObject unlicensed = Events.filing("CN1", "INVENTION", now.minus(1, ChronoUnit.DAYS));
        JsonArray events = new JsonArray()
            .add(Events.registered("CN1", "500105", 4, now.minus(50, ChronoUnit.DAYS)))
            .add(Events.filing("CN1", "INVENTION", now.minus(3, ChronoUnit.DAYS)))
            .add(Events.status("CN1", "REVOKED", now.minus(2, ChronoUnit.DAYS)))
            .add(unlicensed);
        assertEquals(202, send(web, node, HttpMethod.POST, "/api/v1/events", TestNodes.CITY_TOKEN, events).statusCode());
        JsonObject alert = Poll.until(client, WAIT, "the alert", () -> web.get(node.httpPort(), TestNodes.LOOPBACK,
                "/api/v1/alerts?agencyId=CN1").bearerTokenAuthentication(TestNodes.CITY_TOKEN).send()
            .map(r -> r.bodyAsJsonObject().getJsonArray("items")), items -> !items.isEmpty()).getJsonObject(0);
        String id = alert.getString("id");
        assertEquals(new JsonArray().add(unlicensed.getString("applicationNo")), alert.getJsonArray("evidence"),
            "the evidence is the filing made after the revocation, not the licensed one before it");
        Poll.until(client, WAIT, "the bureau's webhook", () -> Future.succeededFuture(ok.received().size()),
            n -> n >= 1);

        // Notes.
        String notePath = "/api/v1/alerts/" + id + "/note";
        JsonObject note = new JsonObject().put("note", "called the agency; inspection on Monday");
        assertEquals(403, send(web, node, HttpMethod.POST, notePath, TestNodes.DISPLAY_TOKEN, note).statusCode());
        assertEquals(403, send(web, node, HttpMethod.POST, notePath, TestNodes.YUZHONG_TOKEN, note).statusCode());
        assertEquals(404, send(web, node, HttpMethod.POST, "/api/v1/alerts/UNLICENSED_FILING-NOPE-1/note",
            TestNodes.CITY_TOKEN, note).statusCode());
        HttpResponse<Buffer> noNote = send(web, node, HttpMethod.POST, notePath, TestNodes.JIANGBEI_TOKEN,
            new JsonObject());
        assertEquals(400, noNote.statusCode());
        assertNotNull(noNote.bodyAsJsonObject().getString("error"));
        assertEquals(400, send(web, node, HttpMethod.POST, notePath, TestNodes.JIANGBEI_TOKEN,
            new JsonObject().put("note", "x".repeat(2001))).statusCode());
        assertEquals(400, send(web, node, HttpMethod.POST, notePath, TestNodes.JIANGBEI_TOKEN,
            new JsonObject().put("note", 42)).statusCode());
        HttpResponse<Buffer> noted = send(web, node, HttpMethod.POST, notePath, TestNodes.JIANGBEI_TOKEN, note);
        assertEquals(200, noted.statusCode(), noted.bodyAsString());
        JsonObject n = noted.bodyAsJsonObject();
        assertEquals("FIRING", n.getString("status"), "a note changes no status");
        assertEquals("called the agency; inspection on Monday", n.getString("note"));
        assertEquals("jiangbei", n.getString("noteBy"));
        assertNotNull(n.getString("noteAt"));
        assertNull(n.getString("ackBy"));
        assertEquals(id, n.getString("id"));

        // Editing a subscription.
        String subPath = "/api/v1/subscriptions/" + subId;
        JsonObject edit = new JsonObject().put("url", failing.url()).put("minSeverity", "WARNING")
            .put("rules", new JsonArray().add("UNLICENSED_FILING"));
        assertEquals(403, send(web, node, HttpMethod.PUT, subPath, TestNodes.YUZHONG_TOKEN, edit).statusCode());
        assertEquals(403, send(web, node, HttpMethod.PUT, subPath, TestNodes.DISPLAY_TOKEN, edit).statusCode());
        assertEquals(404, send(web, node, HttpMethod.PUT, "/api/v1/subscriptions/nope", TestNodes.CITY_TOKEN, edit)
            .statusCode());
        HttpResponse<Buffer> bad = send(web, node, HttpMethod.PUT, subPath, TestNodes.JIANGBEI_TOKEN,
            new JsonObject().put("url", "ftp://x").put("districts", new JsonArray().add("500103")));
        assertEquals(400, bad.statusCode());
        assertEquals(2, bad.bodyAsJsonObject().getJsonArray("details").size(), bad.bodyAsString());
        HttpResponse<Buffer> edited = send(web, node, HttpMethod.PUT, subPath, TestNodes.JIANGBEI_TOKEN, edit);
        assertEquals(200, edited.statusCode(), edited.bodyAsString());
        JsonObject e = edited.bodyAsJsonObject();
        assertEquals(subId, e.getString("id"));
        assertEquals(created.getString("owner"), e.getString("owner"));
        assertEquals(created.getString("createdAt"), e.getString("createdAt"));
        assertEquals("500105", e.getString("scopeDistrict"));
        assertEquals(failing.url(), e.getString("url"));
        assertEquals("WARNING", e.getString("minSeverity"));
        assertFalse(e.containsKey("secret"), "a kept secret is not shown again");

        // Test-send: the secret kept by the edit still signs; the failing receiver's status is reported.
        String testPath = subPath + "/test";
        assertEquals(403, send(web, node, HttpMethod.POST, testPath, TestNodes.YUZHONG_TOKEN, null).statusCode());
        JsonObject refused = send(web, node, HttpMethod.POST, testPath, TestNodes.JIANGBEI_TOKEN, null)
            .bodyAsJsonObject();
        assertEquals(new JsonObject().put("delivered", false).put("status", 500).put("error", "HTTP 500"), refused);
        assertEquals(1, failing.tests().size(), "sent once, not retried");
        JsonObject body = new JsonObject(failing.tests().get(0).getString("body"));
        assertEquals(WebhookPayload.sign(SECRET, failing.tests().get(0).getString("body")
            .getBytes(StandardCharsets.UTF_8)), failing.tests().get(0).getString("signature"));
        assertEquals("firing", body.getString("status"));
        assertEquals("true", body.getJsonArray("alerts").getJsonObject(0).getJsonObject("labels").getString("test"));

        assertEquals(200, send(web, node, HttpMethod.PUT, subPath, TestNodes.JIANGBEI_TOKEN,
            edit.copy().put("url", ok.url())).statusCode());
        JsonObject delivered = send(web, node, HttpMethod.POST, testPath, TestNodes.CITY_TOKEN, null)
            .bodyAsJsonObject();
        assertEquals(new JsonObject().put("delivered", true).put("status", 200).putNull("error"), delivered);
        assertEquals(1, ok.tests().size());

        int closedPort = TestNodes.freePort();
        assertEquals(200, send(web, node, HttpMethod.PUT, subPath, TestNodes.JIANGBEI_TOKEN,
            edit.copy().put("url", "http://" + TestNodes.LOOPBACK + ":" + closedPort + "/hook")).statusCode());
        JsonObject unreachable = send(web, node, HttpMethod.POST, testPath, TestNodes.JIANGBEI_TOKEN, null)
            .bodyAsJsonObject();
        assertEquals(false, unreachable.getBoolean("delivered"));
        assertNull(unreachable.getValue("status"));
        assertNotNull(unreachable.getString("error"));

        HttpResponse<Buffer> wsTest = send(web, node, HttpMethod.POST, "/api/v1/subscriptions/" + wsId + "/test",
            TestNodes.CITY_TOKEN, null);
        assertEquals(400, wsTest.statusCode());
        assertEquals(404, send(web, node, HttpMethod.POST, "/api/v1/subscriptions/nope/test", TestNodes.CITY_TOKEN,
            null).statusCode());

        // A webhook turned into a websocket filter by the city: no URL, no secret, and no longer testable.
        JsonObject toWs = send(web, node, HttpMethod.PUT, subPath, TestNodes.CITY_TOKEN,
            new JsonObject().put("channel", "websocket")).bodyAsJsonObject();
        assertEquals("websocket", toWs.getString("channel"));
        assertNull(toWs.getString("url"));
        assertEquals("500105", toWs.getString("scopeDistrict"));
        assertEquals(400, send(web, node, HttpMethod.POST, testPath, TestNodes.CITY_TOKEN, null).statusCode());

        // Every alert change (raised, noted) was read and dealt with; the websocket filter held nothing up.
        c.awaitConsumed(client, WAIT, c.scope.group() + "-webhooks", node.config().alerts().topic());
        assertTrue(ok.received().stream().allMatch(r -> r.getString("signature") != null));
      } finally {
        c.close();
        client.close().await();
      }
    }
  }

  private static HttpResponse<Buffer> send(WebClient web, MonitorNode node, HttpMethod method, String path,
                                           String token, Object body) {
    var req = web.request(method, node.httpPort(), TestNodes.LOOPBACK, path).bearerTokenAuthentication(token)
        .putHeader("Content-Type", "application/json");
    if (body == null) {
      return req.send().await();
    }
    Buffer b = body instanceof JsonObject o ? o.toBuffer() : ((JsonArray) body).toBuffer();
    return req.sendBuffer(b).await();
  }
}
