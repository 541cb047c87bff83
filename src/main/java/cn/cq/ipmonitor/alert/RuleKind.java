package cn.cq.ipmonitor.alert;

import cn.cq.ipmonitor.indicator.Window;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a rule measures. The default rules carry their kind's name (CONTRACT.md section 5); a rule file may add
 * more rules of a kind under other names. Every kind is "higher is worse" once its thresholds are read as
 * below: for {@link #LOW_GRANT_RATE} they are the gap below the national invention grant rate.
 */
public enum RuleKind {
  /** Filings a year per practising attorney; thresholds also scale with the city median. */
  ATTORNEY_OVERLOAD(Window.D365, EnumSet.of(Window.D365), true, false,
      Set.of(Field.MIN_DENOMINATOR, Field.WARNING_MEDIAN_FACTOR, Field.CRITICAL_MEDIAN_FACTOR)),
  /** Abnormal-application notices / patent filings. */
  ABNORMAL_SHARE(Window.D365, EnumSet.allOf(Window.class), false, true, Set.of(Field.MIN_DENOMINATOR)),
  /** Abnormal-application notices counted. */
  ABNORMAL_BURST(Window.H24, EnumSet.allOf(Window.class), false, false, Set.of()),
  /** Gap of the invention grant rate (over closed cases) below the national rate. */
  LOW_GRANT_RATE(Window.D365, EnumSet.allOf(Window.class), true, true, Set.of(Field.MIN_DENOMINATOR)),
  /** Filings of the last 24h / mean daily filings of the 29 days before; minCount is the floor on the 24h. */
  FILING_SURGE(Window.H24, EnumSet.of(Window.H24), true, false, Set.of(Field.MIN_DENOMINATOR, Field.MIN_COUNT)),
  /** Filings made while the licence did not allow it. */
  UNLICENSED_FILING(Window.D7, EnumSet.allOf(Window.class), false, false, Set.of()),
  /** Complaints counted. */
  COMPLAINT_CLUSTER(Window.D30, EnumSet.allOf(Window.class), false, false, Set.of()),
  /** Malicious-trademark refusals / trademark filings. */
  MALICIOUS_TRADEMARK(Window.D365, EnumSet.allOf(Window.class), false, true,
      Set.of(Field.MIN_DENOMINATOR, Field.MIN_COUNT));

  /** Optional fields of a rule that only some kinds read. */
  public enum Field {
    MIN_DENOMINATOR("minDenominator"),
    MIN_COUNT("minCount"),
    WARNING_MEDIAN_FACTOR("warningMedianFactor"),
    CRITICAL_MEDIAN_FACTOR("criticalMedianFactor");

    public final String json;

    Field(String json) {
      this.json = json;
    }
  }

  /** The window a rule of this kind reads when its definition names none. */
  public final Window defaultWindow;
  public final Set<Window> windows;
  /** True when a threshold must be exceeded ("above"), false when reaching it is enough (">="). */
  public final boolean strict;
  /** True when the thresholds are fractions, so at most 1. */
  public final boolean fraction;
  public final Set<Field> fields;

  RuleKind(Window defaultWindow, Set<Window> windows, boolean strict, boolean fraction, Set<Field> fields) {
    this.defaultWindow = defaultWindow;
    this.windows = Set.copyOf(windows);
    this.strict = strict;
    this.fraction = fraction;
    this.fields = Set.copyOf(fields);
  }
}
