package cn.cq.ipmonitor.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.cq.ipmonitor.alert.Alert;
import cn.cq.ipmonitor.alert.AlertStatus;
import cn.cq.ipmonitor.alert.Severity;
import cn.cq.ipmonitor.config.ConfigLoader;
import cn.cq.ipmonitor.event.AgencyKind;
import cn.cq.ipmonitor.event.AgencyStatus;
import cn.cq.ipmonitor.indicator.AgencyReading;
import cn.cq.ipmonitor.indicator.Assessment;
import cn.cq.ipmonitor.indicator.Counter;
import cn.cq.ipmonitor.indicator.Evidence;
import cn.cq.ipmonitor.indicator.Measures;
import cn.cq.ipmonitor.indicator.Window;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Snapshot payloads of the live channels")
class SnapshotsTest {

  private static final Assessment.Assessor ASSESSOR = new Assessment.Assessor(
      ConfigLoader.withOverrides(new ObjectMapper().createObjectNode()).indicators());

  private static Assessment agency(String id, String district, long today, long day, long year, long events) {
    long[][] counts = new long[Window.COUNT][Counter.COUNT];
    counts[Window.TODAY.ordinal()][Counter.FILINGS.ordinal()] = today;
    counts[Window.H24.ordinal()][Counter.FILINGS.ordinal()] = day;
    counts[Window.D365.ordinal()][Counter.FILINGS.ordinal()] = year;
    Measures m = new Measures(counts, day, 0, 5);
    return ASSESSOR.assess(new AgencyReading(id, "机构" + id, AgencyKind.PATENT, district, List.of(),
        AgencyStatus.ACTIVE, 5, 0L, events, m, Evidence.NONE));
  }

  private static Alert alert(String id, String agency, String district, Severity s, long updatedAt) {
    return new Alert(id, "COMPLAINT_CLUSTER", s, AlertStatus.FIRING, agency, district, 0, updatedAt, null, 3.0, 3.0,
        "30d", List.of(), null, null, null, Alert.HOLDING, null, null, null);
  }

  private static final List<Assessment> AGENCIES = List.of(
      agency("J1", "500105", 2, 5, 100, 40), agency("J2", "500105", 1, 1, 10, 7), agency("Y1", "500103", 0, 3, 50, 9));
  private static final List<Alert> OPEN = List.of(
      alert("a1", "J1", "500105", Severity.WARNING, 10), alert("a2", "J1", "500105", Severity.CRITICAL, 5),
      alert("a3", "Y1", "500103", Severity.WARNING, 20));

  @Test
  @DisplayName("the city has a tile for each of the 38 districts with today's filings, risk and open alerts")
  void city() {
    JsonObject city = new Snapshots(ASSESSOR, AGENCIES, OPEN).city();
    JsonArray tiles = city.getJsonArray("districts");
    assertEquals(38, tiles.size());
    JsonObject jiangbei = tiles.stream().map(o -> (JsonObject) o).filter(t -> "500105".equals(t.getString("district")))
        .findFirst().orElseThrow();
    assertEquals(2, jiangbei.getInteger("agencies"));
    assertEquals(3L, jiangbei.getLong("filingsToday"));
    assertEquals(6L, jiangbei.getLong("filings24h"));
    assertEquals(110L, jiangbei.getLong("filings365d"));
    assertEquals("CENTRAL_CITY", jiangbei.getString("group"));
    assertEquals(1, jiangbei.getJsonObject("openAlerts").getInteger("CRITICAL"));
    assertEquals(1, jiangbei.getJsonObject("openAlerts").getInteger("WARNING"));
    JsonObject empty = tiles.stream().map(o -> (JsonObject) o).filter(t -> "500243".equals(t.getString("district")))
        .findFirst().orElseThrow();
    assertEquals(0, empty.getInteger("agencies"));
    assertNull(empty.getValue("meanRiskScore"), "no agencies, no mean");
    assertEquals(3, city.getInteger("agencies"));
    assertEquals(3L, city.getJsonObject("indicators").getJsonObject("filings").getLong("today"));
    assertEquals(2, city.getJsonObject("openAlerts").getInteger("WARNING"));
    assertEquals(56L, new Snapshots(ASSESSOR, AGENCIES, OPEN).totalEvents());
  }

  @Test
  @DisplayName("a district lists its own agencies only, with their open alert counts")
  void district() {
    JsonObject d = new Snapshots(ASSESSOR, AGENCIES, OPEN).district("500105");
    JsonArray list = d.getJsonArray("agencyList");
    assertEquals(2, list.size());
    assertTrue(list.stream().allMatch(a -> ((JsonObject) a).getString("agencyId").startsWith("J")));
    JsonObject j1 = list.stream().map(o -> (JsonObject) o).filter(a -> "J1".equals(a.getString("agencyId")))
        .findFirst().orElseThrow();
    assertEquals(2, j1.getInteger("openAlerts"));
    assertEquals(100L, j1.getLong("filings365d"));
    assertEquals("江北区", d.getString("name"));
  }

  @Test
  @DisplayName("an agency comes with its open alerts, most severe first; an unknown one is null")
  void agency() {
    Snapshots s = new Snapshots(ASSESSOR, AGENCIES, OPEN);
    JsonArray alerts = s.agency("J1").getJsonArray("openAlerts");
    assertEquals(List.of("a2", "a1"), alerts.stream().map(a -> ((JsonObject) a).getString("id")).toList());
    assertEquals("500105", s.districtOf("J1"));
    assertNull(s.agency("nobody"));
    assertNull(s.districtOf("nobody"));
  }

  @Test
  @DisplayName("an alerts snapshot is most severe then newest first, bounded, with the total")
  void alerts() {
    JsonObject p = Snapshots.alerts(OPEN, 2);
    assertEquals(List.of("a2", "a3"), p.getJsonArray("alerts").stream().map(a -> ((JsonObject) a).getString("id"))
        .toList());
    assertEquals(3, p.getInteger("total"));
  }
}
