package cn.cq.ipmonitor.indicator;

import static cn.cq.ipmonitor.indicator.TestFacts.CLOCK;
import static cn.cq.ipmonitor.indicator.TestFacts.NOW;
import static cn.cq.ipmonitor.indicator.TestFacts.RETENTION_DAYS;
import static cn.cq.ipmonitor.indicator.TestFacts.daysAgo;
import static cn.cq.ipmonitor.indicator.TestFacts.filing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Replaying whole days of history into an agency's state")
class ReplayTest {

  private static final long NOW_MS = NOW.toEpochMilli();

  private static long dayStart(int daysAgo) {
    return LocalDate.ofInstant(NOW, TestFacts.SHANGHAI).minusDays(daysAgo).atStartOfDay(TestFacts.SHANGHAI)
        .toInstant().toEpochMilli();
  }

  private static long d365(AgencyState s) {
    return s.measure(CLOCK, NOW_MS).count(Window.D365, Counter.FILINGS);
  }

  private static long d30(AgencyState s) {
    return s.measure(CLOCK, NOW_MS).count(Window.D30, Counter.FILINGS);
  }

  @Test
  @DisplayName("removing hashes keeps every other hash findable (against a HashSet, with wrap-around)")
  void dedupRemove() {
    Random rnd = new Random(3);
    DedupSet set = new DedupSet();
    Set<Long> model = new HashSet<>();
    for (int i = 0; i < 20_000; i++) {
      long h = rnd.nextInt(3_000) + 1L + ((long) rnd.nextInt(4) << 40);
      if (rnd.nextInt(3) == 0) {
        assertEquals(model.remove(h), set.remove(h), "remove " + h);
      } else {
        assertEquals(model.add(h), set.add(h, 0, RETENTION_DAYS), "add " + h);
      }
      assertEquals(model.size(), set.size());
    }
    for (long h : model) {
      assertTrue(set.contains(h));
    }
    assertFalse(set.contains(999_999_999L));
  }

  @Test
  @DisplayName("replaying the same events changes nothing: counts, and distinct events applied")
  void replayIsIdempotent() {
    AgencyState s = new AgencyState("A");
    List<Fact> days = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      Fact f = filing("e" + i, daysAgo(2 + i % 5));
      days.add(f);
      s.apply(f, CLOCK, NOW_MS, RETENTION_DAYS);
    }
    s.apply(filing("outside", daysAgo(20)), CLOCK, NOW_MS, RETENTION_DAYS);
    s.replay(days, true, dayStart(7), dayStart(1), CLOCK, NOW_MS, RETENTION_DAYS);
    assertEquals(51, d365(s));
    assertEquals(51, s.applied());
  }

  @Test
  @DisplayName("a replay makes the days count exactly history's events and leaves other days alone")
  void replayCorrectsDrift() {
    AgencyState s = new AgencyState("A");
    List<Fact> history = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      Fact f = filing("h" + i, daysAgo(3));
      history.add(f);
      s.apply(f, CLOCK, NOW_MS, RETENTION_DAYS);
    }
    // Drift: the live state counted events history never got, inside and outside the replayed days.
    s.apply(filing("stray-in", daysAgo(3)), CLOCK, NOW_MS, RETENTION_DAYS);
    s.apply(filing("stray-out", daysAgo(10)), CLOCK, NOW_MS, RETENTION_DAYS);
    assertEquals(32, d30(s));
    s.replay(history, true, dayStart(4), dayStart(2), CLOCK, NOW_MS, RETENTION_DAYS);
    assertEquals(31, d30(s), "the stray inside the days is gone, the one outside stays");
    assertEquals(30, s.measure(CLOCK, NOW_MS).count(Window.D7, Counter.FILINGS), "the replayed days: history only");
  }
}
