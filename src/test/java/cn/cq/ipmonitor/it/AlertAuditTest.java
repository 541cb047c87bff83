package cn.cq.ipmonitor.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.cq.ipmonitor.app.MonitorNode;
import cn.cq.ipmonitor.broker.EmbeddedKafka;
import cn.cq.ipmonitor.history.EmbeddedPostgres;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Every alert change is kept in history: who acknowledged, who resolved, with notes")
class AlertAuditTest {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  @DisplayName("raised, acknowledged, noted and resolved: four rows in alert_changes with the people and notes")
  void auditTrail() throws Exception {
    Vertx client = Vertx.vertx();
    WebClient web = WebClient.create(client);
    try (EmbeddedKafka broker = EmbeddedKafka.start(TestNodes.LOOPBACK, null);
         EmbeddedPostgres pg = EmbeddedPostgres.start(TestNodes.LOOPBACK, null, 0, "ipmonitor")) {
      TestCluster c = new TestCluster(broker.bootstrapServers(), TestNodes.Scope.fresh(), 1, 1);
      try {
        MonitorNode node = c.start(0, cfg -> cfg.withHistory(cfg.history().enabledAt(pg.host(), pg.port())));
        Instant now = Instant.now();
        JsonArray events = new JsonArray()
            .add(Events.registered("AU1", "500105", 4, now.minus(50, ChronoUnit.DAYS)))
            .add(Events.status("AU1", "REVOKED", now.minus(2, ChronoUnit.DAYS)))
            .add(Events.filing("AU1", "INVENTION", now.minus(1, ChronoUnit.DAYS)));
        assertEquals(202, web.post(node.httpPort(), TestNodes.LOOPBACK, "/api/v1/events")
            .bearerTokenAuthentication(TestNodes.CITY_TOKEN).putHeader("Content-Type", "application/json")
            .sendBuffer(events.toBuffer()).await().statusCode());
        String id = Poll.until(client, WAIT, "the alert", () -> web.get(node.httpPort(), TestNodes.LOOPBACK,
                "/api/v1/alerts?agencyId=AU1").bearerTokenAuthentication(TestNodes.CITY_TOKEN).send()
            .map(r -> r.bodyAsJsonObject().getJsonArray("items")), items -> !items.isEmpty())
            .getJsonObject(0).getString("id");
        for (String action : List.of("ack", "note", "resolve")) {
          assertEquals(200, web.post(node.httpPort(), TestNodes.LOOPBACK, "/api/v1/alerts/" + id + "/" + action)
              .bearerTokenAuthentication(TestNodes.JIANGBEI_TOKEN).putHeader("Content-Type", "application/json")
              .sendBuffer(new JsonObject().put("note", action + " by the bureau").toBuffer()).await().statusCode());
        }
        String url = "jdbc:postgresql://" + pg.host() + ":" + pg.port() + "/ipmonitor";
        List<String> rows = Poll.until(client, WAIT, "four audit rows", () -> client.executeBlocking(() -> {
          List<String> out = new ArrayList<>();
          try (Connection db = DriverManager.getConnection(url, EmbeddedPostgres.SUPERUSER, "");
               PreparedStatement q = db.prepareStatement(
                   "SELECT status, ack_by, note, note_by FROM alert_changes WHERE alert_id = ?"
                       + " ORDER BY changed_at, status")) {
            q.setString(1, id);
            try (ResultSet rs = q.executeQuery()) {
              while (rs.next()) {
                out.add(rs.getString(1) + "/" + rs.getString(2) + "/" + rs.getString(3) + "/" + rs.getString(4));
              }
            }
          } catch (java.sql.SQLException notYet) {
            // the schema may not be migrated yet
          }
          return out;
        }), r -> r.size() >= 4);
        // The note is a change of its own: same status, its author in note_by.
        assertEquals(List.of("FIRING/null/null/null", "ACKNOWLEDGED/jiangbei/ack by the bureau/jiangbei",
            "ACKNOWLEDGED/jiangbei/note by the bureau/jiangbei", "RESOLVED/jiangbei/resolve by the bureau/jiangbei"),
            rows);
      } finally {
        c.close();
        client.close().await();
      }
    }
  }
}
