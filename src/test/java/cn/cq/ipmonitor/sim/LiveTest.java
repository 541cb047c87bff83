package cn.cq.ipmonitor.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.cq.ipmonitor.config.SimulatorConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Live generation")
class LiveTest {

  private static final long NOW = BackfillTest.NOW;
  private static final long TICK = 200;
  private static final long MINUTE = 60_000L;
  private static final long HOUR = 60 * MINUTE;
  private final ObjectMapper mapper = new ObjectMapper();

  private static SimulatorConfig config(double eventsPerSecond, double misbehaviourPerHour) {
    return new SimulatorConfig(true, 42L, 120, 700, 7, eventsPerSecond, 1.0, misbehaviourPerHour, 0.45);
  }

  /** Runs {@code duration} of 200 ms ticks, checking that each event falls inside its own tick. */
  private List<SimEvent> tick(EventGenerator g, long from, long duration) {
    List<SimEvent> all = new ArrayList<>();
    for (long t = from; t < from + duration; t += TICK) {
      for (SimEvent e : g.live(t, t + TICK)) {
        assertTrue(e.occurredAtMillis() >= t && e.occurredAtMillis() <= t + TICK,
            () -> "outside [" + from + ", +" + TICK + "]: " + e.json());
        all.add(e);
      }
    }
    return all;
  }

  private JsonNode json(SimEvent e) {
    try {
      return mapper.readTree(e.json());
    } catch (Exception ex) {
      throw new AssertionError("not JSON: " + e.json(), ex);
    }
  }

  @Test
  @DisplayName("at the realistic rate emits valid events of the present, a few hundred an office hour")
  void realisticRate() {
    EventGenerator g = new EventGenerator(config(0, 0));
    g.backfill(NOW).forEachRemaining(e -> { });
    List<SimEvent> hour = tick(g, NOW, HOUR);
    Set<String> ids = new HashSet<>();
    for (SimEvent e : hour) {
      JsonNode node = json(e);
      assertEquals(List.of(), ContractChecks.problems(node, NOW + HOUR), e.json());
      assertTrue(ids.add(node.get("eventId").asText()), "repeated id " + e.json());
    }
    assertTrue(hour.size() > 50 && hour.size() < 2_000, "events in a weekday office hour: " + hour.size());
  }

  @Test
  @DisplayName("with liveEventsPerSecond emits that rate, in the usual mix, with unique ids")
  void fixedRate() {
    double rate = 500;
    EventGenerator g = new EventGenerator(config(rate, 0));
    long seconds = 20;
    List<SimEvent> events = tick(g, NOW, seconds * 1_000);
    double expected = rate * seconds;
    Map<String, Integer> byType = new HashMap<>();
    Set<String> ids = new HashSet<>();
    for (SimEvent e : events) {
      JsonNode node = json(e);
      assertEquals(List.of(), ContractChecks.problems(node, NOW + seconds * 1_000), e.json());
      assertTrue(ids.add(node.get("eventId").asText()), "repeated id " + e.json());
      byType.merge(node.get("type").asText(), 1, Integer::sum);
    }
    // Without a backfill the first tick registers every agency; the rest is the configured rate.
    assertEquals(g.agencies().size(), byType.get("AGENCY_REGISTERED"));
    assertEquals(expected, events.size() - g.agencies().size(), 5 * Math.sqrt(expected), byType::toString);
    int filings = byType.getOrDefault("FILING_SUBMITTED", 0);
    assertEquals(0.5, filings / expected, 0.05, byType::toString);
    assertTrue(byType.getOrDefault("FILING_GRANTED", 0) > byType.getOrDefault("FILING_REJECTED", 0), byType::toString);
  }

  @Test
  @DisplayName("without a backfill first registers every agency")
  void registersFirst() {
    EventGenerator g = new EventGenerator(config(100, 0));
    List<SimEvent> first = g.live(NOW, NOW + TICK);
    Set<String> registered = new HashSet<>();
    for (SimEvent e : first) {
      JsonNode node = json(e);
      if (node.get("type").asText().equals("AGENCY_REGISTERED")) {
        registered.add(node.get("agencyId").asText());
      } else {
        assertTrue(registered.contains(node.get("agencyId").asText()), "event before registration " + e.json());
      }
    }
    assertEquals(g.agencies().size(), registered.size());
  }

  @Test
  @DisplayName("starts misbehaviour episodes at about the configured hourly rate, bursts of 20+ notices within minutes")
  void episodes() {
    double perHour = 6;
    EventGenerator g = new EventGenerator(config(0, perHour));
    g.backfill(NOW).forEachRemaining(e -> { });
    List<SimEvent> events = new ArrayList<>();
    long hours = 8;
    for (long t = NOW; t < NOW + hours * HOUR; t += MINUTE) {
      events.addAll(g.live(t, t + MINUTE));
    }
    double expected = perHour * hours;
    assertEquals(expected, g.liveEpisodesStarted(), 4 * Math.sqrt(expected));
    Map<String, List<Long>> noticesByBatchAgency = new HashMap<>();
    int revocations = 0;
    for (SimEvent e : events) {
      JsonNode node = json(e);
      String type = node.get("type").asText();
      if (type.equals("ABNORMAL_NOTIFIED")) {
        noticesByBatchAgency.computeIfAbsent(node.get("agencyId").asText() + node.at("/detail/batchId").asText(),
            k -> new ArrayList<>()).add(e.occurredAtMillis());
      }
      revocations += type.equals("AGENCY_STATUS_CHANGED") ? 1 : 0;
    }
    boolean burst = noticesByBatchAgency.values().stream()
        .anyMatch(times -> times.size() >= 20 && times.get(times.size() - 1) - times.get(0) <= 10 * MINUTE);
    assertTrue(burst, "no burst of 20 notices within minutes");
    assertTrue(revocations >= 1, "no live revocation in " + hours + " hours");
  }

  @Test
  @DisplayName("refuses an interval that ends before it starts")
  void badInterval() {
    EventGenerator g = new EventGenerator(config(0, 0));
    assertThrows(IllegalArgumentException.class, () -> g.live(NOW, NOW - 1));
  }
}
