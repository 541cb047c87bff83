package cn.cq.ipmonitor.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.cq.ipmonitor.app.MonitorNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Alerts raised from the indicators, routed by district, acknowledged and resolved")
class AlertsTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static OneNode fixture;
  private static MonitorNode node;
  private static Vertx client;
  private static WebClient web;

  @BeforeAll
  static void start() {
    fixture = OneNode.start();
    node = fixture.node();
    client = fixture.client();
    web = fixture.web();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  private static HttpResponse<Buffer> post(String path, String token, JsonObject body) {
    return web.post(node.httpPort(), TestNodes.LOOPBACK, path).bearerTokenAuthentication(token)
        .putHeader("Content-Type", "application/json").sendBuffer(body.toBuffer()).await();
  }

  private static JsonArray alerts(String query, String token) {
    HttpResponse<Buffer> r = web.get(node.httpPort(), TestNodes.LOOPBACK, "/api/v1/alerts" + query)
        .bearerTokenAuthentication(token).send().await();
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject().getJsonArray("items");
  }

  @Test
  @DisplayName("a filing after revocation raises UNLICENSED_FILING for Jiangbei only; Jiangbei acknowledges and resolves it")
  void unlicensedFilingLifecycle() {
    Instant now = Instant.now();
    JsonArray events = new JsonArray()
        .add(Events.registered("AL1", "500105", 4, now.minus(50, ChronoUnit.DAYS)))
        .add(Events.registered("AL2", "500105", 4, now.minus(50, ChronoUnit.DAYS)))
        .add(Events.status("AL1", "REVOKED", now.minus(2, ChronoUnit.DAYS)))
        .add(Events.filing("AL1", "INVENTION", now.minus(1, ChronoUnit.DAYS)))
        .add(Events.filing("AL2", "INVENTION", now.minus(1, ChronoUnit.DAYS)));
    assertEquals(202, web.post(node.httpPort(), TestNodes.LOOPBACK, "/api/v1/events")
        .bearerTokenAuthentication(TestNodes.CITY_TOKEN).putHeader("Content-Type", "application/json")
        .sendBuffer(events.toBuffer()).await().statusCode());

    JsonObject alert = Poll.until(client, WAIT, "the UNLICENSED_FILING alert",
        () -> web.get(node.httpPort(), TestNodes.LOOPBACK, "/api/v1/alerts?agencyId=AL1&rule=UNLICENSED_FILING")
            .bearerTokenAuthentication(TestNodes.JIANGBEI_TOKEN).send()
            .map(r -> r.bodyAsJsonObject().getJsonArray("items")),
        items -> !items.isEmpty()).getJsonObject(0);
    assertEquals("CRITICAL", alert.getString("severity"));
    assertEquals("FIRING", alert.getString("status"));
    assertEquals("500105", alert.getString("district"));
    String id = alert.getString("id");

    assertTrue(alerts("?agencyId=AL2", TestNodes.CITY_TOKEN).isEmpty(), "a normal agency raises nothing");
    assertTrue(alerts("?agencyId=AL1", TestNodes.YUZHONG_TOKEN).isEmpty(), "another district sees nothing");
    assertEquals(403, alerts403("?district=500105", TestNodes.YUZHONG_TOKEN));
    assertEquals(403, post("/api/v1/alerts/" + id + "/ack", TestNodes.YUZHONG_TOKEN, new JsonObject()).statusCode());
    assertEquals(403, post("/api/v1/alerts/" + id + "/ack", TestNodes.DISPLAY_TOKEN, new JsonObject()).statusCode());
    assertEquals(400, alerts400("?status=BURNING"));

    HttpResponse<Buffer> ack = post("/api/v1/alerts/" + id + "/ack", TestNodes.JIANGBEI_TOKEN,
        new JsonObject().put("note", "interview scheduled"));
    assertEquals(200, ack.statusCode(), ack.bodyAsString());
    assertEquals("ACKNOWLEDGED", ack.bodyAsJsonObject().getString("status"));
    assertEquals("jiangbei", ack.bodyAsJsonObject().getString("ackBy"));
    assertEquals("interview scheduled", ack.bodyAsJsonObject().getString("note"));

    HttpResponse<Buffer> resolved = post("/api/v1/alerts/" + id + "/resolve", TestNodes.JIANGBEI_TOKEN,
        new JsonObject().put("note", "licence case closed"));
    assertEquals(200, resolved.statusCode(), resolved.bodyAsString());
    assertEquals("RESOLVED", resolved.bodyAsJsonObject().getString("status"));
    assertTrue(alerts("?status=RESOLVED&agencyId=AL1", TestNodes.CITY_TOKEN).stream()
        .anyMatch(a -> ((JsonObject) a).getString("id").equals(id)));
    assertEquals(404, post("/api/v1/alerts/" + id + "/ack", TestNodes.CITY_TOKEN, new JsonObject()).statusCode());
  }

  private static int alerts403(String query, String token) {
    return web.get(node.httpPort(), TestNodes.LOOPBACK, "/api/v1/alerts" + query).bearerTokenAuthentication(token)
        .send().await().statusCode();
  }

  private static int alerts400(String query) {
    return alerts403(query, TestNodes.CITY_TOKEN);
  }
}
