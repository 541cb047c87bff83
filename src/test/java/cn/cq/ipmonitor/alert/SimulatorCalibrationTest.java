package cn.cq.ipmonitor.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.cq.ipmonitor.config.SimulatorConfig;
import cn.cq.ipmonitor.event.Decoded;
import cn.cq.ipmonitor.event.EventDecoder;
import cn.cq.ipmonitor.indicator.AgencyReading;
import cn.cq.ipmonitor.indicator.AgencyState;
import cn.cq.ipmonitor.indicator.Assessment;
import cn.cq.ipmonitor.indicator.BucketClock;
import cn.cq.ipmonitor.indicator.Fact;
import cn.cq.ipmonitor.sim.EventGenerator;
import cn.cq.ipmonitor.sim.Misbehaviour;
import cn.cq.ipmonitor.sim.SimAgency;
import cn.cq.ipmonitor.sim.SimEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The simulator against the default rules, without a broker: a year of backfill applied to agency states the
 * way the live path does (decoder, facts, state), then every rule evaluated once at the end. The demo is only
 * convincing if the rules separate the agencies the simulator makes misbehave from the normal ones.
 */
@DisplayName("Calibration: under the default rules the simulator's misbehaving agencies alert and normal ones do not")
class SimulatorCalibrationTest {

  private static final long NOW = Instant.parse("2026-11-21T01:30:00Z").toEpochMilli();
  private static final BucketClock CLOCK = new BucketClock(ZoneId.of("Asia/Shanghai"));
  private static final int RETENTION_DAYS = 7;
  /** The rule each kind of misbehaviour must trip (ABNORMAL_BATCH may trip the burst rule as well). */
  static final Map<Misbehaviour, Set<String>> RULES = Map.of(
      Misbehaviour.SURGE, Set.of("FILING_SURGE"),
      Misbehaviour.ABNORMAL_BATCH, Set.of("ABNORMAL_SHARE", "ABNORMAL_BURST"),
      Misbehaviour.REVOKED_FILING, Set.of("UNLICENSED_FILING"),
      Misbehaviour.OVERLOAD, Set.of("ATTORNEY_OVERLOAD"),
      Misbehaviour.LOW_GRANT_RATE, Set.of("LOW_GRANT_RATE"),
      Misbehaviour.COMPLAINTS, Set.of("COMPLAINT_CLUSTER"),
      Misbehaviour.MALICIOUS_TM, Set.of("MALICIOUS_TRADEMARK"));

  private static List<SimAgency> agencies;
  /** Firing conditions by agency id. */
  private static Map<String, List<Condition>> firing;

  @BeforeAll
  static void run() {
    // -Dcalibration.seed=N tries another simulated population (the demo runs 20261121).
    SimulatorConfig sim = new SimulatorConfig(true, Long.getLong("calibration.seed", 20261121L), 120, 700, 365, 0.0,
        1.0, 0.0, 0.45);
    EventGenerator generator = new EventGenerator(sim);
    agencies = generator.agencies();
    EventDecoder decoder = new EventDecoder(() -> NOW, 300_000, Set.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
    Map<String, AgencyState> states = new HashMap<>();
    Iterator<SimEvent> it = generator.backfill(NOW);
    while (it.hasNext()) {
      SimEvent e = it.next();
      Decoded d = decoder.decode(e.json().getBytes(StandardCharsets.UTF_8));
      assertTrue(d.isValid(), () -> d.errors() + " in " + e.json());
      states.computeIfAbsent(e.key(), AgencyState::new).apply(Fact.of(d.event()), CLOCK, NOW, RETENTION_DAYS);
    }
    Assessment.Assessor assessor = new Assessment.Assessor(Agencies.INDICATORS);
    List<AgencyReading> readings = states.values().stream()
        .map(s -> AgencyReading.withEvidence(s, CLOCK, NOW)).toList();
    double[] perAttorney = readings.stream().map(r -> assessor.derive(r.measures()).perAttorneyAnnual())
        .filter(java.util.Objects::nonNull).mapToDouble(Double::doubleValue).sorted().toArray();
    CityContext city = new CityContext(perAttorney[perAttorney.length / 2]);
    RuleEngine engine = new RuleEngine(RuleSet.defaults(), Agencies.INDICATORS);
    firing = new HashMap<>();
    for (AgencyReading r : readings) {
      firing.put(r.agencyId(), engine.evaluate(assessor.assess(r), city).stream().filter(Condition::firing).toList());
    }
  }

  @Test
  @DisplayName("every misbehaving agency raises its rule's alert, with evidence where the rule has numbers")
  void misbehavingAlert() {
    List<SimAgency> bad = agencies.stream().filter(a -> a.misbehaviour() != Misbehaviour.NONE).toList();
    assertTrue(bad.size() >= 7, "every kind of misbehaviour is planted: " + bad.size());
    List<String> missed = new ArrayList<>();
    for (SimAgency a : bad) {
      Set<String> expected = RULES.get(a.misbehaviour());
      List<Condition> got = firing.getOrDefault(a.id(), List.of());
      if (got.stream().noneMatch(c -> expected.contains(c.rule()))) {
        missed.add(a.id() + " " + a.misbehaviour() + " fired " + got);
      }
      got.stream().filter(c -> expected.contains(c.rule()) && !c.rule().equals("COMPLAINT_CLUSTER"))
          .forEach(c -> assertTrue(!c.evidence().isEmpty(), a.id() + " " + c + " has no evidence"));
    }
    assertEquals(List.of(), missed);
  }

  @Test
  @DisplayName("no normal agency raises any alert")
  void normalAgenciesQuiet() {
    Map<String, String> noisy = new TreeMap<>();
    for (SimAgency a : agencies) {
      List<Condition> got = firing.getOrDefault(a.id(), List.of());
      if (a.misbehaviour() == Misbehaviour.NONE && !got.isEmpty()) {
        noisy.put(a.id(), a.kind() + "/" + a.attorneys() + " " + got.stream()
            .map(c -> c.rule() + " " + c.severity() + " value=" + c.value() + " threshold=" + c.threshold())
            .collect(Collectors.joining(", ")));
      }
    }
    assertEquals(Map.of(), noisy);
  }
}
