package cn.cq.ipmonitor.indicator;

import static cn.cq.ipmonitor.indicator.TestFacts.CLOCK;
import static cn.cq.ipmonitor.indicator.TestFacts.NOW;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("RollingCounts")
class RollingCountsTest {

  private static final int FILINGS = Counter.FILINGS.bit();
  private static final long NOW_MS = NOW.toEpochMilli();
  private static final long DAY_MS = Duration.ofDays(1).toMillis();

  /** Window lengths as the contract names them. */
  private static Duration length(Window w) {
    return switch (w) {
      case H1 -> Duration.ofHours(1);
      case H24 -> Duration.ofHours(24);
      case D7 -> Duration.ofDays(7);
      case D30 -> Duration.ofDays(30);
      case D365 -> Duration.ofDays(365);
      case TODAY -> Duration.ofDays(1); // one day bucket: the calendar day so far
    };
  }

  private static long filings(RollingCounts c, Window w, Instant at) {
    return c.window(CLOCK, w, at.toEpochMilli())[Counter.FILINGS.ordinal()];
  }

  @Test
  @DisplayName("names its windows as the API does and resolves them back")
  void windows() {
    assertEquals(List.of("1h", "24h", "7d", "30d", "365d", "today"),
        java.util.Arrays.stream(Window.values()).map(w -> w.label).toList());
    for (Window w : Window.values()) {
      assertEquals(w, Window.byLabel(w.label));
      assertEquals(length(w).toMillis(), w.buckets * w.resolution.millis, w.label + " spans its length");
      assertTrue(w.resolution.retained > w.buckets, w.label + ": its resolution keeps one bucket more");
    }
    assertEquals(Resolution.MINUTE, Window.H1.resolution);
    assertEquals(Resolution.FIVE_MINUTES, Window.H24.resolution);
    assertEquals(Resolution.HOUR, Window.D7.resolution);
    assertEquals(Resolution.HOUR, Window.D30.resolution);
    assertEquals(Resolution.DAY, Window.D365.resolution);
    assertThrows(IllegalArgumentException.class, () -> Window.byLabel("2h"));
  }

  @Test
  @DisplayName("counts an event in every window that holds it, and every counter of its mask")
  void basic() {
    RollingCounts c = new RollingCounts();
    int mask = Counter.FILINGS.bit() | Counter.FILINGS_INVENTION.bit() | Counter.UNLICENSED_FILINGS.bit();
    assertTrue(c.add(CLOCK, NOW_MS - 60_000, mask, NOW_MS));
    for (Window w : Window.values()) {
      long[] v = c.window(CLOCK, w, NOW_MS);
      assertEquals(1, v[Counter.FILINGS.ordinal()], w.label);
      assertEquals(1, v[Counter.FILINGS_INVENTION.ordinal()], w.label);
      assertEquals(1, v[Counter.UNLICENSED_FILINGS.ordinal()], w.label);
      assertEquals(3, java.util.Arrays.stream(v).sum(), w.label);
    }
  }

  @Test
  @DisplayName("1h counts an event 59 minutes ago but not one 61 minutes ago")
  void oneHour() {
    RollingCounts c = new RollingCounts();
    c.add(CLOCK, NOW_MS - Duration.ofMinutes(59).toMillis(), FILINGS, NOW_MS);
    c.add(CLOCK, NOW_MS - Duration.ofMinutes(61).toMillis(), FILINGS, NOW_MS);
    assertEquals(1, filings(c, Window.H1, NOW));
    assertEquals(2, filings(c, Window.H24, NOW));
  }

  @Test
  @DisplayName("24h at five-minute resolution: 23h50m ago counts, 24h10m ago does not")
  void twentyFourHours() {
    RollingCounts c = new RollingCounts();
    c.add(CLOCK, NOW_MS - Duration.ofMinutes(23 * 60 + 50).toMillis(), FILINGS, NOW_MS);
    c.add(CLOCK, NOW_MS - Duration.ofMinutes(24 * 60 + 10).toMillis(), FILINGS, NOW_MS);
    c.add(CLOCK, NOW_MS - 1, FILINGS, NOW_MS);
    assertEquals(2, filings(c, Window.H24, NOW));
    assertEquals(1, filings(c, Window.H1, NOW));
    assertEquals(3, filings(c, Window.D7, NOW));
  }

  @Test
  @DisplayName("7d and 30d at hour resolution: 6d22h and 29d22h ago count, 7d2h and 30d2h ago do not")
  void weekAndMonth() {
    RollingCounts c = new RollingCounts();
    c.add(CLOCK, NOW_MS - Duration.ofHours(6 * 24 + 22).toMillis(), FILINGS, NOW_MS);
    c.add(CLOCK, NOW_MS - Duration.ofHours(7 * 24 + 2).toMillis(), FILINGS, NOW_MS);
    c.add(CLOCK, NOW_MS - Duration.ofHours(29 * 24 + 22).toMillis(), FILINGS, NOW_MS);
    c.add(CLOCK, NOW_MS - Duration.ofHours(30 * 24 + 2).toMillis(), FILINGS, NOW_MS);
    assertEquals(1, filings(c, Window.D7, NOW));
    assertEquals(3, filings(c, Window.D30, NOW));
    assertEquals(4, filings(c, Window.D365, NOW));
  }

  @Test
  @DisplayName("365d in Shanghai days: 364 days ago counts, 367 days ago is refused as outside every window")
  void year() {
    RollingCounts c = new RollingCounts();
    assertTrue(c.add(CLOCK, NOW_MS - 364 * DAY_MS, FILINGS, NOW_MS));
    assertTrue(c.add(CLOCK, NOW_MS - 366 * DAY_MS, FILINGS, NOW_MS), "366 days back is still kept (backfill)");
    assertFalse(c.add(CLOCK, NOW_MS - 367 * DAY_MS, FILINGS, NOW_MS));
    assertEquals(1, filings(c, Window.D365, NOW));
    assertEquals(0, filings(c, Window.D30, NOW));
  }

  @Test
  @DisplayName("slides with the clock without any new event")
  void slides() {
    RollingCounts c = new RollingCounts();
    c.add(CLOCK, NOW_MS - Duration.ofMinutes(10).toMillis(), FILINGS, NOW_MS);
    assertEquals(1, filings(c, Window.H1, NOW));
    assertEquals(0, filings(c, Window.H1, NOW.plus(Duration.ofHours(2))));
    assertEquals(1, filings(c, Window.H24, NOW.plus(Duration.ofHours(2))));
    assertEquals(0, filings(c, Window.H24, NOW.plus(Duration.ofHours(25))));
    assertEquals(1, filings(c, Window.D7, NOW.plus(Duration.ofHours(25))));
  }

  @Test
  @DisplayName("reads hour ranges for the surge, both ends included")
  void hours() {
    RollingCounts c = new RollingCounts();
    for (int h = 0; h < 720; h++) {
      c.add(CLOCK, NOW_MS - h * 3_600_000L, FILINGS, NOW_MS);
    }
    assertEquals(24, c.hours(CLOCK, Counter.FILINGS, NOW_MS, 23, 0));
    assertEquals(696, c.hours(CLOCK, Counter.FILINGS, NOW_MS, 719, 24));
    assertEquals(1, c.hours(CLOCK, Counter.FILINGS, NOW_MS, 5, 5));
    assertEquals(0, c.hours(CLOCK, Counter.GRANTS, NOW_MS, 719, 0));
  }

  @Test
  @DisplayName("evict() drops what no window reads any more, so cells() shrinks with the clock")
  void evict() {
    RollingCounts c = new RollingCounts();
    for (int m = 0; m < 30; m++) {
      c.add(CLOCK, NOW_MS - m * 60_000L, FILINGS, NOW_MS);
    }
    int before = c.cells();
    assertEquals(30 + 7 + 1 + 1, before, "30 minutes, 7 five-minute buckets (01:00..01:30), 1 hour, 1 day");
    c.evict(CLOCK, NOW_MS + Duration.ofHours(2).toMillis());
    assertEquals(before - 30, c.cells(), "minute cells gone");
    assertEquals(30, filings(c, Window.H24, NOW.plus(Duration.ofHours(2))));
    c.evict(CLOCK, NOW_MS + 368 * DAY_MS);
    assertEquals(0, c.cells());
  }

  @Test
  @DisplayName("survives a write and read")
  void roundTrip() {
    RollingCounts c = new RollingCounts();
    Random rnd = new Random(5);
    for (int i = 0; i < 1_000; i++) {
      c.add(CLOCK, NOW_MS - (long) (rnd.nextDouble() * 380 * DAY_MS), 1 << rnd.nextInt(Counter.COUNT), NOW_MS);
    }
    RollingCounts r = TestFacts.read(TestFacts.bytes(c::writeTo), RollingCounts::readFrom);
    assertEquals(c.cells(), r.cells());
    for (Window w : Window.values()) {
      assertArrayEquals(c.window(CLOCK, w, NOW_MS), r.window(CLOCK, w, NOW_MS), w.label);
    }
  }

  // ---------------------------------------------------------------- property tests

  private record Ev(long at, int mask) {
  }

  /** What the window should hold, bucket by bucket: the definition, written independently. */
  private static long[] bruteForce(List<Ev> events, Window w, long now) {
    long[] out = new long[Counter.COUNT];
    long last = CLOCK.bucket(w.resolution, now);
    long first = last - w.buckets + 1;
    for (Ev e : events) {
      long b = CLOCK.bucket(w.resolution, e.at);
      if (b >= first && b <= last) {
        for (int c = 0; c < Counter.COUNT; c++) {
          if ((e.mask & (1 << c)) != 0) {
            out[c]++;
          }
        }
      }
    }
    return out;
  }

  /** Events whose occurredAt lies in [from, to), exact time, no buckets. */
  private static long exact(List<Ev> events, long from, long to, Counter c) {
    return events.stream().filter(e -> e.at >= from && e.at < to && (e.mask & c.bit()) != 0).count();
  }

  private static List<Ev> randomEvents(Random rnd, int n, long now) {
    List<Ev> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long at = i % 10 == 0
          ? now - (long) (rnd.nextDouble() * 2 * DAY_MS)               // dense recent traffic
          : now - (long) (rnd.nextDouble() * 400 * DAY_MS);            // 400 days, some too old
      if (i % 97 == 0) {
        at = now + rnd.nextInt(300_000);                                // a little in the future
      }
      if (i % 89 == 0) {
        at = at / 60_000 * 60_000;                                      // exactly on a bucket boundary
      }
      int mask = (1 << rnd.nextInt(Counter.COUNT)) | (rnd.nextBoolean() ? FILINGS : 0);
      events.add(new Ev(at, mask));
    }
    return events;
  }

  @Test
  @DisplayName("equals a brute-force count of 6,000 shuffled events over 400 days, for every window and counter,"
      + " now and as the clock moves on")
  void bruteForceShuffled() {
    Random rnd = new Random(20261121);
    List<Ev> events = randomEvents(rnd, 6_000, NOW_MS);
    Collections.shuffle(events, rnd);
    RollingCounts c = new RollingCounts();
    long today = CLOCK.bucket(Resolution.DAY, NOW_MS);
    for (Ev e : events) {
      boolean kept = c.add(CLOCK, e.at, e.mask, NOW_MS);
      assertEquals(CLOCK.bucket(Resolution.DAY, e.at) >= today - Resolution.DAY.retained + 1, kept);
    }
    long[] later = {0, 60_000, 299_999, 3_600_000, 13 * 3_600_000L, 2 * DAY_MS, 10 * DAY_MS, 40 * DAY_MS};
    for (long dt : later) {
      long now = NOW_MS + dt;
      for (Window w : Window.values()) {
        assertArrayEquals(bruteForce(events, w, now), c.window(CLOCK, w, now), w.label + " at now+" + dt + "ms");
      }
    }
    checkSurgeRanges(events, c, NOW_MS);
    checkContractTolerance(events, c, NOW_MS);
  }

  @Test
  @DisplayName("equals a brute-force count when 6,000 events arrive over 400 days, late, backfilled or early,"
      + " with evictions along the way")
  void bruteForceWithMovingClock() {
    Random rnd = new Random(77);
    RollingCounts c = new RollingCounts();
    List<Ev> events = new ArrayList<>();
    long arrival = NOW_MS - 400 * DAY_MS;
    for (int i = 0; i < 6_000; i++) {
      arrival += (long) (rnd.nextDouble() * (400 * DAY_MS / 6_000.0));
      long at = switch (rnd.nextInt(10)) {
        case 0 -> arrival - (long) (rnd.nextDouble() * 370 * DAY_MS);   // backfill, some too old
        case 1 -> arrival + rnd.nextInt(300_000);                       // early, within the skew
        case 2, 3 -> arrival - (long) (rnd.nextDouble() * 3 * DAY_MS);  // late
        default -> arrival - rnd.nextInt(60_000);                       // on time
      };
      Ev e = new Ev(at, (1 << rnd.nextInt(Counter.COUNT)) | FILINGS);
      events.add(e);
      c.add(CLOCK, e.at, e.mask, arrival);
      if (i % 500 == 0) {
        c.evict(CLOCK, arrival);
      }
    }
    for (long now : new long[] {arrival, NOW_MS, NOW_MS + 3 * DAY_MS}) {
      for (Window w : Window.values()) {
        assertArrayEquals(bruteForce(events, w, now), c.window(CLOCK, w, now), w.label + " at " + now);
      }
    }
    checkSurgeRanges(events, c, NOW_MS);
    checkContractTolerance(events, c, NOW_MS);
  }

  private static void checkSurgeRanges(List<Ev> events, RollingCounts c, long now) {
    long h = CLOCK.bucket(Resolution.HOUR, now);
    long recent = events.stream().filter(e -> (e.mask & FILINGS) != 0)
        .filter(e -> CLOCK.bucket(Resolution.HOUR, e.at) >= h - 23 && CLOCK.bucket(Resolution.HOUR, e.at) <= h)
        .count();
    long prior = events.stream().filter(e -> (e.mask & FILINGS) != 0)
        .filter(e -> CLOCK.bucket(Resolution.HOUR, e.at) >= h - 719 && CLOCK.bucket(Resolution.HOUR, e.at) <= h - 24)
        .count();
    assertEquals(recent, c.hours(CLOCK, Counter.FILINGS, now, 23, 0));
    assertEquals(prior, c.hours(CLOCK, Counter.FILINGS, now, 719, 24));
  }

  /**
   * CONTRACT.md section 2: a window edge may be off by at most one bucket. So the count lies between the
   * events of the window shortened by one bucket and those of the window lengthened by one bucket.
   */
  private static void checkContractTolerance(List<Ev> events, RollingCounts c, long now) {
    for (Window w : Window.values()) {
      long len = length(w).toMillis();
      long res = w.resolution.millis;
      long got = c.window(CLOCK, w, now)[Counter.FILINGS.ordinal()];
      long atLeast = exact(events, now - len + res, now + 1, Counter.FILINGS);
      long atMost = exact(events, now - len - res, now + res, Counter.FILINGS);
      assertTrue(got >= atLeast && got <= atMost,
          w.label + ": " + got + " not within [" + atLeast + ", " + atMost + "]");
    }
  }
}
