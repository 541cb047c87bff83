package cn.cq.ipmonitor.indicator;

import static cn.cq.ipmonitor.indicator.TestFacts.CLOCK;
import static cn.cq.ipmonitor.indicator.TestFacts.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("BucketClock")
class BucketClockTest {

  private static long ms(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  @Test
  @DisplayName("puts 2026-11-20T16:30Z (00:30 in Shanghai) in the same day as now, 2026-11-21T01:30Z")
  void shanghaiDay() {
    long today = CLOCK.bucket(Resolution.DAY, NOW.toEpochMilli());
    assertEquals(LocalDate.of(2026, 11, 21).toEpochDay(), today);
    assertEquals(today, CLOCK.bucket(Resolution.DAY, ms("2026-11-20T16:30:00Z")));
    assertEquals(today, CLOCK.bucket(Resolution.DAY, ms("2026-11-20T16:00:00Z")), "Shanghai midnight");
    assertEquals(today - 1, CLOCK.bucket(Resolution.DAY, ms("2026-11-20T15:59:59.999Z")));
    assertEquals(today, CLOCK.bucket(Resolution.DAY, ms("2026-11-21T15:59:59.999Z")));
    assertEquals(today + 1, CLOCK.bucket(Resolution.DAY, ms("2026-11-21T16:00:00Z")));
  }

  @Test
  @DisplayName("cuts minutes, five minutes and hours at their exact starts")
  void fixedBuckets() {
    long t = ms("2026-11-21T01:00:00Z");
    for (Resolution r : new Resolution[] {Resolution.MINUTE, Resolution.FIVE_MINUTES, Resolution.HOUR}) {
      assertEquals(t / r.millis, CLOCK.bucket(r, t), r.name());
      assertEquals(CLOCK.bucket(r, t) - 1, CLOCK.bucket(r, t - 1), r.name() + " one ms before");
      assertEquals(CLOCK.bucket(r, t), CLOCK.bucket(r, t + r.millis - 1), r.name() + " last ms");
      assertEquals(CLOCK.bucket(r, t) + 1, CLOCK.bucket(r, t + r.millis), r.name() + " next");
    }
    assertEquals(CLOCK.bucket(Resolution.FIVE_MINUTES, ms("2026-11-21T01:30:00Z")),
        CLOCK.bucket(Resolution.FIVE_MINUTES, ms("2026-11-21T01:34:59.999Z")));
    assertNotEquals(CLOCK.bucket(Resolution.FIVE_MINUTES, ms("2026-11-21T01:29:59.999Z")),
        CLOCK.bucket(Resolution.FIVE_MINUTES, ms("2026-11-21T01:30:00Z")));
  }

  @Test
  @DisplayName("floors before the epoch instead of truncating towards zero")
  void beforeEpoch() {
    assertEquals(-1, CLOCK.bucket(Resolution.MINUTE, -1));
    assertEquals(0, CLOCK.bucket(Resolution.MINUTE, 0));
    assertEquals(-1, CLOCK.bucket(Resolution.HOUR, -3_600_000));
    assertEquals(LocalDate.of(1969, 12, 31).toEpochDay(),
        new BucketClock(ZoneId.of("UTC")).bucket(Resolution.DAY, -1));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"Asia/Shanghai", "UTC", "Europe/Berlin", "America/New_York", "Asia/Kathmandu",
      "Pacific/Kiritimati", "America/St_Johns"})
  @DisplayName("numbers days as the zone's calendar dates, across daylight-saving changes")
  void dayIsLocalDate(String zoneId) {
    ZoneId zone = ZoneId.of(zoneId);
    BucketClock clock = new BucketClock(zone);
    Random rnd = new Random(zoneId.hashCode());
    long from = ms("2024-01-01T00:00:00Z");
    long span = ms("2028-01-01T00:00:00Z") - from;
    for (int i = 0; i < 20_000; i++) {
      long t = from + (long) (rnd.nextDouble() * span);
      assertEquals(LocalDate.ofInstant(Instant.ofEpochMilli(t), zone).toEpochDay(), clock.bucket(Resolution.DAY, t),
          () -> Instant.ofEpochMilli(t) + " in " + zone);
    }
  }
}
