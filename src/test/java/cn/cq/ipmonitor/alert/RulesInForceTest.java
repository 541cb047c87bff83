package cn.cq.ipmonitor.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Reloading the rule file: a good file replaces the rules whole, a bad one never does")
class RulesInForceTest {

  private static final String GOOD = "{\"rules\":[{\"name\":\"COMPLAINT_CLUSTER\",\"window\":\"30d\","
      + "\"warning\":3,\"critical\":5}]}";
  private static final String STRICTER = "{\"rules\":[{\"name\":\"COMPLAINT_CLUSTER\",\"window\":\"30d\","
      + "\"warning\":2,\"critical\":4},{\"name\":\"ABNORMAL_BURST\",\"window\":\"24h\",\"critical\":20}]}";

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static RulesInForce start() {
    return new RulesInForce(RuleSet.parse(b(GOOD)), "/etc/rules.json", b(GOOD), Agencies.INDICATORS, 1000);
  }

  @Test
  @DisplayName("the same contents again change nothing")
  void unchanged() {
    RulesInForce r = start();
    RulesInForce.Snapshot before = r.snapshot();
    assertEquals(RulesInForce.Outcome.UNCHANGED, r.offer(b(GOOD), null, 2000));
    assertSame(before, r.snapshot());
    assertEquals(1000, r.snapshot().loadedAt());
  }

  @Test
  @DisplayName("a changed valid file is swapped in whole, with its time; names follow")
  void loads() {
    RulesInForce r = start();
    RuleEngine was = r.engine();
    assertTrue(!r.names().contains("ABNORMAL_BURST"));
    assertEquals(RulesInForce.Outcome.LOADED, r.offer(b(STRICTER), null, 2000));
    assertNotSame(was, r.engine());
    assertEquals(2.0, r.snapshot().rules().rule("COMPLAINT_CLUSTER").warning());
    assertEquals(2000, r.snapshot().loadedAt());
    assertEquals("/etc/rules.json", r.snapshot().source());
    assertTrue(r.names().contains("ABNORMAL_BURST"), "the names view follows the reload");
    assertEquals(2, r.names().size());
    assertNull(r.snapshot().lastError());
  }

  @Test
  @DisplayName("invalid JSON, an invalid rule or an unreadable file are refused with reasons; the rules stay")
  void refuses() {
    RulesInForce r = start();
    RuleEngine engine = r.engine();
    assertEquals(RulesInForce.Outcome.REJECTED, r.offer(b("{\"rules\": [ oops"), null, 2000));
    assertSame(engine, r.engine());
    assertEquals(2000, r.snapshot().lastError().at());
    assertTrue(r.snapshot().lastError().reasons().get(0).startsWith("not JSON"));
    assertEquals(RulesInForce.Outcome.UNCHANGED, r.offer(b("{\"rules\": [ oops"), null, 3000),
        "the same broken file is reported once");

    assertEquals(RulesInForce.Outcome.REJECTED, r.offer(b("{\"rules\":[{\"name\":\"COMPLAINT_CLUSTER\","
        + "\"window\":\"30d\",\"warning\":-1}]}"), null, 4000));
    assertTrue(r.snapshot().lastError().reasons().stream().anyMatch(s -> s.contains("COMPLAINT_CLUSTER")),
        r.snapshot().lastError().reasons().toString());
    assertSame(engine, r.engine());

    assertEquals(RulesInForce.Outcome.REJECTED, r.offer(null, "NoSuchFileException: /etc/rules.json", 5000));
    assertTrue(r.snapshot().lastError().reasons().get(0).contains("cannot read /etc/rules.json"));
    assertEquals(RulesInForce.Outcome.UNCHANGED, r.offer(null, "NoSuchFileException: /etc/rules.json", 6000));
    assertSame(engine, r.engine());
    assertEquals(3.0, r.snapshot().rules().rule("COMPLAINT_CLUSTER").warning());
    assertEquals(1000, r.snapshot().loadedAt());
  }

  @Test
  @DisplayName("a good file after a bad one loads, even the very contents in force, and clears the error")
  void recovers() {
    RulesInForce r = start();
    r.offer(b("not json"), null, 2000);
    assertEquals(RulesInForce.Outcome.LOADED, r.offer(b(GOOD), null, 3000));
    assertNull(r.snapshot().lastError());
    assertEquals(3000, r.snapshot().loadedAt());
  }

  @Test
  @DisplayName("bundled rules (no contents at hand): the first file offered is decided")
  void bundled() {
    RulesInForce r = new RulesInForce(RuleSet.defaults(), "classpath:alert-rules.json", null, Agencies.INDICATORS, 0);
    assertEquals(8, r.names().size());
    assertEquals(RulesInForce.Outcome.LOADED, r.offer(b(GOOD), null, 1));
    assertEquals(1, r.names().size());
  }
}
