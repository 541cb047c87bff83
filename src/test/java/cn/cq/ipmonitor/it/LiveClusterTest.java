package cn.cq.ipmonitor.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import cn.cq.ipmonitor.broker.EmbeddedKafka;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Every node of a cluster serves every live channel")
class LiveClusterTest {

  private static EmbeddedKafka broker;
  private static TestCluster cluster;
  private static Vertx client;
  private static WebClient web;

  @BeforeAll
  static void start() {
    broker = EmbeddedKafka.start(TestNodes.LOOPBACK, null);
    cluster = new TestCluster(broker.bootstrapServers(), TestNodes.Scope.fresh(), 2, 1);
    cluster.start(0);
    cluster.start(1);
    client = Vertx.vertx();
    web = WebClient.create(client);
  }

  @AfterAll
  static void stop() {
    client.close().await();
    cluster.close();
    broker.close();
  }

  @Test
  @DisplayName("an alert raised on whichever node holds the agency reaches the clients of both nodes, with the same numbers")
  void bothNodesPushEverything() {
    List<LiveClient> clients = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      LiveClient c = LiveClient.login(client, cluster.node(i).httpPort(), TestNodes.CITY_TOKEN);
      c.subscribe("alerts");
      c.await("alerts snapshot", LiveClient.snapshotOf("alerts"));
      c.subscribe("city");
      clients.add(c);
    }
    assertNotEquals(clients.get(0).find(m -> "welcome".equals(m.getString("type"))).getString("stream"),
        clients.get(1).find(m -> "welcome".equals(m.getString("type"))).getString("stream"),
        "each node numbers its own stream");

    // Several agencies, so that both nodes hold (and evaluate) some of them.
    Instant now = Instant.now();
    JsonArray events = new JsonArray();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String id = "LC" + i;
      ids.add(id);
      events.add(Events.registered(id, "500105", 4, now.minus(50, ChronoUnit.DAYS)))
          .add(Events.status(id, "REVOKED", now.minus(2, ChronoUnit.DAYS)))
          .add(Events.filing(id, "INVENTION", now.minus(1, ChronoUnit.DAYS)));
    }
    assertEquals(202, web.post(cluster.node(0).httpPort(), TestNodes.LOOPBACK, "/api/v1/events")
        .bearerTokenAuthentication(TestNodes.INGEST_TOKEN).putHeader("Content-Type", "application/json")
        .sendBuffer(events.toBuffer()).await().statusCode());

    for (LiveClient c : clients) {
      for (String id : ids) {
        c.await("the alert of " + id, m -> "alert".equals(m.getString("type"))
            && id.equals(m.getJsonObject("payload").getString("agencyId")));
      }
      JsonObject city = c.await("a city snapshot with all eight agencies", m -> LiveClient.snapshotOf("city").test(m)
          && m.getJsonObject("payload").getInteger("agencies") >= 8
          && m.getJsonObject("payload").getJsonObject("openAlerts").getInteger("CRITICAL") >= 8);
      assertNotNull(city.getJsonObject("payload").getString("newestEventAt"),
          "the feed watermark reaches every node");
      c.close();
    }
  }
}
