package cn.cq.ipmonitor.indicator;

/**
 * The rolling windows of CONTRACT.md section 2, each ending now, each read at its resolution: an edge is
 * off by at most one bucket.
 */
public enum Window {
  H1("1h", Resolution.MINUTE, 60),
  H24("24h", Resolution.FIVE_MINUTES, 288),
  D7("7d", Resolution.HOUR, 168),
  D30("30d", Resolution.HOUR, 720),
  D365("365d", Resolution.DAY, 365),
  /**
   * The calendar day so far in the indicator zone (one day bucket): what a control room means by "today".
   * Last, so that the ordinals of the contract's windows stay as they were.
   */
  TODAY("today", Resolution.DAY, 1);

  public static final int COUNT = values().length;

  /** The name used in the API. */
  public final String label;
  public final Resolution resolution;
  /** Buckets in the window, the current one included. */
  public final int buckets;

  Window(String label, Resolution resolution, int buckets) {
    this.label = label;
    this.resolution = resolution;
    this.buckets = buckets;
  }

  public static Window byLabel(String label) {
    for (Window w : values()) {
      if (w.label.equals(label)) {
        return w;
      }
    }
    throw new IllegalArgumentException("unknown window " + label);
  }
}
