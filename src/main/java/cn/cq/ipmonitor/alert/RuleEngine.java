package cn.cq.ipmonitor.alert;

import cn.cq.ipmonitor.config.IndicatorConfig;
import cn.cq.ipmonitor.indicator.Assessment;
import cn.cq.ipmonitor.indicator.Counter;
import cn.cq.ipmonitor.indicator.Evidence;
import cn.cq.ipmonitor.indicator.Measures;
import cn.cq.ipmonitor.indicator.Window;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Evaluates the enabled rules against one agency's assessment. Ratios are computed from the raw counts of the
 * rule's own window, with the larger of the rule's and the indicator configuration's minimum denominator, so a
 * 365-day rule agrees with {@link cn.cq.ipmonitor.indicator.Derived} and a rule on another window is still
 * meaningful. Pure and thread-safe.
 */
public final class RuleEngine {

  /**
   * Tolerance of threshold comparisons: the grant-rate gap is a difference of doubles (0.45 - 0.35 is not 0.10
   * exactly), and a rate sitting exactly on a threshold must count as on it, not above it.
   */
  static final double EPSILON = 1e-9;
  /** The most application numbers an alert shows: enough to start an inspection, small enough to read. */
  static final int MAX_EVIDENCE = 10;

  private final List<RuleDefinition> rules;
  private final IndicatorConfig cfg;

  public RuleEngine(RuleSet rules, IndicatorConfig indicators) {
    this.rules = rules.rules().stream().filter(RuleDefinition::enabled).toList();
    this.cfg = Objects.requireNonNull(indicators, "indicators");
  }

  /** Every ENABLED rule's condition for this agency (clear ones included with severity null), in rule order. */
  public List<Condition> evaluate(Assessment a, CityContext city) {
    Measures m = a.reading().measures();
    CityContext c = city == null ? CityContext.UNKNOWN : city;
    List<Condition> out = new ArrayList<>(rules.size());
    Evidence evidence = a.reading().evidence();
    for (RuleDefinition r : rules) {
      out.add(withEvidence(r, evaluate(r, m, c), evidence));
    }
    return out;
  }

  /**
   * A firing condition gets the application numbers of the kind its rule reads that fall inside the rule's
   * window, most recent first; a window edge may be off by one bucket, like the counts.
   */
  private static Condition withEvidence(RuleDefinition r, Condition c, Evidence e) {
    if (!c.firing() || e == null) {
      return c;
    }
    Evidence.Kind kind = switch (r.kind()) {
      case FILING_SURGE, ATTORNEY_OVERLOAD -> Evidence.Kind.FILING;
      case UNLICENSED_FILING -> Evidence.Kind.UNLICENSED;
      case ABNORMAL_SHARE, ABNORMAL_BURST -> Evidence.Kind.ABNORMAL;
      case MALICIOUS_TRADEMARK -> Evidence.Kind.MALICIOUS_TRADEMARK;
      case LOW_GRANT_RATE -> Evidence.Kind.INVENTION_REFUSED;
      case COMPLAINT_CLUSTER -> Evidence.Kind.COMPLAINT;
    };
    Window w = r.window();
    long since = e.at() - (long) w.buckets * w.resolution.millis;
    return new Condition(c.rule(), c.severity(), c.value(), c.threshold(), c.window(),
        e.recent(kind, since, MAX_EVIDENCE));
  }

  private Condition evaluate(RuleDefinition r, Measures m, CityContext city) {
    Window w = r.window();
    return switch (r.kind()) {
      case ATTORNEY_OVERLOAD -> overload(r, m, city);
      case ABNORMAL_SHARE -> judge(r, ratio(m.count(w, Counter.ABNORMAL), patentFilings(m, w),
          Math.max(r.minDenominator(), cfg.minFilingsForAbnormalShare())));
      case ABNORMAL_BURST -> judge(r, (double) m.count(w, Counter.ABNORMAL));
      case LOW_GRANT_RATE -> grantRate(r, m);
      case FILING_SURGE -> surge(r, m);
      case UNLICENSED_FILING -> judge(r, (double) m.count(w, Counter.UNLICENSED_FILINGS));
      case COMPLAINT_CLUSTER -> judge(r, (double) m.count(w, Counter.COMPLAINTS));
      case MALICIOUS_TRADEMARK -> floored(r, judge(r, ratio(m.count(w, Counter.MALICIOUS_TRADEMARK),
          m.count(w, Counter.FILINGS_TRADEMARK), r.minDenominator())), m.count(w, Counter.MALICIOUS_TRADEMARK));
    };
  }

  private Condition overload(RuleDefinition r, Measures m, CityContext city) {
    // Measures report unknown attorneys as 0, so a minimum of at least 1 is what "attorneys known" means.
    Double perAttorney = ratio(m.count(r.window(), Counter.FILINGS), m.attorneys(), Math.max(1, r.minDenominator()));
    Double median = city.medianPerAttorneyAnnual();
    return judge(r, perAttorney, scaled(r.warning(), r.warningMedianFactor(), median),
        scaled(r.critical(), r.criticalMedianFactor(), median));
  }

  private static Double scaled(Double absolute, Double factor, Double median) {
    if (absolute == null || factor == null || median == null) {
      return absolute;
    }
    return Math.max(absolute, factor * median);
  }

  /** Value is the rate; the thresholds are gaps below the national rate, reported as the rates they mean. */
  private Condition grantRate(RuleDefinition r, Measures m) {
    Window w = r.window();
    long grants = m.count(w, Counter.INVENTION_GRANTS);
    long closed = grants + m.count(w, Counter.INVENTION_REJECTIONS) + m.count(w, Counter.INVENTION_WITHDRAWALS);
    Double rate = ratio(grants, closed, Math.max(r.minDenominator(), cfg.minClosedForGrantRate()));
    double national = cfg.nationalInventionGrantRate();
    Double gap = rate == null ? null : national - rate;
    Condition byGap = judge(r, gap, r.warning(), r.critical());
    Double threshold = byGap.threshold() == null ? null : national - byGap.threshold();
    return new Condition(r.name(), byGap.severity(), rate, threshold, w.label);
  }

  /**
   * Clears a firing condition whose count is under the rule's minCount: one refusal among fifty filings is a
   * 2% share, and noise, not a pattern.
   */
  private Condition floored(RuleDefinition r, Condition c, long count) {
    if (c.firing() && count < r.minCount()) {
      return new Condition(r.name(), null, c.value(), lowest(r), r.window().label);
    }
    return c;
  }

  private Condition surge(RuleDefinition r, Measures m) {
    double baseline = (double) m.filingsPrior() / Measures.SURGE_BASELINE_DAYS;
    boolean measurable = baseline > 0 && baseline >= Math.max(r.minDenominator(), cfg.minSurgeBaseline());
    Double factor = measurable ? m.filingsLast24h() / baseline : null;
    Condition c = judge(r, factor);
    if (c.firing() && m.filingsLast24h() < r.minCount()) {
      // Under the floor a large factor is a small agency's noise (1 a day going to 6), not a surge.
      return new Condition(r.name(), null, factor, lowest(r), r.window().label);
    }
    return c;
  }

  private Condition judge(RuleDefinition r, Double value) {
    return judge(r, value, r.warning(), r.critical());
  }

  private Condition judge(RuleDefinition r, Double value, Double warning, Double critical) {
    String window = r.window().label;
    boolean strict = r.kind().strict;
    if (value != null && critical != null && crosses(value, critical, strict)) {
      return new Condition(r.name(), Severity.CRITICAL, value, critical, window);
    }
    if (value != null && warning != null && crosses(value, warning, strict)) {
      return new Condition(r.name(), Severity.WARNING, value, warning, window);
    }
    return new Condition(r.name(), null, value, warning != null ? warning : critical, window);
  }

  private static boolean crosses(double value, double threshold, boolean strict) {
    return strict ? value > threshold + EPSILON : value >= threshold - EPSILON;
  }

  private static Double lowest(RuleDefinition r) {
    return r.warning() != null ? r.warning() : r.critical();
  }

  private static Double ratio(long numerator, long denominator, double minDenominator) {
    return denominator > 0 && denominator >= minDenominator ? (double) numerator / denominator : null;
  }

  private static long patentFilings(Measures m, Window w) {
    return m.count(w, Counter.FILINGS_INVENTION) + m.count(w, Counter.FILINGS_UTILITY_MODEL)
        + m.count(w, Counter.FILINGS_DESIGN);
  }
}
