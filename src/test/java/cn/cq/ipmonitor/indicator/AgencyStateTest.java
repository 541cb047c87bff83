package cn.cq.ipmonitor.indicator;

import static cn.cq.ipmonitor.indicator.TestFacts.AGENCY;
import static cn.cq.ipmonitor.indicator.TestFacts.CLOCK;
import static cn.cq.ipmonitor.indicator.TestFacts.NOW;
import static cn.cq.ipmonitor.indicator.TestFacts.RETENTION_DAYS;
import static cn.cq.ipmonitor.indicator.TestFacts.apply;
import static cn.cq.ipmonitor.indicator.TestFacts.attorneys;
import static cn.cq.ipmonitor.indicator.TestFacts.daysAgo;
import static cn.cq.ipmonitor.indicator.TestFacts.filing;
import static cn.cq.ipmonitor.indicator.TestFacts.hoursAgo;
import static cn.cq.ipmonitor.indicator.TestFacts.measure;
import static cn.cq.ipmonitor.indicator.TestFacts.minutesAgo;
import static cn.cq.ipmonitor.indicator.TestFacts.outcome;
import static cn.cq.ipmonitor.indicator.TestFacts.penalty;
import static cn.cq.ipmonitor.indicator.TestFacts.registered;
import static cn.cq.ipmonitor.indicator.TestFacts.simple;
import static cn.cq.ipmonitor.indicator.TestFacts.status;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.cq.ipmonitor.event.AgencyKind;
import cn.cq.ipmonitor.event.AgencyStatus;
import cn.cq.ipmonitor.event.EventType;
import cn.cq.ipmonitor.event.IpType;
import cn.cq.ipmonitor.event.PenaltyMeasure;
import cn.cq.ipmonitor.event.Route;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("AgencyState")
class AgencyStateTest {

  private final AgencyState state = new AgencyState(AGENCY);

  private long count(Window w, Counter c) {
    return measure(state).count(w, c);
  }

  private long count(Window w, Counter c, Instant at) {
    return measure(state, at).count(w, c);
  }

  private static void assertWindows(Measures m, Counter c, long h1, long h24, long d7, long d30, long d365) {
    assertEquals(List.of(h1, h24, d7, d30, d365),
        List.of(m.count(Window.H1, c), m.count(Window.H24, c), m.count(Window.D7, c), m.count(Window.D30, c),
            m.count(Window.D365, c)), c + " in 1h, 24h, 7d, 30d, 365d");
  }

  // ---------------------------------------------------------------- windows

  @Nested
  @DisplayName("windows")
  class Windows {

    @Test
    @DisplayName("count an event exactly at a bucket boundary in the bucket it starts")
    void bucketBoundary() {
      Instant boundary = Instant.parse("2026-11-21T01:00:00Z"); // a minute, five-minute and hour boundary
      assertEquals(AgencyState.Outcome.APPLIED, apply(state, filing("e1", boundary)));
      assertWindows(measure(state), Counter.FILINGS, 1, 1, 1, 1, 1);
      // Documented edge: the 1h window is the current minute bucket and the 59 before it, so an event
      // exactly 60 minutes before a read at a minute boundary has just left it, 1 ms later it has not.
      assertEquals(1, count(Window.H1, Counter.FILINGS, boundary.plus(Duration.ofMinutes(60)).minusMillis(1)));
      assertEquals(0, count(Window.H1, Counter.FILINGS, boundary.plus(Duration.ofMinutes(60))));
      AgencyState other = new AgencyState(AGENCY);
      apply(other, filing("e0", boundary.minusMillis(1)));
      assertEquals(0, measure(other, boundary.plus(Duration.ofMinutes(60)).minusMillis(1)).count(Window.H1,
          Counter.FILINGS), "the last millisecond of the previous bucket is one bucket older");
    }

    @Test
    @DisplayName("1h counts an event 59 minutes ago but not one 61 minutes ago")
    void oneHour() {
      apply(state, filing("recent", minutesAgo(59)));
      apply(state, filing("older", minutesAgo(61)));
      assertEquals(1, count(Window.H1, Counter.FILINGS));
      assertEquals(2, count(Window.H24, Counter.FILINGS));
      // Boundary (documented, within the contract's one-bucket tolerance): an event 60 minutes ago, or even
      // 59.5 minutes ago, is one bucket older than the oldest minute bucket the 1h window reads at 01:30:00.
      AgencyState edge = new AgencyState(AGENCY);
      apply(edge, filing("edge", NOW.minus(Duration.ofSeconds(59 * 60 + 30))));
      assertEquals(0, measure(edge).count(Window.H1, Counter.FILINGS));
    }

    @Test
    @DisplayName("24h at five-minute resolution counts 23h55m ago and not 24h05m ago")
    void day() {
      apply(state, filing("in", NOW.minus(Duration.ofMinutes(23 * 60 + 55))));
      apply(state, filing("out", NOW.minus(Duration.ofMinutes(24 * 60 + 5))));
      apply(state, filing("now", NOW));
      assertWindows(measure(state), Counter.FILINGS, 1, 2, 3, 3, 3);
      // Five-minute resolution: at 01:34:59 the event at 01:30 is still in the same bucket as now.
      assertEquals(2, count(Window.H24, Counter.FILINGS, NOW.plus(Duration.ofMinutes(4))));
    }

    @Test
    @DisplayName("7d and 30d at hour resolution count 6d23h and 29d23h ago, not 7d1h and 30d1h ago")
    void weekAndMonth() {
      apply(state, filing("a", hoursAgo(6 * 24 + 23)));
      apply(state, filing("b", hoursAgo(7 * 24 + 1)));
      apply(state, filing("c", hoursAgo(29 * 24 + 23)));
      apply(state, filing("d", hoursAgo(30 * 24 + 1)));
      assertWindows(measure(state), Counter.FILINGS, 0, 0, 1, 3, 4);
    }

    @Test
    @DisplayName("365d counts 364 days ago; 367 days ago is OUT_OF_WINDOW and changes no count")
    void year() {
      assertEquals(AgencyState.Outcome.APPLIED, apply(state, filing("364", daysAgo(364))));
      assertEquals(AgencyState.Outcome.APPLIED, apply(state, filing("365", daysAgo(365))));
      assertEquals(AgencyState.Outcome.APPLIED, apply(state, filing("366", daysAgo(366))),
          "backfill up to 366 days back is accepted");
      assertEquals(AgencyState.Outcome.OUT_OF_WINDOW, apply(state, filing("367", daysAgo(367))));
      assertEquals(AgencyState.Outcome.OUT_OF_WINDOW, apply(state, filing("1000", daysAgo(1000))));
      assertWindows(measure(state), Counter.FILINGS, 0, 0, 0, 0, 1);
      assertEquals(3 * 2, state.cells(), "364, 365 and 366 days back: 3 day buckets of FILINGS and FILINGS_INVENTION");
    }

    @Test
    @DisplayName("365d uses days of Asia/Shanghai, not of UTC")
    void shanghaiDays() {
      Instant justAfterShanghaiMidnight = Instant.parse("2026-11-20T16:30:00Z"); // 2026-11-21 00:30 in Shanghai
      Instant justBefore = Instant.parse("2026-11-20T15:30:00Z");                // 2026-11-20 23:30 in Shanghai
      assertEquals(CLOCK.bucket(Resolution.DAY, NOW.toEpochMilli()),
          CLOCK.bucket(Resolution.DAY, justAfterShanghaiMidnight.toEpochMilli()), "same day as now");
      apply(state, filing("after", justAfterShanghaiMidnight));
      apply(state, filing("before", justBefore));
      // Read 364 days later, on 2027-11-20 09:30 in Shanghai: the window's first day is 2026-11-21.
      // In UTC days both events would fall on 2026-11-20 and neither would count.
      Instant later = NOW.plus(Duration.ofDays(364));
      assertEquals(1, count(Window.D365, Counter.FILINGS, later));
      assertEquals(0, count(Window.D365, Counter.FILINGS, later.plus(Duration.ofHours(15))),
          "at Shanghai midnight both have left");
    }

    @Test
    @DisplayName("slide with the clock without new events")
    void slide() {
      apply(state, filing("e", minutesAgo(10)));
      assertWindows(measure(state), Counter.FILINGS, 1, 1, 1, 1, 1);
      assertWindows(measure(state, NOW.plus(Duration.ofHours(2))), Counter.FILINGS, 0, 1, 1, 1, 1);
      assertWindows(measure(state, NOW.plus(Duration.ofHours(25))), Counter.FILINGS, 0, 0, 1, 1, 1);
      assertWindows(measure(state, NOW.plus(Duration.ofDays(8))), Counter.FILINGS, 0, 0, 0, 1, 1);
      assertWindows(measure(state, NOW.plus(Duration.ofDays(31))), Counter.FILINGS, 0, 0, 0, 0, 1);
      assertWindows(measure(state, NOW.plus(Duration.ofDays(366))), Counter.FILINGS, 0, 0, 0, 0, 0);
    }

    @Test
    @DisplayName("count out-of-order and backfilled events in the windows of their event time")
    void outOfOrder() {
      List<Instant> times = List.of(minutesAgo(5), daysAgo(200), daysAgo(3), hoursAgo(20), minutesAgo(40),
          daysAgo(29), daysAgo(364));
      for (int i = 0; i < times.size(); i++) {
        apply(state, filing("e" + i, times.get(i)));
      }
      assertWindows(measure(state), Counter.FILINGS, 2, 3, 4, 5, 7);
      AgencyState sorted = new AgencyState(AGENCY);
      List<Instant> inOrder = new ArrayList<>(times);
      Collections.sort(inOrder);
      for (int i = 0; i < inOrder.size(); i++) {
        apply(sorted, filing("s" + i, inOrder.get(i)));
      }
      for (Window w : Window.values()) {
        assertArrayEquals(measure(sorted).counts()[w.ordinal()], measure(state).counts()[w.ordinal()], w.label);
      }
    }

    @Test
    @DisplayName("count a future event (within the skew) only once its time has come")
    void future() {
      Instant now = Instant.parse("2026-11-21T15:58:00Z");    // 23:58 in Shanghai
      Instant event = now.plus(Duration.ofMinutes(4));        // 00:02 the next day: a later bucket at every resolution
      assertEquals(AgencyState.Outcome.APPLIED, TestFacts.apply(state, filing("early", event), now));
      assertWindows(measure(state, now), Counter.FILINGS, 0, 0, 0, 0, 0);
      // 1 ms before, its five-minute, hour and day buckets have begun: counted within the one-bucket tolerance.
      assertWindows(measure(state, event.minusMillis(1)), Counter.FILINGS, 0, 1, 1, 1, 1);
      assertWindows(measure(state, event), Counter.FILINGS, 1, 1, 1, 1, 1);
      assertEquals(event.toEpochMilli(), state.lastEventAt());
    }

    @Test
    @DisplayName("give the surge its last 24 hours and the 29 days before, at hour resolution")
    void surgeInputs() {
      for (int d = 1; d <= 29; d++) {
        apply(state, filing("p" + d + "a", NOW.minus(Duration.ofDays(d)).minus(Duration.ofHours(1))));
        apply(state, filing("p" + d + "b", NOW.minus(Duration.ofDays(d)).minus(Duration.ofHours(2))));
      }
      apply(state, filing("too-old", NOW.minus(Duration.ofDays(30)).minus(Duration.ofHours(1))));
      for (int i = 0; i < 10; i++) {
        apply(state, filing("r" + i, hoursAgo(i * 2)));
      }
      Measures m = measure(state);
      assertEquals(10, m.filingsLast24h());
      assertEquals(58, m.filingsPrior());
    }

    @Test
    @DisplayName("split the surge at hour buckets: the current hour and the 23 before are recent, the 696 before"
        + " those the baseline")
    void surgeEdges() {
      Instant hourStart = Instant.parse("2026-11-21T01:00:00Z"); // NOW is 01:30, in this hour bucket
      apply(state, filing("h0", NOW));
      apply(state, filing("h23", hourStart.minus(Duration.ofHours(23))));
      apply(state, filing("h24", hourStart.minus(Duration.ofHours(24)).plusSeconds(3599)));
      apply(state, filing("h719", hourStart.minus(Duration.ofHours(719))));
      apply(state, filing("h720", hourStart.minus(Duration.ofHours(720)).plusSeconds(3599)));
      Measures m = measure(state);
      assertEquals(2, m.filingsLast24h(), "h0 and h23");
      assertEquals(2, m.filingsPrior(), "h24 and h719; h720 is 30 days back, outside both");
    }
  }

  // ---------------------------------------------------------------- counters

  @Nested
  @DisplayName("counters")
  class Counters {

    @ParameterizedTest(name = "{0}")
    @EnumSource(IpType.class)
    @DisplayName("a filing counts in filings and in its ipType")
    void filingByType(IpType ip) {
      apply(state, filing("f", minutesAgo(1), ip));
      Measures m = measure(state);
      assertEquals(1, m.count(Window.H1, Counter.FILINGS));
      for (IpType t : IpType.values()) {
        assertEquals(t == ip ? 1 : 0, m.count(Window.H1, Counter.valueOf("FILINGS_" + t.name())), t.name());
      }
      assertEquals(0, m.count(Window.H1, Counter.PCT_FILINGS));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Route.class)
    @DisplayName("pctFilings counts PCT, MADRID and HAGUE filings only")
    void international(Route r) {
      apply(state, filing("f", minutesAgo(1), IpType.INVENTION, r));
      boolean intl = r == Route.PCT || r == Route.MADRID || r == Route.HAGUE;
      assertEquals(intl ? 1 : 0, count(Window.H1, Counter.PCT_FILINGS));
      assertEquals(1, count(Window.H1, Counter.FILINGS));
    }

    @Test
    @DisplayName("outcomes count as grants, rejections, withdrawals, and for inventions also separately")
    void outcomes() {
      apply(state, outcome(EventType.FILING_GRANTED, "g1", minutesAgo(1), IpType.INVENTION));
      apply(state, outcome(EventType.FILING_GRANTED, "g2", minutesAgo(1), IpType.DESIGN));
      apply(state, outcome(EventType.FILING_REJECTED, "r1", minutesAgo(1), IpType.INVENTION));
      apply(state, outcome(EventType.FILING_REJECTED, "r2", minutesAgo(1), IpType.TRADEMARK));
      apply(state, outcome(EventType.FILING_WITHDRAWN, "w1", minutesAgo(1), IpType.UTILITY_MODEL));
      Measures m = measure(state);
      assertEquals(2, m.count(Window.H1, Counter.GRANTS));
      assertEquals(1, m.count(Window.H1, Counter.INVENTION_GRANTS));
      assertEquals(2, m.count(Window.H1, Counter.REJECTIONS));
      assertEquals(1, m.count(Window.H1, Counter.INVENTION_REJECTIONS));
      assertEquals(1, m.count(Window.H1, Counter.WITHDRAWALS));
      assertEquals(0, m.count(Window.H1, Counter.INVENTION_WITHDRAWALS));
      assertEquals(0, m.count(Window.H1, Counter.FILINGS), "an outcome is not a filing");
    }

    @Test
    @DisplayName("abnormal notices, malicious trademarks, complaints and penalties have their own counters")
    void others() {
      apply(state, simple(EventType.ABNORMAL_NOTIFIED, "a", minutesAgo(1)));
      apply(state, simple(EventType.MALICIOUS_TRADEMARK_REFUSED, "m", minutesAgo(1)));
      apply(state, simple(EventType.COMPLAINT_RECEIVED, "c1", minutesAgo(1)));
      apply(state, simple(EventType.COMPLAINT_RECEIVED, "c2", minutesAgo(1)));
      apply(state, penalty("p", minutesAgo(1), PenaltyMeasure.FINE));
      Measures m = measure(state);
      assertEquals(1, m.count(Window.H1, Counter.ABNORMAL));
      assertEquals(1, m.count(Window.H1, Counter.MALICIOUS_TRADEMARK));
      assertEquals(2, m.count(Window.H1, Counter.COMPLAINTS));
      assertEquals(1, m.count(Window.H1, Counter.PENALTIES));
      assertEquals(0, m.count(Window.H1, Counter.FILINGS));
      assertEquals(AgencyStatus.ACTIVE, state.status(), "a fine does not change the status");
    }

    @Test
    @DisplayName("registry events count nothing and are APPLIED even when a year old")
    void registryCountsNothing() {
      assertEquals(AgencyState.Outcome.APPLIED, apply(state, registered("r", daysAgo(800), "A", "500112", 3)));
      assertEquals(AgencyState.Outcome.APPLIED, apply(state, status("s", daysAgo(900), AgencyStatus.ACTIVE)));
      assertEquals(0, state.cells());
      assertEquals("A", state.name());
    }
  }

  // ---------------------------------------------------------------- duplicates

  @Nested
  @DisplayName("duplicates")
  class Duplicates {

    @Test
    @DisplayName("an eventId seen before is a DUPLICATE and changes nothing, whatever else differs")
    void duplicate() {
      assertEquals(AgencyState.Outcome.APPLIED, apply(state, filing("same", minutesAgo(5))));
      assertEquals(AgencyState.Outcome.DUPLICATE, apply(state, filing("same", minutesAgo(5))));
      assertEquals(AgencyState.Outcome.DUPLICATE, apply(state, filing("same", daysAgo(2), IpType.DESIGN)));
      assertEquals(AgencyState.Outcome.DUPLICATE,
          apply(state, simple(EventType.COMPLAINT_RECEIVED, "same", minutesAgo(1))));
      assertWindows(measure(state), Counter.FILINGS, 1, 1, 1, 1, 1);
      assertEquals(0, count(Window.D365, Counter.COMPLAINTS));
      assertEquals(1, state.applied());
      assertEquals(1, state.rememberedEventIds());
    }

    @Test
    @DisplayName("a duplicate registry event does not change the registry")
    void duplicateRegistry() {
      apply(state, registered("reg", daysAgo(10), "Old name", "500112", 3));
      assertEquals(AgencyState.Outcome.DUPLICATE, apply(state, registered("reg", daysAgo(1), "New name", "500103", 9)));
      assertEquals("Old name", state.name());
      assertEquals(3, state.attorneys());
    }

    @Test
    @DisplayName("repeats are recognised for the retention days of arrival and forgotten after it")
    void retention() {
      Fact f = filing("once", hoursAgo(1));
      assertEquals(AgencyState.Outcome.APPLIED, apply(state, f));
      Instant day7 = NOW.plus(Duration.ofDays(RETENTION_DAYS));
      assertEquals(AgencyState.Outcome.DUPLICATE, TestFacts.apply(state, f, day7));
      state.compact(CLOCK, day7.toEpochMilli(), RETENTION_DAYS);
      assertEquals(AgencyState.Outcome.DUPLICATE, TestFacts.apply(state, f, day7), "still remembered on day 7");
      Instant day8 = NOW.plus(Duration.ofDays(RETENTION_DAYS + 1));
      state.compact(CLOCK, day8.toEpochMilli(), RETENTION_DAYS);
      assertEquals(0, state.rememberedEventIds());
      assertEquals(AgencyState.Outcome.APPLIED, TestFacts.apply(state, f, day8), "forgotten after retention");
      assertEquals(2, count(Window.D30, Counter.FILINGS, day8), "the live state now counts it twice");
    }

    @Test
    @DisplayName("an out-of-window event is remembered too: its repeat is a DUPLICATE")
    void outOfWindowRemembered() {
      assertEquals(AgencyState.Outcome.OUT_OF_WINDOW, apply(state, filing("ancient", daysAgo(500))));
      assertEquals(AgencyState.Outcome.DUPLICATE, apply(state, filing("ancient", daysAgo(500))));
    }
  }

  // ---------------------------------------------------------------- property

  private record Sent(Fact fact, boolean repeat) {
  }

  @Test
  @DisplayName("equals a brute-force count of 8,000 shuffled facts (with repeats) over 400 days, for every"
      + " window and counter")
  void bruteForce() {
    Random rnd = new Random(1121);
    List<Sent> sent = new ArrayList<>();
    EventType[] types = {EventType.FILING_SUBMITTED, EventType.FILING_SUBMITTED, EventType.FILING_GRANTED,
        EventType.FILING_REJECTED, EventType.FILING_WITHDRAWN, EventType.ABNORMAL_NOTIFIED,
        EventType.MALICIOUS_TRADEMARK_REFUSED, EventType.COMPLAINT_RECEIVED, EventType.PENALTY_IMPOSED};
    PenaltyMeasure[] harmless = {PenaltyMeasure.FINE, PenaltyMeasure.WARNING, PenaltyMeasure.INTERVIEW,
        PenaltyMeasure.CORRECTION_ORDER};
    for (int i = 0; i < 8_000; i++) {
      Instant at = i % 5 == 0 ? NOW.minusMillis((long) (rnd.nextDouble() * 2 * 86_400_000L))
          : NOW.minusMillis((long) (rnd.nextDouble() * 400 * 86_400_000L));
      if (i % 101 == 0) {
        at = NOW.plusMillis(rnd.nextInt(300_000));
      }
      EventType t = types[rnd.nextInt(types.length)];
      IpType ip = IpType.values()[rnd.nextInt(IpType.values().length)];
      Fact f = switch (t) {
        case FILING_SUBMITTED -> filing("e" + i, at, ip, Route.values()[rnd.nextInt(Route.values().length)]);
        case FILING_GRANTED, FILING_REJECTED, FILING_WITHDRAWN -> outcome(t, "e" + i, at, ip);
        case PENALTY_IMPOSED -> penalty("e" + i, at, harmless[rnd.nextInt(harmless.length)]);
        default -> simple(t, "e" + i, at);
      };
      sent.add(new Sent(f, false));
      if (rnd.nextInt(20) == 0) {
        sent.add(new Sent(f, true));
      }
    }
    Collections.shuffle(sent, rnd);
    List<Fact> distinct = new ArrayList<>();
    java.util.Set<Long> ids = new java.util.HashSet<>();
    long today = CLOCK.bucket(Resolution.DAY, NOW.toEpochMilli());
    for (Sent s : sent) {
      AgencyState.Outcome o = apply(state, s.fact());
      if (!ids.add(s.fact().idHash())) {
        assertEquals(AgencyState.Outcome.DUPLICATE, o);
        continue;
      }
      distinct.add(s.fact());
      boolean tooOld = CLOCK.bucket(Resolution.DAY, s.fact().occurredAtMillis()) < today - 366;
      assertEquals(tooOld ? AgencyState.Outcome.OUT_OF_WINDOW : AgencyState.Outcome.APPLIED, o);
    }
    assertEquals(distinct.size(), state.applied());
    long hour = CLOCK.bucket(Resolution.HOUR, NOW.toEpochMilli());
    long recent = 0;
    long prior = 0;
    for (Fact f : distinct) {
      if (f.type() == EventType.FILING_SUBMITTED) {
        long h = CLOCK.bucket(Resolution.HOUR, f.occurredAtMillis());
        recent += h > hour - 24 && h <= hour ? 1 : 0;
        prior += h > hour - 720 && h <= hour - 24 ? 1 : 0;
      }
    }
    assertEquals(recent, measure(state).filingsLast24h());
    assertEquals(prior, measure(state).filingsPrior());
    for (Instant at : List.of(NOW, NOW.plus(Duration.ofMinutes(3)), NOW.plus(Duration.ofHours(5)),
        NOW.plus(Duration.ofDays(3)))) {
      Measures m = measure(state, at);
      for (Window w : Window.values()) {
        long last = CLOCK.bucket(w.resolution, at.toEpochMilli());
        long[] expected = new long[Counter.COUNT];
        for (Fact f : distinct) {
          long b = CLOCK.bucket(w.resolution, f.occurredAtMillis());
          if (b > last - w.buckets && b <= last) {
            for (Counter c : expectedCounters(f)) {
              expected[c.ordinal()]++;
            }
          }
        }
        for (Counter c : Counter.values()) {
          assertEquals(expected[c.ordinal()], m.count(w, c), w.label + " " + c + " at " + at);
        }
      }
    }
  }

  /** The counters of CONTRACT.md section 4 an event feeds, written out independently of AgencyState. */
  private static List<Counter> expectedCounters(Fact f) {
    List<Counter> c = new ArrayList<>();
    switch (f.type()) {
      case FILING_SUBMITTED -> {
        c.add(Counter.FILINGS);
        c.add(Counter.valueOf("FILINGS_" + f.ipType().name()));
        if (f.international()) {
          c.add(Counter.PCT_FILINGS);
        }
      }
      case FILING_GRANTED -> {
        c.add(Counter.GRANTS);
        if (f.ipType() == IpType.INVENTION) {
          c.add(Counter.INVENTION_GRANTS);
        }
      }
      case FILING_REJECTED -> {
        c.add(Counter.REJECTIONS);
        if (f.ipType() == IpType.INVENTION) {
          c.add(Counter.INVENTION_REJECTIONS);
        }
      }
      case FILING_WITHDRAWN -> {
        c.add(Counter.WITHDRAWALS);
        if (f.ipType() == IpType.INVENTION) {
          c.add(Counter.INVENTION_WITHDRAWALS);
        }
      }
      case ABNORMAL_NOTIFIED -> c.add(Counter.ABNORMAL);
      case MALICIOUS_TRADEMARK_REFUSED -> c.add(Counter.MALICIOUS_TRADEMARK);
      case COMPLAINT_RECEIVED -> c.add(Counter.COMPLAINTS);
      case PENALTY_IMPOSED -> c.add(Counter.PENALTIES);
      default -> {
      }
    }
    return c;
  }

  // ---------------------------------------------------------------- registry and status

  @Nested
  @DisplayName("registry")
  class Registry {

    @Test
    @DisplayName("an agency without a registry record has counts but no name, kind or district")
    void noRegistry() {
      apply(state, filing("f", minutesAgo(3)));
      assertEquals(AGENCY, state.agencyId());
      assertNull(state.name());
      assertNull(state.district());
      assertNull(state.kind());
      assertEquals(List.of(), state.zones());
      assertEquals(-1, state.attorneys());
      assertEquals(AgencyStatus.ACTIVE, state.status());
      assertEquals(1, count(Window.H1, Counter.FILINGS));
      assertEquals(0, measure(state).attorneys(), "unknown attorneys measure as 0");
      AgencyReading r = AgencyReading.of(state, CLOCK, NOW.toEpochMilli());
      assertNull(r.name());
      assertNull(r.district());
      assertEquals(-1, r.attorneys());
    }

    @Test
    @DisplayName("AGENCY_REGISTERED sets name, kind, district, zones and attorneys")
    void registeredSetsFacts() {
      apply(state, registered("r", daysAgo(30), "重庆某专利代理所", "500112", 7));
      assertEquals("重庆某专利代理所", state.name());
      assertEquals(AgencyKind.PATENT, state.kind());
      assertEquals("500112", state.district());
      assertEquals(List.of("LIANGJIANG"), state.zones());
      assertEquals(7, state.attorneys());
      assertEquals(7, measure(state).attorneys());
      assertEquals(AgencyStatus.ACTIVE, state.status());
    }

    @Test
    @DisplayName("an older AGENCY_REGISTERED arriving later does not overwrite a newer one")
    void olderRegistrationLoses() {
      apply(state, registered("new", daysAgo(1), "New name", "500112", 9));
      apply(state, registered("old", daysAgo(100), "Old name", "500103", 2));
      assertEquals("New name", state.name());
      assertEquals("500112", state.district());
      assertEquals(9, state.attorneys());
    }

    @Test
    @DisplayName("a newer AGENCY_REGISTERED replaces an older one")
    void newerRegistrationWins() {
      apply(state, registered("old", daysAgo(100), "Old name", "500103", 2));
      apply(state, registered("new", daysAgo(1), "New name", "500112", 9));
      assertEquals("New name", state.name());
      assertEquals("500112", state.district());
      assertEquals(9, state.attorneys());
    }

    @Test
    @DisplayName("attorneys resolve by event time across registrations and status changes")
    void attorneysByEventTime() {
      apply(state, registered("r", daysAgo(100), "A", "500112", 5));
      apply(state, attorneys("a1", daysAgo(10), 8));
      assertEquals(8, state.attorneys());
      apply(state, attorneys("a0", daysAgo(50), 3));
      assertEquals(8, state.attorneys(), "an older count arriving later does not win");
      apply(state, status("s", daysAgo(5), AgencyStatus.ABNORMAL_OPERATION));
      assertEquals(8, state.attorneys(), "a status change without attorneys keeps the count");
      assertEquals(8, measure(state).attorneys());
    }

    @Test
    @DisplayName("a status change carrying a district sets it until the registration arrives")
    void statusChangeDistrict() {
      apply(state, TestFacts.statusWithDistrict("s", daysAgo(1), AgencyStatus.ACTIVE, "500105"));
      assertEquals("500105", state.district());
      apply(state, registered("r", daysAgo(100), "A", "500112", 1));
      assertEquals("500112", state.district(), "the registration is the authority on the district");
      apply(state, TestFacts.statusWithDistrict("s2", hoursAgo(1), AgencyStatus.ACTIVE, "500106"));
      assertEquals("500112", state.district());
    }

    @Test
    @DisplayName("the latest status by event time is the status, whatever the arrival order")
    void latestStatus() {
      apply(state, status("active", hoursAgo(1), AgencyStatus.ACTIVE));
      apply(state, status("revoked", hoursAgo(5), AgencyStatus.REVOKED));
      assertEquals(AgencyStatus.ACTIVE, state.status());
      assertEquals(AgencyStatus.REVOKED, state.statusAt(hoursAgo(3).toEpochMilli()));
      assertEquals(AgencyStatus.ACTIVE, state.statusAt(hoursAgo(6).toEpochMilli()), "ACTIVE before any is known");
    }

    @Test
    @DisplayName("a filing after a REVOKED status counts as unlicensed, one before it does not")
    void unlicensed() {
      Instant revokedAt = hoursAgo(10);
      apply(state, status("rev", revokedAt, AgencyStatus.REVOKED));
      apply(state, filing("before", revokedAt.minus(Duration.ofHours(1))));
      apply(state, filing("after", revokedAt.plus(Duration.ofHours(1))));
      apply(state, filing("same-ms", revokedAt));
      Measures m = measure(state);
      assertEquals(3, m.count(Window.H24, Counter.FILINGS));
      assertEquals(2, m.count(Window.H24, Counter.UNLICENSED_FILINGS), "'after' and the one at the same instant");
      assertEquals(AgencyStatus.REVOKED, state.status());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(AgencyStatus.class)
    @DisplayName("only STOP_NEW_BUSINESS, SUSPENDED and REVOKED make a filing unlicensed")
    void whichStatusesForbid(AgencyStatus s) {
      apply(state, status("s", hoursAgo(2), s));
      apply(state, filing("f", hoursAgo(1)));
      boolean forbidden = s == AgencyStatus.STOP_NEW_BUSINESS || s == AgencyStatus.SUSPENDED
          || s == AgencyStatus.REVOKED;
      assertEquals(forbidden ? 1 : 0, count(Window.H24, Counter.UNLICENSED_FILINGS));
      assertEquals(forbidden, s.forbidsFiling());
    }

    @Test
    @DisplayName("only a submission counts as unlicensed, not an outcome of an older application")
    void outcomesAreNotUnlicensed() {
      apply(state, status("rev", hoursAgo(5), AgencyStatus.REVOKED));
      apply(state, outcome(EventType.FILING_GRANTED, "g", hoursAgo(1), IpType.INVENTION));
      assertEquals(0, count(Window.H24, Counter.UNLICENSED_FILINGS));
    }

    @Test
    @DisplayName("a reinstatement ends the unlicensed period, even when it arrives first")
    void reinstatement() {
      apply(state, status("active-again", hoursAgo(4), AgencyStatus.ACTIVE));
      apply(state, status("suspended", hoursAgo(8), AgencyStatus.SUSPENDED));
      apply(state, filing("during", hoursAgo(6)));
      apply(state, filing("after", hoursAgo(2)));
      assertEquals(1, count(Window.H24, Counter.UNLICENSED_FILINGS));
      assertEquals(AgencyStatus.ACTIVE, state.status());
    }

    @Test
    @DisplayName("PENALTY_IMPOSED with REVOCATION revokes; STOP_NEW_BUSINESS stops new business")
    void penaltyChangesStatus() {
      apply(state, penalty("p", hoursAgo(3), PenaltyMeasure.REVOCATION));
      assertEquals(AgencyStatus.REVOKED, state.status());
      apply(state, filing("f", hoursAgo(1)));
      assertEquals(1, count(Window.H24, Counter.UNLICENSED_FILINGS));
      assertEquals(1, count(Window.H24, Counter.PENALTIES));

      AgencyState other = new AgencyState("50999");
      apply(other, penalty("p", hoursAgo(3), PenaltyMeasure.STOP_NEW_BUSINESS));
      assertEquals(AgencyStatus.STOP_NEW_BUSINESS, other.status());
      apply(other, filing("f", hoursAgo(1)));
      assertEquals(1, measure(other).count(Window.H24, Counter.UNLICENSED_FILINGS));
    }

    @Test
    @DisplayName("a filing made after a revocation counts as unlicensed even when the revocation arrives later")
    void unlicensedRegardlessOfArrivalOrder() {
      apply(state, filing("before", hoursAgo(20)));
      apply(state, filing("after", hoursAgo(1)));
      apply(state, status("rev", hoursAgo(10), AgencyStatus.REVOKED));
      assertEquals(1, count(Window.H24, Counter.UNLICENSED_FILINGS));
      assertEquals(1, count(Window.D365, Counter.UNLICENSED_FILINGS));
      apply(state, status("reinstated", hoursAgo(5), AgencyStatus.ACTIVE));
      assertEquals(0, count(Window.H24, Counter.UNLICENSED_FILINGS), "reinstated before the late filing");
    }
  }

  // ---------------------------------------------------------------- persistence and memory

  private AgencyState richState() {
    apply(state, registered("reg", daysAgo(300), "重庆某知识产权代理有限公司", "500112", 11));
    apply(state, status("susp", daysAgo(20), AgencyStatus.SUSPENDED));
    apply(state, status("act", daysAgo(10), AgencyStatus.ACTIVE));
    Random rnd = new Random(9);
    for (int i = 0; i < 500; i++) {
      IpType ip = IpType.values()[rnd.nextInt(4)];
      apply(state, filing("f" + i, NOW.minusMillis((long) (rnd.nextDouble() * 360 * 86_400_000L)), ip, Route.PCT));
      apply(state, outcome(EventType.FILING_GRANTED, "g" + i, minutesAgo(rnd.nextInt(3000)), ip));
    }
    return state;
  }

  private static void assertSameMeasures(Measures a, Measures b) {
    for (Window w : Window.values()) {
      assertArrayEquals(a.counts()[w.ordinal()], b.counts()[w.ordinal()], w.label);
    }
    assertEquals(a.filingsLast24h(), b.filingsLast24h());
    assertEquals(a.filingsPrior(), b.filingsPrior());
    assertEquals(a.attorneys(), b.attorneys());
  }

  @Test
  @DisplayName("survives writeTo/readFrom with measures, registry, status history and dedup")
  void roundTrip() {
    AgencyState s = richState();
    byte[] bytes = TestFacts.bytes(s::writeTo);
    AgencyState r = TestFacts.read(bytes, AgencyState::readFrom);
    for (Instant at : List.of(NOW, NOW.plus(Duration.ofDays(3)))) {
      assertSameMeasures(measure(s, at), measure(r, at));
    }
    assertEquals(s.agencyId(), r.agencyId());
    assertEquals(s.name(), r.name());
    assertEquals(s.kind(), r.kind());
    assertEquals(s.district(), r.district());
    assertEquals(s.zones(), r.zones());
    assertEquals(s.attorneys(), r.attorneys());
    assertEquals(s.status(), r.status());
    assertEquals(AgencyStatus.SUSPENDED, r.statusAt(daysAgo(15).toEpochMilli()));
    assertEquals(s.lastEventAt(), r.lastEventAt());
    assertEquals(s.applied(), r.applied());
    assertEquals(s.cells(), r.cells());
    assertEquals(s.rememberedEventIds(), r.rememberedEventIds());
    assertArrayEquals(bytes, TestFacts.bytes(r::writeTo), "a second round trip writes the same bytes");

    assertEquals(AgencyState.Outcome.DUPLICATE, apply(r, filing("f7", minutesAgo(1))), "repeat after round trip");
    assertEquals(AgencyState.Outcome.DUPLICATE, apply(r, registered("reg", daysAgo(1), "X", "500103", 1)));
    assertEquals("重庆某知识产权代理有限公司", r.name());
    long before = measure(r).count(Window.H1, Counter.FILINGS);
    assertEquals(AgencyState.Outcome.APPLIED, apply(r, filing("new", minutesAgo(1))));
    assertEquals(before + 1, measure(r).count(Window.H1, Counter.FILINGS));
    // The status history still decides unlicensed filings after the round trip.
    long unlicensed = measure(r).count(Window.D30, Counter.UNLICENSED_FILINGS);
    assertEquals(AgencyState.Outcome.APPLIED, apply(r, filing("while-suspended", daysAgo(15))));
    assertEquals(AgencyState.Outcome.APPLIED, apply(r, filing("after-reinstatement", daysAgo(5))));
    assertEquals(unlicensed + 1, measure(r).count(Window.D30, Counter.UNLICENSED_FILINGS));
  }

  @Test
  @DisplayName("an empty state survives writeTo/readFrom")
  void emptyRoundTrip() {
    AgencyState r = TestFacts.read(TestFacts.bytes(state::writeTo), AgencyState::readFrom);
    assertNull(r.name());
    assertNull(r.kind());
    assertNull(r.district());
    assertEquals(-1, r.attorneys());
    assertEquals(0, r.cells());
    assertEquals(AgencyStatus.ACTIVE, r.status());
    assertEquals(AgencyState.Outcome.APPLIED, apply(r, filing("x", minutesAgo(1))));
  }

  @Test
  @DisplayName("compact() drops expired cells and eventIds, and the windows still read right")
  void compact() {
    for (int i = 0; i < 120; i++) {
      apply(state, filing("m" + i, NOW.minusSeconds(i * 30L)));
    }
    int full = state.cells();
    assertEquals(120, state.rememberedEventIds());
    state.compact(CLOCK, NOW.toEpochMilli(), RETENTION_DAYS);
    assertEquals(full, state.cells(), "nothing expired yet");
    Instant later = NOW.plus(Duration.ofHours(2));
    state.compact(CLOCK, later.toEpochMilli(), RETENTION_DAYS);
    assertTrue(state.cells() < full, "minute cells dropped: " + state.cells() + " < " + full);
    assertEquals(120, count(Window.H24, Counter.FILINGS, later));
    Instant muchLater = NOW.plus(Duration.ofDays(400));
    state.compact(CLOCK, muchLater.toEpochMilli(), RETENTION_DAYS);
    assertEquals(0, state.cells());
    assertEquals(0, state.rememberedEventIds());
    assertEquals(120, state.applied(), "compaction does not rewrite history");
  }

  @Test
  @DisplayName("AgencyReading carries the state and survives writeTo/readFrom")
  void reading() {
    AgencyState s = richState();
    AgencyReading r = AgencyReading.of(s, CLOCK, NOW.toEpochMilli());
    assertEquals(s.name(), r.name());
    assertEquals("500112", r.district());
    assertEquals(AgencyStatus.ACTIVE, r.status());
    assertEquals(11, r.attorneys());
    assertEquals(1 + 2 + 500 + 500, r.applied());
    AgencyReading back = TestFacts.read(TestFacts.bytes(r::writeTo), AgencyReading::readFrom);
    assertEquals(r.agencyId(), back.agencyId());
    assertEquals(r.name(), back.name());
    assertEquals(r.kind(), back.kind());
    assertEquals(r.district(), back.district());
    assertEquals(r.zones(), back.zones());
    assertEquals(r.status(), back.status());
    assertEquals(r.attorneys(), back.attorneys());
    assertEquals(r.lastEventAt(), back.lastEventAt());
    assertEquals(r.applied(), back.applied());
    assertSameMeasures(r.measures(), back.measures());
    AgencyReading bare = AgencyReading.of(new AgencyState("50001"), CLOCK, NOW.toEpochMilli());
    AgencyReading bareBack = TestFacts.read(TestFacts.bytes(bare::writeTo), AgencyReading::readFrom);
    assertNull(bareBack.name());
    assertNull(bareBack.kind());
    assertNull(bareBack.district());
  }
}
