package cn.cq.ipmonitor.alert;

import cn.cq.ipmonitor.config.ConfigLoader;
import cn.cq.ipmonitor.config.IndicatorConfig;
import cn.cq.ipmonitor.event.AgencyKind;
import cn.cq.ipmonitor.event.AgencyStatus;
import cn.cq.ipmonitor.indicator.AgencyReading;
import cn.cq.ipmonitor.indicator.Assessment;
import cn.cq.ipmonitor.indicator.Counter;
import cn.cq.ipmonitor.indicator.Measures;
import cn.cq.ipmonitor.indicator.Window;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/** Builds assessments with chosen counts, the way the live path does: Measures, then the Assessor. */
final class Agencies {

  static final IndicatorConfig INDICATORS =
      ConfigLoader.withOverrides(new ObjectMapper().createObjectNode()).indicators();

  private final long[][] counts = new long[Window.COUNT][Counter.COUNT];
  private long last24h;
  private long prior;
  private long attorneys;
  private cn.cq.ipmonitor.indicator.Evidence evidence = cn.cq.ipmonitor.indicator.Evidence.NONE;

  static Agencies agency() {
    return new Agencies();
  }

  /** Sets a counter in one window only, so a rule reading the wrong window sees 0. */
  Agencies in(Window w, Counter c, long n) {
    counts[w.ordinal()][c.ordinal()] = n;
    return this;
  }

  Agencies surge(long last24h, long prior) {
    this.last24h = last24h;
    this.prior = prior;
    return this;
  }

  Agencies evidence(cn.cq.ipmonitor.indicator.Evidence e) {
    this.evidence = e;
    return this;
  }

  Agencies attorneys(long n) {
    this.attorneys = n;
    return this;
  }

  Assessment assess() {
    Measures m = new Measures(counts, last24h, prior, attorneys);
    AgencyReading r = new AgencyReading("A1", "Agency One", AgencyKind.BOTH, "500103", List.of(),
        AgencyStatus.ACTIVE, attorneys == 0 ? -1 : (int) attorneys, 0L, 1L, m, evidence);
    return new Assessment.Assessor(INDICATORS).assess(r);
  }
}
