package cn.cq.ipmonitor.live;

import cn.cq.ipmonitor.alert.Alert;
import cn.cq.ipmonitor.alert.AlertJson;
import cn.cq.ipmonitor.alert.Severity;
import cn.cq.ipmonitor.event.Districts;
import cn.cq.ipmonitor.indicator.Assessment;
import cn.cq.ipmonitor.indicator.Counter;
import cn.cq.ipmonitor.indicator.Window;
import cn.cq.ipmonitor.web.Views;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The payloads of the snapshot channels (dashboards/PROTOCOL.md section 3), built from one reading of every
 * agency and of the open alerts: one read per interval serves every channel and every client.
 */
public final class Snapshots {

  /** Most severe first, then the newest. */
  public static final Comparator<Alert> ALERT_ORDER = Comparator.comparing(Alert::severity).reversed()
      .thenComparing(Comparator.comparingLong(Alert::updatedAt).reversed())
      .thenComparing(Alert::id);

  private final Assessment.Assessor assessor;
  private final List<Assessment> all;
  private final Map<String, List<Assessment>> byDistrict = new HashMap<>();
  private final Map<String, Assessment> byAgency = new HashMap<>();
  private final Map<String, List<Alert>> alertsByAgency = new HashMap<>();
  private final Map<String, List<Alert>> alertsByDistrict = new HashMap<>();
  private final List<Alert> openAlerts;

  public Snapshots(Assessment.Assessor assessor, List<Assessment> all, List<Alert> openAlerts) {
    this.assessor = assessor;
    this.all = all;
    this.openAlerts = openAlerts;
    for (Assessment a : all) {
      byAgency.put(a.reading().agencyId(), a);
      if (a.reading().district() != null) {
        byDistrict.computeIfAbsent(a.reading().district(), d -> new ArrayList<>()).add(a);
      }
    }
    for (Alert a : openAlerts) {
      alertsByAgency.computeIfAbsent(a.agencyId(), k -> new ArrayList<>()).add(a);
      if (a.district() != null) {
        alertsByDistrict.computeIfAbsent(a.district(), k -> new ArrayList<>()).add(a);
      }
    }
  }

  /** Total events applied to every agency so far: the feed rate is its growth between two snapshots. */
  public long totalEvents() {
    long n = 0;
    for (Assessment a : all) {
      n += a.reading().applied();
    }
    return n;
  }

  public JsonObject city() {
    JsonArray districts = new JsonArray();
    for (Districts.District d : Districts.all()) {
      List<Assessment> mine = byDistrict.getOrDefault(d.code(), List.of());
      long today = 0;
      long day = 0;
      long year = 0;
      double riskSum = 0;
      double riskMax = 0;
      for (Assessment a : mine) {
        today += a.reading().measures().count(Window.TODAY, Counter.FILINGS);
        day += a.reading().measures().count(Window.H24, Counter.FILINGS);
        year += a.reading().measures().count(Window.D365, Counter.FILINGS);
        riskSum += a.risk().riskScore();
        riskMax = Math.max(riskMax, a.risk().riskScore());
      }
      districts.add(new JsonObject().put("district", d.code()).put("name", d.nameZh()).put("nameEn", d.nameEn())
          .put("group", d.group().name()).put("agencies", mine.size())
          .put("filingsToday", today).put("filings24h", day).put("filings365d", year)
          .put("meanRiskScore", mine.isEmpty() ? null : round(riskSum / mine.size()))
          .put("maxRiskScore", mine.isEmpty() ? null : round(riskMax))
          .put("openAlerts", severityCounts(alertsByDistrict.getOrDefault(d.code(), List.of()))));
    }
    return Views.aggregate("city", all, assessor)
        .put("openAlerts", severityCounts(openAlerts))
        .put("districts", districts);
  }

  public JsonObject district(String code) {
    Districts.District d = Districts.byCode(code).orElseThrow();
    List<Assessment> mine = byDistrict.getOrDefault(code, List.of());
    JsonArray agencies = new JsonArray();
    mine.stream().sorted(Views.byRisk()).forEach(a -> {
      var m = a.reading().measures();
      agencies.add(Views.summary(a).put("status", a.reading().status().name())
          .put("attorneys", a.reading().attorneys() < 0 ? null : a.reading().attorneys())
          .put("filings24h", m.count(Window.H24, Counter.FILINGS))
          .put("filings365d", m.count(Window.D365, Counter.FILINGS))
          .put("inventionGrantRate", a.derived().inventionGrantRate())
          .put("abnormalShare", a.derived().abnormalShare())
          .put("perAttorneyAnnual", a.derived().perAttorneyAnnual())
          .put("openAlerts", alertsByAgency.getOrDefault(a.reading().agencyId(), List.of()).size()));
    });
    return Views.aggregate("district:" + code, mine, assessor)
        .put("district", code).put("name", d.nameZh()).put("nameEn", d.nameEn()).put("group", d.group().name())
        .put("openAlerts", severityCounts(alertsByDistrict.getOrDefault(code, List.of())))
        .put("agencyList", agencies);
  }

  /** The agency object of the API with its open alerts, or null when no such agency is known. */
  public JsonObject agency(String agencyId) {
    Assessment a = byAgency.get(agencyId);
    if (a == null) {
      return null;
    }
    JsonArray alerts = new JsonArray();
    alertsByAgency.getOrDefault(agencyId, List.of()).stream().sorted(ALERT_ORDER)
        .forEach(al -> alerts.add(AlertJson.toJson(al)));
    return Views.agency(a).put("openAlerts", alerts);
  }

  /** The district an agency is registered in; null when unknown or unregistered. */
  public String districtOf(String agencyId) {
    Assessment a = byAgency.get(agencyId);
    return a == null ? null : a.reading().district();
  }

  public boolean knows(String agencyId) {
    return byAgency.containsKey(agencyId);
  }

  /** The payload of an {@code alerts} snapshot: the given open alerts, most severe and newest first. */
  public static JsonObject alerts(List<Alert> open, int max) {
    JsonArray items = new JsonArray();
    open.stream().sorted(ALERT_ORDER).limit(max).forEach(a -> items.add(AlertJson.toJson(a)));
    return new JsonObject().put("alerts", items).put("total", open.size());
  }

  private static JsonObject severityCounts(List<Alert> alerts) {
    JsonObject out = new JsonObject();
    for (Severity s : Severity.values()) {
      out.put(s.name(), 0);
    }
    alerts.forEach(a -> out.put(a.severity().name(), out.getInteger(a.severity().name()) + 1));
    return out;
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
