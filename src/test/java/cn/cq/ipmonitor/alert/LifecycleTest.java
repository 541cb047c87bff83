package cn.cq.ipmonitor.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("An alert's lifecycle")
class LifecycleTest {

  private static final long CLEAR_FOR = 600_000;
  private static final long T0 = 1_780_000_000_000L;
  private static final String AGENCY = "A1";
  private static final String DISTRICT = "500103";

  private final Lifecycle life = new Lifecycle(CLEAR_FOR);

  private static Condition firing(Severity s, double value) {
    return new Condition("COMPLAINT_CLUSTER", s, value, s == Severity.CRITICAL ? 5.0 : 3.0, "30d");
  }

  private static Condition clear(double value) {
    return new Condition("COMPLAINT_CLUSTER", null, value, 3.0, "30d");
  }

  private Alert open() {
    return life.advance(null, firing(Severity.WARNING, 3), AGENCY, DISTRICT, T0);
  }

  @Test
  @DisplayName("nothing happens while there is no alert and the condition is clear")
  void clearWithoutAlert() {
    assertNull(life.advance(null, clear(1), AGENCY, DISTRICT, T0));
  }

  @Test
  @DisplayName("a firing condition opens a FIRING alert keyed by rule and agency")
  void opens() {
    Alert a = open();
    assertEquals("COMPLAINT_CLUSTER-A1-" + Long.toString(T0, 36), a.id());
    assertEquals("COMPLAINT_CLUSTER|A1", a.key());
    assertEquals(AlertStatus.FIRING, a.status());
    assertEquals(Severity.WARNING, a.severity());
    assertEquals(T0, a.startsAt());
    assertEquals(T0, a.updatedAt());
    assertNull(a.endsAt());
    assertEquals(3.0, a.value());
    assertEquals(3.0, a.threshold());
    assertEquals("30d", a.window());
    assertEquals(DISTRICT, a.district());
    assertEquals(-1, a.clearSince());
  }

  @Test
  @DisplayName("the same instance comes back when nothing observable changed")
  void sameInstance() {
    Alert a = open();
    assertSame(a, life.advance(a, firing(Severity.WARNING, 3), AGENCY, DISTRICT, T0 + 1000));
    assertSame(a, life.advance(a, firing(Severity.WARNING, 3), AGENCY, null, T0 + 2000));
    Alert resolved = life.resolve(a, "officer", null, T0 + 3000);
    assertSame(resolved, life.advance(resolved, clear(0), AGENCY, DISTRICT, T0 + 4000));
  }

  @Test
  @DisplayName("a condition that stays true updates the alert instead of duplicating it")
  void updates() {
    Alert a = open();
    Alert b = life.advance(a, firing(Severity.WARNING, 4), AGENCY, DISTRICT, T0 + 1000);
    assertEquals(a.id(), b.id());
    assertEquals(4.0, b.value());
    assertEquals(T0 + 1000, b.updatedAt());
    assertEquals(T0, b.startsAt());
    Alert c = life.advance(b, firing(Severity.CRITICAL, 5), AGENCY, DISTRICT, T0 + 2000);
    assertEquals(a.id(), c.id());
    assertEquals(Severity.CRITICAL, c.severity());
    assertEquals(5.0, c.threshold());
  }

  @Test
  @DisplayName("an acknowledged alert stays acknowledged while its severity holds or falls")
  void acknowledged() {
    Alert crit = life.advance(open(), firing(Severity.CRITICAL, 5), AGENCY, DISTRICT, T0 + 1000);
    Alert ack = life.acknowledge(crit, "officer", "looking into it", T0 + 2000);
    assertEquals(AlertStatus.ACKNOWLEDGED, ack.status());
    assertEquals("officer", ack.ackBy());
    assertEquals(T0 + 2000, ack.ackAt());
    assertEquals("looking into it", ack.note());
    Alert same = life.advance(ack, firing(Severity.CRITICAL, 6), AGENCY, DISTRICT, T0 + 3000);
    assertEquals(AlertStatus.ACKNOWLEDGED, same.status());
    Alert lower = life.advance(same, firing(Severity.WARNING, 4), AGENCY, DISTRICT, T0 + 4000);
    assertEquals(AlertStatus.ACKNOWLEDGED, lower.status());
    assertEquals(Severity.WARNING, lower.severity());
  }

  @Test
  @DisplayName("a rise in severity re-fires an acknowledged alert, keeping its id")
  void riseRefires() {
    Alert ack = life.acknowledge(open(), "officer", null, T0 + 1000);
    Alert risen = life.advance(ack, firing(Severity.CRITICAL, 5), AGENCY, DISTRICT, T0 + 2000);
    assertEquals(AlertStatus.FIRING, risen.status());
    assertEquals(Severity.CRITICAL, risen.severity());
    assertEquals(ack.id(), risen.id());
    assertNull(risen.ackBy());
  }

  @Test
  @DisplayName("a clear shorter than the hysteresis then firing again keeps the same alert")
  void shortClearKeepsAlert() {
    Alert a = open();
    Alert clearing = life.advance(a, clear(2), AGENCY, DISTRICT, T0 + 1000);
    assertEquals(AlertStatus.FIRING, clearing.status());
    assertEquals(T0 + 1000, clearing.clearSince());
    assertSame(clearing, life.advance(clearing, clear(2), AGENCY, DISTRICT, T0 + CLEAR_FOR));
    Alert back = life.advance(clearing, firing(Severity.WARNING, 3), AGENCY, DISTRICT, T0 + CLEAR_FOR);
    assertEquals(a.id(), back.id());
    assertEquals(AlertStatus.FIRING, back.status());
    assertEquals(-1, back.clearSince());
    assertNull(back.endsAt());
  }

  @Test
  @DisplayName("a clear lasting the hysteresis resolves the alert, and firing after that opens a new one")
  void longClearResolves() {
    Alert a = open();
    Alert clearing = life.advance(a, clear(2), AGENCY, DISTRICT, T0 + 1000);
    Alert resolved = life.advance(clearing, clear(2), AGENCY, DISTRICT, T0 + 1000 + CLEAR_FOR);
    assertEquals(AlertStatus.RESOLVED, resolved.status());
    assertEquals(T0 + 1000 + CLEAR_FOR, resolved.endsAt());
    assertEquals(a.id(), resolved.id());
    Alert again = life.advance(resolved, firing(Severity.WARNING, 3), AGENCY, DISTRICT, T0 + 2000 + CLEAR_FOR);
    assertNotEquals(a.id(), again.id());
    assertEquals(AlertStatus.FIRING, again.status());
    assertEquals(T0 + 2000 + CLEAR_FOR, again.startsAt());
  }

  @Test
  @DisplayName("with no hysteresis the first clear resolves")
  void noHysteresis() {
    Lifecycle eager = new Lifecycle(0);
    Alert a = eager.advance(null, firing(Severity.WARNING, 3), AGENCY, DISTRICT, T0);
    assertEquals(AlertStatus.RESOLVED, eager.advance(a, clear(0), AGENCY, DISTRICT, T0 + 1).status());
  }

  @Test
  @DisplayName("a manual resolve ends the alert; a condition still firing then opens a new one")
  void manualResolve() {
    Alert a = open();
    Alert resolved = life.resolve(a, "officer", "handled by the district bureau", T0 + 1000);
    assertEquals(AlertStatus.RESOLVED, resolved.status());
    assertEquals(T0 + 1000, resolved.endsAt());
    assertEquals("officer", resolved.ackBy());
    assertEquals("handled by the district bureau", resolved.note());
    Alert again = life.advance(resolved, firing(Severity.WARNING, 3), AGENCY, DISTRICT, T0 + 2000);
    assertNotEquals(a.id(), again.id());
  }

  @Test
  @DisplayName("a resolved alert can be neither acknowledged nor resolved again")
  void resolvedIsFinal() {
    Alert resolved = life.resolve(open(), "officer", null, T0 + 1000);
    assertThrows(IllegalStateException.class, () -> life.acknowledge(resolved, "officer", null, T0 + 2000));
    assertThrows(IllegalStateException.class, () -> life.resolve(resolved, "officer", null, T0 + 2000));
  }

  @Test
  @DisplayName("a condition of another rule or agency is refused")
  void wrongKey() {
    Alert a = open();
    assertThrows(IllegalArgumentException.class, () -> life.advance(a, firing(Severity.WARNING, 3), "A2",
        DISTRICT, T0 + 1000));
    assertThrows(IllegalArgumentException.class, () -> life.advance(a,
        new Condition("ABNORMAL_BURST", Severity.CRITICAL, 20.0, 20.0, "24h"), AGENCY, DISTRICT, T0 + 1000));
  }

  @org.junit.jupiter.api.Test
  @org.junit.jupiter.api.DisplayName("an unacknowledged alert escalates once, one severity up, and keeps it while the condition holds")
  void escalation() {
    Alert warning = life.advance(null, firing(Severity.WARNING, 3), AGENCY, DISTRICT, T0);
    Alert up = life.escalate(warning, T0 + 10);
    assertEquals(Severity.CRITICAL, up.severity());
    assertEquals(T0 + 10, up.escalatedAt());
    assertEquals(AlertStatus.FIRING, up.status());
    assertSame(up, life.escalate(up, T0 + 20), "escalates once");
    assertSame(up, life.advance(up, firing(Severity.WARNING, 3), AGENCY, DISTRICT, T0 + 30),
        "the condition at its old severity changes nothing");
    Alert acked = life.acknowledge(warning, "bureau", null, T0 + 5);
    assertSame(acked, life.escalate(acked, T0 + 10), "an acknowledged alert does not escalate");
    Alert critical = life.advance(null, firing(Severity.CRITICAL, 9), AGENCY, DISTRICT, T0);
    assertEquals(Severity.CRITICAL, life.escalate(critical, T0 + 1).severity(), "CRITICAL stays CRITICAL");
  }

  @Test
  @DisplayName("a note changes neither status nor acknowledgement, and records who wrote it and when")
  void note() {
    Alert acked = life.acknowledge(open(), "jiangbei", null, T0 + 1000);
    Alert noted = life.annotate(acked, "yuzhong-clerk", "inspected the office; files in order", T0 + 2000);
    assertEquals(AlertStatus.ACKNOWLEDGED, noted.status());
    assertEquals("jiangbei", noted.ackBy());
    assertEquals(T0 + 1000, noted.ackAt());
    assertEquals("inspected the office; files in order", noted.note());
    assertEquals("yuzhong-clerk", noted.noteBy());
    assertEquals(T0 + 2000, noted.noteAt());
    assertEquals(T0 + 2000, noted.updatedAt());
    assertEquals(noted, AlertJson.fromJson(AlertJson.toJson(noted)), "survives the JSON the cluster keeps");
    Alert held = life.advance(noted, firing(Severity.WARNING, 4), AGENCY, DISTRICT, T0 + 3000);
    assertEquals("yuzhong-clerk", held.noteBy(), "the evaluator keeps the note's author");
    Alert resolved = life.resolve(noted, "city", null, T0 + 4000);
    assertThrows(IllegalStateException.class, () -> life.annotate(resolved, "city", "late", T0 + 5000));
  }

  @Test
  @DisplayName("an alert carries its condition's evidence, and keeps it when a later condition reads none")
  void evidence() {
    Condition c = new Condition("UNLICENSED_FILING", Severity.CRITICAL, 2.0, 1.0, "7d", List.of("A2", "A1"));
    Alert a = life.advance(null, c, AGENCY, DISTRICT, T0);
    assertEquals(List.of("A2", "A1"), a.evidence());
    Alert more = life.advance(a, new Condition("UNLICENSED_FILING", Severity.CRITICAL, 3.0, 1.0, "7d",
        List.of("A3", "A2", "A1")), AGENCY, DISTRICT, T0 + 1000);
    assertEquals(List.of("A3", "A2", "A1"), more.evidence());
    Alert same = life.advance(more, new Condition("UNLICENSED_FILING", Severity.CRITICAL, 3.0, 1.0, "7d"),
        AGENCY, DISTRICT, T0 + 2000);
    assertSame(more, same);
  }
}
