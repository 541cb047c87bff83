package cn.cq.ipmonitor.indicator;

import static cn.cq.ipmonitor.indicator.TestFacts.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import cn.cq.ipmonitor.event.AgencyEvent;
import cn.cq.ipmonitor.event.AgencyKind;
import cn.cq.ipmonitor.event.AgencyStatus;
import cn.cq.ipmonitor.event.EventType;
import cn.cq.ipmonitor.event.IpType;
import cn.cq.ipmonitor.event.PenaltyMeasure;
import cn.cq.ipmonitor.event.Route;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Fact")
class FactTest {

  @Test
  @DisplayName("takes the hash of the eventId, the event time, type and ipType from the event")
  void of() {
    Fact f = TestFacts.filing("evt-1", NOW, IpType.DESIGN);
    assertEquals(DedupSet.hash("evt-1"), f.idHash());
    assertEquals(NOW.toEpochMilli(), f.occurredAtMillis());
    assertEquals(EventType.FILING_SUBMITTED, f.type());
    assertEquals(IpType.DESIGN, f.ipType());
    assertNull(f.penalty());
    assertNull(f.registry());
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Route.class)
  @DisplayName("marks PCT, MADRID and HAGUE as international")
  void international(Route r) {
    assertEquals(r == Route.PCT || r == Route.MADRID || r == Route.HAGUE,
        TestFacts.filing("e", NOW, IpType.INVENTION, r).international());
  }

  @Test
  @DisplayName("keeps the district of registry events only")
  void district() {
    AgencyEvent filing = TestFacts.event("e", EventType.FILING_SUBMITTED, NOW, IpType.INVENTION, Route.DOMESTIC,
        "500112", null, null);
    assertNull(Fact.of(filing).district());
    assertEquals("500112", TestFacts.registered("r", NOW, "A", "500112", 1).district());
    assertEquals("500105",
        TestFacts.statusWithDistrict("s", NOW, AgencyStatus.ACTIVE, "500105").district());
  }

  static Stream<Fact> shapes() {
    return Stream.of(
        TestFacts.filing("a", NOW, IpType.INVENTION, Route.PCT),
        TestFacts.filing("b", NOW.minusSeconds(86_400 * 400L), IpType.TRADEMARK),
        TestFacts.simple(EventType.COMPLAINT_RECEIVED, "c", NOW),
        TestFacts.penalty("d", NOW, PenaltyMeasure.REVOCATION),
        TestFacts.registered("e", NOW, "重庆某专利代理事务所", "500112", 12),
        TestFacts.status("f", NOW, AgencyStatus.SUSPENDED),
        TestFacts.attorneys("g", NOW, 0),
        new Fact(1L, -5L, EventType.AGENCY_REGISTERED, null, false, null, null,
            new AgencyEvent.Registry(null, null, null, null, null)),
        new Fact(-1L, Long.MAX_VALUE, EventType.AGENCY_REGISTERED, null, true, PenaltyMeasure.FINE, "500243",
            new AgencyEvent.Registry("n", AgencyKind.BOTH, Integer.MAX_VALUE, AgencyStatus.REVOKED, List.of())),
        new Fact(7L, 0L, EventType.AGENCY_REGISTERED, null, false, null, "500101",
            new AgencyEvent.Registry("n", AgencyKind.TRADEMARK, 3, AgencyStatus.ACTIVE, List.of("A", "区"))));
  }

  @ParameterizedTest
  @MethodSource("shapes")
  @DisplayName("survives writeTo/readFrom unchanged")
  void roundTrip(Fact f) {
    assertEquals(f, TestFacts.read(TestFacts.bytes(f::writeTo), Fact::readFrom));
  }
}
