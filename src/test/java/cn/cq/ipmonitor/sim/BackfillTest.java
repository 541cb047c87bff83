package cn.cq.ipmonitor.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.cq.ipmonitor.config.SimulatorConfig;
import cn.cq.ipmonitor.event.Districts;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The backfill at the default configuration")
class BackfillTest {

  static final SimulatorConfig DEFAULTS = new SimulatorConfig(true, 42L, 120, 700, 365, 0.0, 1.0, 4.0, 0.45);
  /** A Wednesday afternoon in Chongqing, in the past so the events are not in the real future either. */
  static final long NOW = OffsetDateTime.parse("2026-11-18T15:30:00+08:00").toInstant().toEpochMilli();
  private static final long DAY = 86_400_000L;
  private static final long MIN_PLAUSIBLE_EVENTS = 300_000;
  private static final long MAX_PLAUSIBLE_EVENTS = 1_200_000;

  private static EventGenerator generator;
  private static BackfillStats stats;

  @BeforeAll
  static void runBackfillOnce() {
    generator = new EventGenerator(DEFAULTS);
    stats = BackfillStats.of(generator, NOW);
    System.out.printf("Backfill at default config: %,d events generated and checked in %,d ms; %s%n",
        stats.events, stats.generationMillis, stats.byType);
  }

  private static BackfillStats.Agency statsOf(Misbehaviour kind) {
    SimAgency a = generator.misbehaving().stream().filter(x -> x.misbehaviour() == kind).findFirst().orElseThrow();
    return stats.agencies.get(a.id());
  }

  @Test
  @DisplayName("has a plausible size for a year of Chongqing at scale 1")
  void plausibleSize() {
    assertTrue(stats.events >= MIN_PLAUSIBLE_EVENTS && stats.events <= MAX_PLAUSIBLE_EVENTS,
        "backfill size " + stats.events);
  }

  @Test
  @DisplayName("consists only of valid contract events, none in the future")
  void everyEventIsValid() {
    assertEquals(0, stats.problemCount, () -> "first problems: " + stats.problems);
  }

  @Test
  @DisplayName("gives every event a unique id")
  void idsAreUnique() {
    assertEquals(0, stats.duplicateIds);
  }

  @Test
  @DisplayName("is in event-time order and registers every agency before its other events")
  void orderAndRegistrationFirst() {
    assertEquals(0, stats.outOfOrder);
    assertEquals(0, stats.beforeRegistration);
    assertEquals(DEFAULTS.patentAgencies() + DEFAULTS.trademarkAgencies(), stats.registeredDistrict.size());
  }

  @Test
  @DisplayName("registers most agencies in the central city and some in every district group")
  void districtGroups() {
    Map<Districts.Group, Integer> byGroup = new EnumMap<>(Districts.Group.class);
    stats.registeredDistrict.values().forEach(code ->
        byGroup.merge(Districts.byCode(code).orElseThrow().group(), 1, Integer::sum));
    int total = stats.registeredDistrict.size();
    assertTrue(byGroup.get(Districts.Group.CENTRAL_CITY) > total / 2, byGroup::toString);
    for (Districts.Group g : Districts.Group.values()) {
      assertTrue(byGroup.getOrDefault(g, 0) > 0, () -> "no agency in " + g + ": " + byGroup);
    }
  }

  @Test
  @DisplayName("gives normal agencies an invention grant rate near the national average")
  void normalGrantRate() {
    long grants = 0;
    long closed = 0;
    for (SimAgency a : generator.agencies()) {
      if (a.misbehaviour() == Misbehaviour.NONE) {
        BackfillStats.Agency s = stats.agencies.get(a.id());
        grants += s.inventionGrants;
        closed += s.inventionGrants + s.inventionRejections + s.inventionWithdrawals;
      }
    }
    double rate = (double) grants / closed;
    assertTrue(closed > 10_000, "closed invention cases " + closed);
    assertTrue(rate >= 0.40 && rate <= 0.50, "grant rate " + rate);
  }

  @Test
  @DisplayName("has invention decisions from the first month on, about as many as invention filings")
  void steadyStateDecisions() {
    assertTrue(stats.inventionOutcomesFirst30d > stats.inventionOutcomes / 30,
        "first 30 days: " + stats.inventionOutcomesFirst30d + " of " + stats.inventionOutcomes);
    double ratio = (double) stats.inventionOutcomes / stats.inventionFilings;
    assertTrue(ratio > 0.7 && ratio < 1.3, "invention decisions per filing " + ratio);
    assertEquals(0, stats.outcomesOfInWindowFilingsTooEarly);
    assertEquals(0, stats.preWindowOutcomesWithLaterYear);
  }

  @Test
  @DisplayName("lets abnormal-batch agencies reach a 5% abnormal share while normal ones stay under 1%")
  void abnormalShares() {
    long normalAbnormal = 0;
    long normalFilings = 0;
    for (SimAgency a : generator.agencies()) {
      BackfillStats.Agency s = stats.agencies.get(a.id());
      if (s.patentFilings < 30) {
        continue; // the monitor's abnormal share is null under 30 filings
      }
      double share = (double) s.abnormal / s.patentFilings;
      if (a.misbehaviour() == Misbehaviour.ABNORMAL_BATCH) {
        assertTrue(share >= 0.05, a.id() + " abnormal share " + share);
        assertTrue(s.withdrawnAfterNotice < 0.7 * s.abnormal,
            a.id() + " withdrew " + s.withdrawnAfterNotice + " of " + s.abnormal);
      } else {
        // One or two notices on a small agency are chance; what must never happen is a normal agency at red.
        assertTrue(share < 0.05, a.id() + " abnormal share " + share);
        normalAbnormal += s.abnormal;
        normalFilings += s.patentFilings;
      }
    }
    double normalShare = (double) normalAbnormal / normalFilings;
    assertTrue(normalShare < 0.01, "normal agencies' abnormal share " + normalShare);
  }

  @Test
  @DisplayName("shows the revoked agency filing after its revocation")
  void revokedAgencyFiles() {
    BackfillStats.Agency s = statsOf(Misbehaviour.REVOKED_FILING);
    assertTrue(s.revokedAt != Long.MIN_VALUE, "no revocation");
    assertTrue(s.revokedAt < NOW - 14 * DAY && s.revokedAt > NOW - 45 * DAY, "revoked at " + s.revokedAt);
    assertTrue(s.filingsAfterRevocation > 0);
  }

  @Test
  @DisplayName("shows the surging agency at five times its 29-day daily mean in the last 24 hours")
  void surge() {
    BackfillStats.Agency s = statsOf(Misbehaviour.SURGE);
    double mean = s.filingsPrevious29d / 29.0;
    assertTrue(mean >= 1, "29-day mean " + mean);
    assertTrue(s.filingsLast24h >= 5 * mean, s.filingsLast24h + " in 24h vs mean " + mean);
  }

  @Test
  @DisplayName("plants overload, low grant rate, complaints and malicious trademarks where the rules look")
  void otherMisconduct() {
    SimAgency overloaded = generator.misbehaving().stream()
        .filter(a -> a.misbehaviour() == Misbehaviour.OVERLOAD).findFirst().orElseThrow();
    BackfillStats.Agency o = stats.agencies.get(overloaded.id());
    assertTrue((double) o.patentFilings / overloaded.attorneys() > 350, "per attorney " + o.patentFilings);

    BackfillStats.Agency low = statsOf(Misbehaviour.LOW_GRANT_RATE);
    long closed = low.inventionGrants + low.inventionRejections + low.inventionWithdrawals;
    assertTrue(closed >= 30, "closed " + closed);
    assertTrue((double) low.inventionGrants / closed < 0.25, "grant rate " + low.inventionGrants + "/" + closed);

    assertTrue(statsOf(Misbehaviour.COMPLAINTS).complaintsLast30d >= 5);

    for (SimAgency a : generator.misbehaving()) {
      if (a.misbehaviour() == Misbehaviour.MALICIOUS_TM) {
        BackfillStats.Agency m = stats.agencies.get(a.id());
        double share = (double) m.malicious / m.trademarkFilings;
        assertTrue(share > 0.04 && share < 0.14, a.id() + " malicious share " + share);
      }
    }
  }

  @Test
  @DisplayName("keeps live generation going from where the backfill stopped, with fresh ids")
  void liveAfterBackfill() {
    List<SimEvent> live = generator.live(NOW, NOW + 10 * 60_000L);
    assertNotNull(live);
    assertFalse(live.isEmpty(), "ten minutes of a weekday afternoon without any event");
    for (SimEvent e : live) {
      assertTrue(e.occurredAtMillis() >= NOW && e.occurredAtMillis() <= NOW + 10 * 60_000L, e::json);
    }
  }
}
