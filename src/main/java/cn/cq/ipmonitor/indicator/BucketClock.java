package cn.cq.ipmonitor.indicator;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneRules;

/** Maps event time to bucket numbers; days follow the zone's calendar (Asia/Shanghai by default). */
public final class BucketClock {

  private final ZoneId zone;
  private final ZoneRules rules;

  public BucketClock(ZoneId zone) {
    this.zone = zone;
    this.rules = zone.getRules();
  }

  /** When bucket {@code bucket} of resolution {@code r} begins, epoch milliseconds. */
  public long start(Resolution r, long bucket) {
    if (r == Resolution.DAY) {
      return java.time.LocalDate.ofEpochDay(bucket).atStartOfDay(zone).toInstant().toEpochMilli();
    }
    return bucket * r.millis;
  }

  public long bucket(Resolution r, long epochMillis) {
    if (r == Resolution.DAY) {
      long offsetMillis = rules.getOffset(Instant.ofEpochMilli(epochMillis)).getTotalSeconds() * 1000L;
      return Math.floorDiv(epochMillis + offsetMillis, r.millis);
    }
    return Math.floorDiv(epochMillis, r.millis);
  }
}
