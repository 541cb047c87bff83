package cn.cq.ipmonitor.alert;

import static cn.cq.ipmonitor.alert.RuleEngineTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.cq.ipmonitor.indicator.Window;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The alert rule file")
class RuleSetTest {

  private static final RuleSet DEFAULTS = RuleSet.defaults();

  @Test
  @DisplayName("the bundled defaults hold the contract's eight rules with DOMAIN.md's thresholds")
  void defaults() {
    assertEquals(List.of("FILING_SURGE", "ABNORMAL_SHARE", "ABNORMAL_BURST", "LOW_GRANT_RATE", "ATTORNEY_OVERLOAD",
        "UNLICENSED_FILING", "COMPLAINT_CLUSTER", "MALICIOUS_TRADEMARK"),
        DEFAULTS.rules().stream().map(RuleDefinition::name).toList());
    DEFAULTS.rules().forEach(r -> {
      assertTrue(r.enabled(), r.name());
      assertEquals(r.name(), r.kind().name(), "default rules carry their kind's name");
    });
    RuleDefinition overload = DEFAULTS.rule("ATTORNEY_OVERLOAD");
    assertEquals(200, overload.warning());
    assertEquals(300, overload.critical());
    assertEquals(2, overload.warningMedianFactor());
    assertEquals(3, overload.criticalMedianFactor());
    assertEquals(30, DEFAULTS.rule("ABNORMAL_SHARE").minDenominator());
    assertEquals(20, DEFAULTS.rule("FILING_SURGE").minCount());
    assertNull(DEFAULTS.rule("UNLICENSED_FILING").warning());
    assertEquals(1, DEFAULTS.rule("UNLICENSED_FILING").critical());
    assertEquals(Window.D7, DEFAULTS.rule("UNLICENSED_FILING").window());
    assertEquals(Window.D30, DEFAULTS.rule("COMPLAINT_CLUSTER").window());
  }

  @Test
  @DisplayName("an override changes only the fields it names and leaves the other rules alone")
  void override() {
    RuleSet r = DEFAULTS.withOverrides(json("{'rules':[{'name':'COMPLAINT_CLUSTER','warning':4,'critical':8}]}"));
    assertEquals(4, r.rule("COMPLAINT_CLUSTER").warning());
    assertEquals(8, r.rule("COMPLAINT_CLUSTER").critical());
    assertEquals(Window.D30, r.rule("COMPLAINT_CLUSTER").window());
    assertEquals(DEFAULTS.rules().size(), r.rules().size());
    assertEquals(DEFAULTS.rule("ABNORMAL_SHARE"), r.rule("ABNORMAL_SHARE"));
    assertEquals(3, DEFAULTS.rule("COMPLAINT_CLUSTER").warning(), "the defaults are immutable");
  }

  @Test
  @DisplayName("a rule can be disabled")
  void disable() {
    RuleSet r = DEFAULTS.withOverrides(json("{'rules':[{'name':'LOW_GRANT_RATE','enabled':false}]}"));
    assertFalse(r.rule("LOW_GRANT_RATE").enabled());
  }

  @Test
  @DisplayName("a rule of an existing kind can be added under a new name, with its kind's default window")
  void add() {
    RuleSet r = DEFAULTS.withOverrides(json(
        "{'rules':[{'name':'COMPLAINT_CLUSTER_7D','kind':'COMPLAINT_CLUSTER','window':'7d','warning':2,'critical':3},"
            + "{'name':'BURST_HOURLY','kind':'ABNORMAL_BURST','critical':5}]}"));
    assertEquals(10, r.rules().size());
    RuleDefinition added = r.rule("COMPLAINT_CLUSTER_7D");
    assertEquals(RuleKind.COMPLAINT_CLUSTER, added.kind());
    assertEquals(Window.D7, added.window());
    assertEquals(Window.H24, r.rule("BURST_HOURLY").window());
  }

  @Test
  @DisplayName("a complete file parses on its own, a rule's kind defaulting to its name")
  void completeFile() {
    RuleSet r = RuleSet.parse(json("{'rules':[{'name':'UNLICENSED_FILING','critical':1}]}"));
    assertEquals(1, r.rules().size());
    assertEquals(RuleKind.UNLICENSED_FILING, r.rules().get(0).kind());
  }

  @Test
  @DisplayName("a bad file is rejected with every problem, each naming its rule and field")
  void badFile() {
    RuleSetException e = assertThrows(RuleSetException.class, () -> RuleSet.parse(json("{'rules':["
        + "{'name':'X1','kind':'NO_SUCH_KIND','warning':1},"
        + "{'name':'COMPLAINT_CLUSTER','warning':3,'critical':5},"
        + "{'name':'COMPLAINT_CLUSTER','warning':3,'critical':5},"
        + "{'name':'C2','kind':'COMPLAINT_CLUSTER','window':'2d','warning':3},"
        + "{'name':'C3','kind':'COMPLAINT_CLUSTER','warning':6,'critical':5},"
        + "{'name':'C4','kind':'COMPLAINT_CLUSTER','warning':-1},"
        + "{'name':'C5','kind':'COMPLAINT_CLUSTER','warning':3,'colour':'red'},"
        + "{'name':'C6','kind':'COMPLAINT_CLUSTER','warning':3,'minCount':4},"
        + "{'name':'S1','kind':'FILING_SURGE','window':'7d','warning':5},"
        + "{'name':'M1','kind':'MALICIOUS_TRADEMARK','warning':2},"
        + "{'name':'C7','kind':'COMPLAINT_CLUSTER','enabled':'yes','critical':'5'},"
        + "{'name':'C8','kind':'COMPLAINT_CLUSTER'},"
        + "{'kind':'COMPLAINT_CLUSTER','warning':1}"
        + "],'extra':1}")));
    List<String> expected = List.of(
        "rule 'X1': field 'kind' 'NO_SUCH_KIND' is unknown",
        "rule 'COMPLAINT_CLUSTER': duplicate name",
        "rule 'C2': field 'window' \"2d\" is not a window",
        "rule 'C3': field 'warning' (6.0) is above field 'critical' (5.0)",
        "rule 'C4': field 'warning' must not be negative",
        "rule 'C5': field 'colour' is unknown",
        "rule 'C6': field 'minCount' is not used by kind COMPLAINT_CLUSTER",
        "rule 'S1': field 'window' 7d is not read by kind FILING_SURGE",
        "rule 'M1': field 'warning' is a fraction, at most 1",
        "rule 'C7': field 'enabled' must be true or false",
        "rule 'C7': field 'critical' must be a number",
        "rule 'C8': needs a 'warning' or a 'critical' threshold",
        "rule #13: field 'name' must be a non-empty string",
        "unknown top-level field 'extra'");
    for (String problem : expected) {
      assertTrue(e.getMessage().contains(problem), () -> "missing «" + problem + "» in: " + e.getMessage());
    }
    assertEquals(expected.size(), e.problems().size(), e.getMessage());
  }

  @Test
  @DisplayName("a bad override is rejected too, and text that is not JSON says so")
  void badOverride() {
    RuleSetException e = assertThrows(RuleSetException.class, () -> DEFAULTS.withOverrides(
        json("{'rules':[{'name':'COMPLAINT_CLUSTER','warning':9}]}")));
    assertTrue(e.getMessage().contains("rule 'COMPLAINT_CLUSTER': field 'warning' (9.0) is above field 'critical'"),
        e.getMessage());
    RuleSetException notJson = assertThrows(RuleSetException.class, () -> RuleSet.parse(json("{'rules':[")));
    assertTrue(notJson.getMessage().contains("not JSON"), notJson.getMessage());
    assertThrows(RuleSetException.class, () -> RuleSet.parse(json("[]")));
  }
}
