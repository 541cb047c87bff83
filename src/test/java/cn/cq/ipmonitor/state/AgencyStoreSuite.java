package cn.cq.ipmonitor.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.cq.ipmonitor.event.AgencyEvent;
import cn.cq.ipmonitor.event.AgencyKind;
import cn.cq.ipmonitor.event.AgencyStatus;
import cn.cq.ipmonitor.event.EventType;
import cn.cq.ipmonitor.event.IpType;
import cn.cq.ipmonitor.indicator.AgencyReading;
import cn.cq.ipmonitor.indicator.Counter;
import cn.cq.ipmonitor.indicator.DedupSet;
import cn.cq.ipmonitor.indicator.Fact;
import cn.cq.ipmonitor.indicator.Window;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The indicator-state suite, written once: every subclass runs it against its own topology (one member, a
 * cluster), and every store of the topology must give the same answers whichever member owns an agency.
 */
abstract class AgencyStoreSuite {

  /** The stores to write and read through, one per member. */
  abstract List<AgencyStore> stores();

  private static final long NOW = System.currentTimeMillis();

  private static Fact filing(String id, IpType type, long at) {
    return new Fact(DedupSet.hash(id), at, EventType.FILING_SUBMITTED, type, false, null, null, null);
  }

  private static Fact registered(String district, long at) {
    return new Fact(DedupSet.hash(UUID.randomUUID().toString()), at, EventType.AGENCY_REGISTERED, null, false,
        null, district, new AgencyEvent.Registry("测试所", AgencyKind.PATENT, 5, AgencyStatus.ACTIVE, List.of()));
  }

  private static String agency() {
    return "S" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  @DisplayName("facts written through one member are read the same through every member")
  void writeOneReadAll() {
    String id = agency();
    List<Fact> facts = new ArrayList<>();
    facts.add(registered("500105", NOW - Duration.ofDays(10).toMillis()));
    for (int i = 0; i < 40; i++) {
      facts.add(filing(id + "-" + i, i % 2 == 0 ? IpType.INVENTION : IpType.DESIGN,
          NOW - Duration.ofHours(i).toMillis()));
    }
    AgencyStore.ApplyStats stats = stores().get(0).apply(Map.of(id, facts), NOW).await();
    assertEquals(41, stats.applied());
    for (AgencyStore s : stores()) {
      AgencyReading r = s.read(id, NOW).await();
      assertEquals("500105", r.district());
      assertEquals(5, r.attorneys());
      assertEquals(40, r.measures().count(Window.D7, Counter.FILINGS));
      assertEquals(20, r.measures().count(Window.D7, Counter.FILINGS_INVENTION));
      assertEquals(24, r.measures().count(Window.H24, Counter.FILINGS), "hours 0..23");
    }
  }

  @Test
  @DisplayName("a batch written again, through another member, is recognised as repeats and changes nothing")
  void repeatsChangeNothing() {
    String id = agency();
    List<Fact> facts = List.of(filing(id + "-a", IpType.INVENTION, NOW), filing(id + "-b", IpType.INVENTION, NOW));
    assertEquals(2, stores().get(0).apply(Map.of(id, facts), NOW).await().applied());
    AgencyStore.ApplyStats again = stores().get(stores().size() - 1).apply(Map.of(id, facts), NOW).await();
    assertEquals(0, again.applied());
    assertEquals(2, again.duplicates());
    assertEquals(2, stores().get(0).read(id, NOW).await().measures().count(Window.H1, Counter.FILINGS));
  }

  @Test
  @DisplayName("a batch spread over many agencies lands in each of them, and readAll filters by district")
  void manyAgencies() {
    Map<String, List<Fact>> batch = new HashMap<>();
    List<String> ids = new ArrayList<>();
    String district = "500243";
    for (int a = 0; a < 50; a++) {
      String id = agency();
      ids.add(id);
      List<Fact> facts = new ArrayList<>();
      facts.add(registered(a % 2 == 0 ? district : "500101", NOW - Duration.ofDays(1).toMillis()));
      for (int i = 0; i <= a; i++) {
        facts.add(filing(id + "-" + i, IpType.UTILITY_MODEL, NOW - Duration.ofDays(i).toMillis()));
      }
      batch.put(id, facts);
    }
    stores().get(0).apply(batch, NOW).await();
    for (AgencyStore s : stores()) {
      for (int a = 0; a < ids.size(); a++) {
        assertEquals(a + 1, s.read(ids.get(a), NOW).await().measures().count(Window.D365, Counter.FILINGS));
      }
      List<AgencyReading> inDistrict = s.readAll(district, NOW).await();
      assertTrue(inDistrict.stream().allMatch(r -> district.equals(r.district())));
      assertEquals(25, inDistrict.stream().filter(r -> ids.contains(r.agencyId())).count());
    }
  }

  @Test
  @DisplayName("an agency nobody wrote reads as absent")
  void unknownAgency() {
    assertNull(stores().get(0).read(agency(), NOW).await());
  }
}
