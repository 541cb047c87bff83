package cn.cq.ipmonitor.sim;

import cn.cq.ipmonitor.event.AgencyKind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.cq.ipmonitor.config.SimulatorConfig;
import cn.cq.ipmonitor.event.Districts;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The agency population")
class AgencyPopulationTest {

  private static final SimulatorConfig DEFAULTS = BackfillTest.DEFAULTS;
  private static final List<SimAgency> AGENCIES = AgencyPopulation.generate(DEFAULTS);

  private static List<SimAgency> patentAgencies() {
    return AGENCIES.stream().filter(a -> a.filesPatents()).toList();
  }

  @Test
  @DisplayName("is the same for the same seed and different for another")
  void seeded() {
    assertEquals(AGENCIES, AgencyPopulation.generate(DEFAULTS));
    SimulatorConfig other = new SimulatorConfig(true, 43L, 120, 700, 365, 0.0, 1.0, 4.0, 0.45);
    assertNotEquals(AGENCIES, AgencyPopulation.generate(other));
  }

  @Test
  @DisplayName("numbers patent agencies 50001.. and trademark agencies by valid credit codes, all unique")
  void identifiers() {
    assertEquals(820, AGENCIES.size());
    assertEquals("50001", AGENCIES.get(0).id());
    assertEquals("50120", AGENCIES.get(119).id());
    Set<String> ids = new HashSet<>();
    for (SimAgency a : AGENCIES) {
      assertTrue(ids.add(a.id()), "duplicate " + a.id());
      assertTrue(ContractChecks.AGENCY_ID.matcher(a.id()).matches(), a.id());
      if (a.kind() == AgencyKind.TRADEMARK) {
        assertTrue(a.id().matches("91500\\d{3}[0-9A-Z]{10}"), a.id());
        assertEquals(a.id().charAt(17), Identifiers.creditCheckChar(a.id().substring(0, 17)));
        assertTrue(a.id().startsWith("91" + a.district()), "credit code names the agency's district");
      } else {
        assertTrue(a.id().matches("50\\d{3}"), a.id());
      }
    }
  }

  @Test
  @DisplayName("makes about one patent agency in five a patent-and-trademark agency")
  void kinds() {
    long both = patentAgencies().stream().filter(a -> a.kind() == AgencyKind.BOTH).count();
    assertTrue(both >= 12 && both <= 40, "BOTH agencies: " + both);
    assertEquals(700, AGENCIES.stream().filter(a -> a.kind() == AgencyKind.TRADEMARK).count());
  }

  @Test
  @DisplayName("places agencies by DOMAIN.md's group shares, with every group present")
  void districts() {
    Map<Districts.Group, Long> byGroup = new EnumMap<>(Districts.Group.class);
    for (SimAgency a : AGENCIES) {
      assertTrue(Districts.isValid(a.district()), a.district());
      byGroup.merge(Districts.byCode(a.district()).orElseThrow().group(), 1L, Long::sum);
    }
    double n = AGENCIES.size();
    assertEquals(0.75, byGroup.get(Districts.Group.CENTRAL_CITY) / n, 0.01, byGroup::toString);
    assertEquals(0.18, byGroup.get(Districts.Group.NEW_MAIN_CITY) / n, 0.01, byGroup::toString);
    assertEquals(0.05, byGroup.get(Districts.Group.NORTH_EAST) / n, 0.01, byGroup::toString);
    assertEquals(0.02, byGroup.get(Districts.Group.SOUTH_EAST) / n, 0.01, byGroup::toString);
  }

  @Test
  @DisplayName("apportions district groups exactly even for a tiny population")
  void apportionment() {
    List<String> codes = AgencyPopulation.districts(50, new SplittableRandom(1));
    assertEquals(50, codes.size());
    Set<Districts.Group> groups = codes.stream()
        .map(c -> Districts.byCode(c).orElseThrow().group()).collect(Collectors.toSet());
    assertEquals(EnumSet.allOf(Districts.Group.class), groups);
  }

  @Test
  @DisplayName("skews patent agencies small: most under 10 attorneys, a few with 20 to 60")
  void attorneys() {
    List<SimAgency> normal = patentAgencies().stream().filter(a -> a.misbehaviour() == Misbehaviour.NONE).toList();
    double small = normal.stream().filter(a -> a.attorneys() < 10).count() / (double) normal.size();
    assertTrue(small > 0.72 && small < 0.92, "share under 10 attorneys " + small);
    assertTrue(normal.stream().anyMatch(a -> a.attorneys() >= 20));
    assertTrue(AGENCIES.stream().allMatch(a -> a.attorneys() >= 1 && a.attorneys() <= 60));
    assertTrue(AGENCIES.stream().filter(a -> a.kind() == AgencyKind.TRADEMARK)
        .allMatch(a -> a.attorneys() <= 8));
    int total = patentAgencies().stream().mapToInt(SimAgency::attorneys).sum();
    assertTrue(total >= 700 && total <= 1200, "Chongqing has 700-1,200 patent attorneys; simulated " + total);
  }

  @Test
  @DisplayName("files about 130 thousand trademarks a year across the city at scale 1")
  void trademarkVolume() {
    double total = AGENCIES.stream().mapToDouble(a -> a.profile().trademarksPerYear()).sum();
    assertEquals(130_000, total, 5_000);
  }

  @Test
  @DisplayName("puts zones only on agencies of the districts those zones cover")
  void zones() {
    Map<String, Set<String>> allowed = Map.of("LIANGJIANG", Set.of("500105", "500112", "500109"),
        "HIGHTECH_ZONE", Set.of("500106", "500107"), "WANSHENG", Set.of("500110"));
    long members = 0;
    for (SimAgency a : AGENCIES) {
      for (String zone : a.zones()) {
        assertTrue(allowed.get(zone).contains(a.district()), a.id() + " in " + zone + " from " + a.district());
        members++;
      }
    }
    assertTrue(AGENCIES.stream().anyMatch(a -> a.zones().contains("LIANGJIANG")));
    assertTrue(AGENCIES.stream().anyMatch(a -> a.zones().contains("HIGHTECH_ZONE")));
    assertTrue(members < AGENCIES.size() / 2);
  }

  @Test
  @DisplayName("gives agencies unique plausible Chinese names")
  void names() {
    Set<String> names = new HashSet<>();
    for (SimAgency a : AGENCIES) {
      assertTrue(names.add(a.name()), "duplicate name " + a.name());
      assertTrue(a.name().startsWith("重庆"), a.name());
      String expected = switch (a.kind()) {
        case PATENT -> "(专利代理|知识产权代理).*";
        case BOTH -> ".*知识产权代理有限公司";
        case TRADEMARK -> ".*(商标|知识产权服务|咨询).*";
      };
      assertTrue(a.name().substring(2).matches(".*" + expected), a.name());
    }
  }

  @Test
  @DisplayName("plants every kind of misconduct on about 5% of patent agencies plus a trademark agency")
  void misbehaviourPlan() {
    List<SimAgency> offenders = AGENCIES.stream().filter(a -> a.misbehaviour() != Misbehaviour.NONE).toList();
    Set<Misbehaviour> kinds = offenders.stream().map(SimAgency::misbehaviour).collect(Collectors.toSet());
    assertEquals(EnumSet.complementOf(EnumSet.of(Misbehaviour.NONE)), kinds);
    long patentOffenders = offenders.stream().filter(a -> a.misbehaviour().patentSide()).count();
    assertTrue(patentOffenders >= 4 && patentOffenders <= 0.06 * 120 + 0.5, "patent offenders " + patentOffenders);
    for (SimAgency a : offenders) {
      assertEquals(a.misbehaviour().patentSide(), a.filesPatents(), a.toString());
    }
    SimAgency overload = offenders.stream().filter(a -> a.misbehaviour() == Misbehaviour.OVERLOAD).findFirst()
        .orElseThrow();
    assertTrue(overload.profile().patentsPerYear() / overload.attorneys() > 350);
  }

  @Test
  @DisplayName("still plants one of each patent misconduct in a small population")
  void smallPopulation() {
    List<SimAgency> small = AgencyPopulation.generate(new SimulatorConfig(true, 7L, 12, 20, 30, 0, 1, 4, 0.45));
    long offenders = small.stream().filter(a -> a.misbehaviour().patentSide()).count();
    assertEquals(6, offenders);
    assertEquals(1, small.stream().filter(a -> a.misbehaviour() == Misbehaviour.MALICIOUS_TM).count());
  }
}
