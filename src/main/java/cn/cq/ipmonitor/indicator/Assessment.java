package cn.cq.ipmonitor.indicator;

import cn.cq.ipmonitor.config.IndicatorConfig;

/**
 * An agency's reading with its derived indicators and risk: what the API and the screens show.
 */
public record Assessment(AgencyReading reading, Derived derived, RiskModel.Risk risk) {

  /** Computes derived indicators and risk for readings with one configuration. */
  public static final class Assessor {
    private final IndicatorConfig cfg;
    private final RiskModel model;

    public Assessor(IndicatorConfig cfg) {
      this.cfg = cfg;
      this.model = new RiskModel(cfg);
    }

    public Assessment assess(AgencyReading r) {
      Derived d = Derived.of(r.measures(), cfg);
      return new Assessment(r, d, model.assess(r.status(), r.measures(), d));
    }

    public Derived derive(Measures m) {
      return Derived.of(m, cfg);
    }
  }
}
