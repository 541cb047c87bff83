package cn.cq.ipmonitor.indicator;

/**
 * Bucket sizes. Each keeps one bucket more than its longest window needs, so a window read just after a
 * bucket turns over still has its oldest bucket. Days are calendar days in the configured zone
 * (Asia/Shanghai), the others are fixed lengths, which line up with Shanghai's whole-hour offset.
 */
public enum Resolution {
  MINUTE(60_000L, 61),
  FIVE_MINUTES(300_000L, 289),
  HOUR(3_600_000L, 721),
  DAY(86_400_000L, 367);

  public static final int COUNT = values().length;

  public final long millis;
  /** Buckets kept, counting back from the current one. */
  public final int retained;

  Resolution(long millis, int retained) {
    this.millis = millis;
    this.retained = retained;
  }
}
