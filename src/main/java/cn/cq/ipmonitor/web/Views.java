package cn.cq.ipmonitor.web;

import cn.cq.ipmonitor.event.Districts;
import cn.cq.ipmonitor.indicator.AgencyReading;
import cn.cq.ipmonitor.indicator.Assessment;
import cn.cq.ipmonitor.indicator.Counter;
import cn.cq.ipmonitor.indicator.Derived;
import cn.cq.ipmonitor.indicator.Grade;
import cn.cq.ipmonitor.indicator.Measures;
import cn.cq.ipmonitor.indicator.RiskModel;
import cn.cq.ipmonitor.indicator.Window;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** JSON shapes of the API (CONTRACT.md section 3 and 4). */
public final class Views {

  /** Agencies listed in an aggregate's "most at risk". */
  public static final int TOP_RISK = 10;

  private Views() {
  }

  public static JsonObject agency(Assessment a) {
    AgencyReading r = a.reading();
    RiskModel.Risk risk = a.risk();
    JsonArray findings = new JsonArray();
    risk.findings().forEach(f -> findings.add(new JsonObject().put("code", f.code())
        .put("deduction", f.deduction()).put("detail", f.detail())));
    return new JsonObject()
        .put("agencyId", r.agencyId())
        .put("name", r.name())
        .put("kind", r.kind() == null ? null : r.kind().name())
        .put("district", r.district())
        .put("districtName", Districts.byCode(r.district()).map(Districts.District::nameZh).orElse(null))
        .put("zones", new JsonArray(r.zones()))
        .put("status", r.status().name())
        .put("attorneys", r.attorneys() < 0 ? null : r.attorneys())
        .put("indicators", indicators(r.measures(), a.derived()))
        .put("riskScore", round(risk.riskScore()))
        .put("creditScore", round(risk.creditScore()))
        .put("grade", risk.grade().name())
        .put("findings", findings)
        .put("lastEventAt", r.lastEventAt() < 0 ? null : Instant.ofEpochMilli(r.lastEventAt()).toString())
        .put("events", r.applied());
  }

  /** Every count by window, the per-type filings, and the derived indicators. */
  public static JsonObject indicators(Measures m, Derived d) {
    JsonObject out = new JsonObject();
    JsonObject byType = new JsonObject();
    for (Counter c : Counter.values()) {
      JsonObject windows = new JsonObject();
      for (Window w : Window.values()) {
        windows.put(w.label, m.count(w, c));
      }
      int dot = c.apiName.indexOf('.');
      if (dot > 0) {
        byType.put(c.apiName.substring(dot + 1), windows);
      } else {
        out.put(c.apiName, windows);
      }
    }
    out.put("filingsByType", byType);
    out.put("inventionGrantRate", d.inventionGrantRate());
    out.put("abnormalShare", d.abnormalShare());
    out.put("surge", d.surge());
    out.put("perAttorneyAnnual", d.perAttorneyAnnual());
    return out;
  }

  /** A district's or the city's aggregate: summed counts, derived indicators of the sums, grade spread. */
  public static JsonObject aggregate(String scope, List<Assessment> agencies, Assessment.Assessor assessor) {
    Measures sum = Measures.zero();
    Map<Grade, Integer> grades = new EnumMap<>(Grade.class);
    for (Grade g : Grade.values()) {
      grades.put(g, 0);
    }
    double risk = 0;
    for (Assessment a : agencies) {
      sum = sum.plus(a.reading().measures());
      grades.merge(a.risk().grade(), 1, Integer::sum);
      risk += a.risk().riskScore();
    }
    JsonObject g = new JsonObject();
    grades.forEach((k, v) -> g.put(k.name(), v));
    JsonArray top = new JsonArray();
    agencies.stream().sorted(byRisk()).limit(TOP_RISK).forEach(a -> top.add(summary(a)));
    return new JsonObject()
        .put("scope", scope)
        .put("agencies", agencies.size())
        .put("attorneys", sum.attorneys())
        .put("indicators", indicators(sum, assessor.derive(sum)))
        .put("grades", g)
        .put("meanRiskScore", agencies.isEmpty() ? null : round(risk / agencies.size()))
        .put("mostAtRisk", top);
  }

  public static JsonObject summary(Assessment a) {
    return new JsonObject().put("agencyId", a.reading().agencyId()).put("name", a.reading().name())
        .put("district", a.reading().district()).put("riskScore", round(a.risk().riskScore()))
        .put("grade", a.risk().grade().name());
  }

  public static Comparator<Assessment> byRisk() {
    return Comparator.<Assessment>comparingDouble(a -> -a.risk().riskScore())
        .thenComparing(a -> a.reading().agencyId());
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
