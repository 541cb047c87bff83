package cn.cq.ipmonitor.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.cq.ipmonitor.app.MonitorNode;
import cn.cq.ipmonitor.broker.EmbeddedKafka;
import cn.cq.ipmonitor.config.AppConfig;
import cn.cq.ipmonitor.config.SimulatorConfig;
import cn.cq.ipmonitor.sim.EventGenerator;
import cn.cq.ipmonitor.sim.Misbehaviour;
import cn.cq.ipmonitor.sim.SimAgency;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The demo: the simulator's year of Chongqing through one node")
class SimulatorDemoTest {

  private static final Duration WAIT = Duration.ofSeconds(120);

  /** The finding each kind of misbehaviour must produce. */
  private static final Map<Misbehaviour, String> FINDING = Map.of(
      Misbehaviour.SURGE, "FILING_SURGE",
      Misbehaviour.ABNORMAL_BATCH, "ABNORMAL_SHARE",
      Misbehaviour.REVOKED_FILING, "UNLICENSED_FILING",
      Misbehaviour.OVERLOAD, "ATTORNEY_OVERLOAD",
      Misbehaviour.LOW_GRANT_RATE, "LOW_GRANT_RATE",
      Misbehaviour.COMPLAINTS, "COMPLAINTS",
      Misbehaviour.MALICIOUS_TM, "MALICIOUS_TRADEMARK");

  @Test
  @DisplayName("every misbehaving agency shows its finding, ranks among the riskiest and raises its alert; normal ones raise none")
  void misbehavingAgenciesShow() {
    Vertx client = Vertx.vertx();
    WebClient web = WebClient.create(client);
    try (EmbeddedKafka broker = EmbeddedKafka.start(TestNodes.LOOPBACK, null)) {
      AppConfig base = TestNodes.config(broker.bootstrapServers(), TestNodes.Scope.fresh(), List.of());
      SimulatorConfig sim = new SimulatorConfig(true, 20261121L, 120, 700, 365, 0.0, 1.0, 0.0, 0.45);
      AppConfig cfg = base.withSimulator(sim);
      List<SimAgency> bad = new EventGenerator(sim).misbehaving();
      MonitorNode node = TestNodes.start(cfg);
      try {
        Map<String, JsonObject> byId = Poll.until(client, WAIT, "every misbehaving agency's finding",
            () -> web.get(node.httpPort(), TestNodes.LOOPBACK, "/api/v1/agencies?sort=risk&limit=1000")
                .bearerTokenAuthentication(TestNodes.CITY_TOKEN).send().map(r -> {
                  Map<String, JsonObject> m = new HashMap<>();
                  r.bodyAsJsonObject().getJsonArray("items").forEach(o -> m.put(((JsonObject) o).getString("agencyId"),
                      (JsonObject) o));
                  return m;
                }),
            m -> bad.stream().allMatch(a -> hasFinding(m.get(a.id()), FINDING.get(a.misbehaviour()))));
        List<Double> risks = byId.values().stream().map(a -> a.getDouble("riskScore")).sorted().toList();
        double median = risks.get(risks.size() / 2);
        for (SimAgency a : bad) {
          assertTrue(byId.get(a.id()).getDouble("riskScore") > median,
              a.id() + " (" + a.misbehaviour() + ") should rank above the median risk " + median);
        }
        // Alerts, both ways: every misbehaving agency raises its rule's alert, and once the year is in, no normal
        // agency holds an open alert (one raised while the backfill was half in resolves by the rules' hysteresis).
        Poll.until(client, WAIT, "every misbehaving agency's alert", () -> alerts(web, node),
            all -> bad.stream().allMatch(a -> all.stream().anyMatch(x -> x.getString("agencyId").equals(a.id())
                && ALERT.get(a.misbehaviour()).contains(x.getString("rule")))));
        java.util.Set<String> badIds = new java.util.HashSet<>(bad.stream().map(SimAgency::id).toList());
        List<JsonObject> normalOpen = Poll.until(client, WAIT, "no open alert on a normal agency",
            () -> alerts(web, node).map(all -> all.stream().filter(x -> !badIds.contains(x.getString("agencyId")))
                .filter(x -> !x.getString("status").equals("RESOLVED")).toList()), List::isEmpty);
        assertTrue(normalOpen.isEmpty());
      } finally {
        node.close().await();
        client.close().await();
      }
    }
  }

  private static final Map<Misbehaviour, java.util.Set<String>> ALERT = Map.of(
      Misbehaviour.SURGE, java.util.Set.of("FILING_SURGE"),
      Misbehaviour.ABNORMAL_BATCH, java.util.Set.of("ABNORMAL_SHARE", "ABNORMAL_BURST"),
      Misbehaviour.REVOKED_FILING, java.util.Set.of("UNLICENSED_FILING"),
      Misbehaviour.OVERLOAD, java.util.Set.of("ATTORNEY_OVERLOAD"),
      Misbehaviour.LOW_GRANT_RATE, java.util.Set.of("LOW_GRANT_RATE"),
      Misbehaviour.COMPLAINTS, java.util.Set.of("COMPLAINT_CLUSTER"),
      Misbehaviour.MALICIOUS_TM, java.util.Set.of("MALICIOUS_TRADEMARK"));

  private static io.vertx.core.Future<List<JsonObject>> alerts(WebClient web, MonitorNode node) {
    return web.get(node.httpPort(), TestNodes.LOOPBACK, "/api/v1/alerts?limit=1000")
        .bearerTokenAuthentication(TestNodes.CITY_TOKEN).send()
        .map(r -> r.bodyAsJsonObject().getJsonArray("items").stream().map(o -> (JsonObject) o).toList());
  }

  private static boolean hasFinding(JsonObject agency, String code) {
    return agency != null && agency.getJsonArray("findings").stream()
        .anyMatch(f -> code.equals(((JsonObject) f).getString("code")));
  }
}
