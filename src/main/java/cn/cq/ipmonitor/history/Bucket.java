package cn.cq.ipmonitor.history;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

/**
 * A bucket width of the history API. Minute and hour buckets are aligned on UTC minutes and hours (the same
 * as Asia/Shanghai's, whose offset is a whole number of hours, and the same as TimescaleDB's
 * {@code time_bucket}); day and month buckets are calendar days and months of the configured zone. Month
 * buckets have no table of their own: they are summed from day rollups when asked for.
 */
public enum Bucket {
  MINUTE("rollup_minute", Duration.ofDays(2), Duration.ofHours(1)),
  HOUR("rollup_hour", Duration.ofDays(62), Duration.ofDays(1)),
  DAY("rollup_day", Duration.ofDays(2 * 366), Duration.ofDays(30)),
  MONTH("rollup_day", Duration.ofDays(10 * 366), Duration.ofDays(366));

  private static final long MINUTE_MS = 60_000L;
  private static final long HOUR_MS = 3_600_000L;

  /** The rollup table (or continuous aggregate) the bucket is read from. */
  public final String table;
  /** The longest range one request may ask for, so an answer stays small and cheap. */
  public final Duration maxRange;
  /** The range answered when the request names no {@code from}. */
  public final Duration defaultRange;

  Bucket(String table, Duration maxRange, Duration defaultRange) {
    this.table = table;
    this.maxRange = maxRange;
    this.defaultRange = defaultRange;
  }

  /** The name used in the API: minute, hour, day, month. */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Bucket> parse(String s) {
    for (Bucket b : values()) {
      if (b.apiName().equals(s)) {
        return Optional.of(b);
      }
    }
    return Optional.empty();
  }

  /** The start of the bucket holding {@code millis}. */
  public long floor(long millis, ZoneId zone) {
    return switch (this) {
      case MINUTE -> Math.floorDiv(millis, MINUTE_MS) * MINUTE_MS;
      case HOUR -> Math.floorDiv(millis, HOUR_MS) * HOUR_MS;
      case DAY -> local(millis, zone).truncatedTo(ChronoUnit.DAYS).toInstant().toEpochMilli();
      case MONTH -> local(millis, zone).truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1).toInstant().toEpochMilli();
    };
  }

  /** The start of the bucket after the one starting at {@code start}. */
  public long next(long start, ZoneId zone) {
    return switch (this) {
      case MINUTE -> start + MINUTE_MS;
      case HOUR -> start + HOUR_MS;
      case DAY -> local(start, zone).plusDays(1).toInstant().toEpochMilli();
      case MONTH -> local(start, zone).plusMonths(1).toInstant().toEpochMilli();
    };
  }

  private static ZonedDateTime local(long millis, ZoneId zone) {
    return Instant.ofEpochMilli(millis).atZone(zone);
  }
}
