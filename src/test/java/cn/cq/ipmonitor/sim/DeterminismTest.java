package cn.cq.ipmonitor.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.cq.ipmonitor.config.SimulatorConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Event generation is seeded")
class DeterminismTest {

  /** A small city and a month keep these comparisons fast. */
  static SimulatorConfig small(long seed) {
    return new SimulatorConfig(true, seed, 12, 40, 30, 0.0, 1.0, 4.0, 0.45);
  }

  static List<SimEvent> backfill(SimulatorConfig config, long now) {
    List<SimEvent> out = new ArrayList<>();
    new EventGenerator(config).backfill(now).forEachRemaining(out::add);
    return out;
  }

  @Test
  @DisplayName("the same seed gives byte-identical backfill and live events")
  void sameSeedSameEvents() {
    EventGenerator a = new EventGenerator(small(42));
    EventGenerator b = new EventGenerator(small(42));
    List<SimEvent> first = new ArrayList<>();
    List<SimEvent> second = new ArrayList<>();
    a.backfill(BackfillTest.NOW).forEachRemaining(first::add);
    b.backfill(BackfillTest.NOW).forEachRemaining(second::add);
    long hour = 3_600_000L;
    first.addAll(a.live(BackfillTest.NOW, BackfillTest.NOW + hour));
    second.addAll(b.live(BackfillTest.NOW, BackfillTest.NOW + hour));
    assertTrue(first.size() > 1_000, "events " + first.size());
    assertEquals(first, second);
  }

  @Test
  @DisplayName("a different seed gives different events")
  void otherSeedOtherEvents() {
    List<SimEvent> a = backfill(small(42), BackfillTest.NOW);
    List<SimEvent> b = backfill(small(43), BackfillTest.NOW);
    assertNotEquals(a, b);
    assertFalse(a.get(a.size() - 1).json().equals(b.get(b.size() - 1).json()));
  }

  @Test
  @DisplayName("a later restart reproduces the ordinary events of the overlapping days with the same ids")
  void restartReproducesDays() {
    long day = 86_400_000L;
    List<SimEvent> early = backfill(small(42), BackfillTest.NOW);
    List<SimEvent> late = backfill(small(42), BackfillTest.NOW + 3 * day);
    Map<String, String> lateById = new HashMap<>();
    for (SimEvent e : late) {
      lateById.put(eventId(e), e.json());
    }
    long compared = 0;
    for (SimEvent e : early) {
      // Ordinary events of full days both windows cover; registrations and episodes are anchored on "now".
      boolean ordinary = eventId(e).matches("sim-42-\\d.*|sim-42-TM.*");
      if (ordinary && e.occurredAtMillis() > BackfillTest.NOW - 20 * day) {
        assertEquals(e.json(), lateById.get(eventId(e)));
        compared++;
      }
    }
    assertTrue(compared > 1_000, "compared " + compared);
  }

  @Test
  @DisplayName("rejects a scale of zero and one the application numbering cannot carry")
  void scaleBounds() {
    assertThrows(IllegalArgumentException.class,
        () -> new EventGenerator(new SimulatorConfig(true, 1, 12, 40, 30, 0, 0, 4, 0.45)));
    assertThrows(IllegalArgumentException.class,
        () -> new EventGenerator(new SimulatorConfig(true, 1, 120, 700, 30, 0, 12, 4, 0.45)));
    new EventGenerator(new SimulatorConfig(true, 1, 120, 700, 30, 0, 5, 4, 0.45));
  }

  @Test
  @DisplayName("runs the backfill only once")
  void backfillOnce() {
    EventGenerator g = new EventGenerator(small(1));
    Iterator<SimEvent> it = g.backfill(BackfillTest.NOW);
    assertTrue(it.hasNext());
    assertThrows(IllegalStateException.class, () -> g.backfill(BackfillTest.NOW));
  }

  static String eventId(SimEvent e) {
    int start = e.json().indexOf("\"eventId\":\"") + "\"eventId\":\"".length();
    return e.json().substring(start, e.json().indexOf('"', start));
  }
}
