package cn.cq.ipmonitor.sim;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * When filings happen: the year-end peak of DOMAIN.md's monthly seasonality, weekdays over weekends,
 * office hours in Asia/Shanghai. Each factor averages 1 so annual volumes are preserved.
 */
final class ActivityCurve {

  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  static final long SECOND = 1_000L;
  static final long MINUTE = 60 * SECOND;
  static final long HOUR = 60 * MINUTE;
  static final long DAY = 24 * HOUR;
  static final double DAYS_PER_YEAR = 365.25;

  /** Jan..Dec, mean exactly 1 (DOMAIN.md). */
  private static final double[] MONTH = {.85, .60, .95, .90, .95, 1.05, 1.00, .95, 1.00, .85, 1.25, 1.65};
  /** Mon..Sun, mean exactly 1: agencies file on working days, a little on Saturday. */
  private static final double[] WEEKDAY = {1.25, 1.25, 1.25, 1.25, 1.20, 0.50, 0.30};
  /** Hour 0..23 relative weights: office hours, a lunch dip, some evening work before deadlines. */
  private static final double[] HOUR_WEIGHTS = {
      0.2, 0.1, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 1.5, 4.0, 5.0, 4.5,
      2.0, 2.5, 4.5, 5.0, 4.8, 4.0, 2.0, 1.2, 1.0, 0.8, 0.5, 0.3};
  private static final double[] HOUR_CUMULATIVE = cumulative(HOUR_WEIGHTS);

  private ActivityCurve() {
  }

  /** Expected activity of a day relative to the annual mean day. */
  static double dayFactor(LocalDate date) {
    return MONTH[date.getMonthValue() - 1] * WEEKDAY[date.getDayOfWeek().getValue() - 1];
  }

  /** The largest {@link #dayFactor}: a weekday of the busiest month. */
  static double peakDayFactor() {
    return Arrays.stream(MONTH).max().orElseThrow() * Arrays.stream(WEEKDAY).max().orElseThrow();
  }

  /** A whole-second instant inside {@code date} (Asia/Shanghai), with office hours most likely. */
  static long sampleInstant(LocalDate date, SplittableRandom rng) {
    double x = rng.nextDouble() * HOUR_CUMULATIVE[HOUR_CUMULATIVE.length - 1];
    int hour = 0;
    while (hour < HOUR_CUMULATIVE.length - 1 && x >= HOUR_CUMULATIVE[hour]) {
      hour++;
    }
    long offset = hour * HOUR + (rng.nextLong(HOUR) / SECOND) * SECOND;
    return startOfDay(date) + offset;
  }

  /** A working day on or after {@code date}: offices decide on working days. */
  static LocalDate workingDayFrom(LocalDate date) {
    LocalDate d = date;
    while (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
      d = d.plusDays(1);
    }
    return d;
  }

  static long startOfDay(LocalDate date) {
    return date.atStartOfDay(ZONE).toInstant().toEpochMilli();
  }

  static LocalDate dateOf(long millis) {
    return LocalDate.ofInstant(Instant.ofEpochMilli(millis), ZONE);
  }

  /** Rounds down to a whole second, the resolution of {@code occurredAt}. */
  static long floorSecond(long millis) {
    return Math.floorDiv(millis, SECOND) * SECOND;
  }

  static long ceilSecond(long millis) {
    return -Math.floorDiv(-millis, SECOND) * SECOND;
  }

  private static double[] cumulative(double[] weights) {
    double[] c = new double[weights.length];
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      sum += weights[i];
      c[i] = sum;
    }
    return c;
  }
}
