package cn.cq.ipmonitor.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Subscriptions: the form, channels, and the one place of filter logic")
class SubscriptionTest {

  private static final Set<String> RULES = Set.of("COMPLAINT_CLUSTER", "FILING_SURGE");

  private static SubscriptionForm.Result parse(JsonObject body, String scope) {
    return SubscriptionForm.parse(body, scope, RULES);
  }

  @Test
  @DisplayName("a webhook is the default channel and needs an http(s) URL")
  void webhookDefault() {
    SubscriptionForm f = parse(new JsonObject().put("url", "https://bureau.example/hook"), null).form();
    assertEquals(Subscription.Channel.WEBHOOK, f.channel());
    assertEquals(Severity.WARNING, f.minSeverity());
    assertNull(f.secret(), "none given: the API generates one");
    assertEquals(List.of("url: an absolute http or https URL is required"),
        parse(new JsonObject(), null).errors());
    assertEquals(1, parse(new JsonObject().put("url", "ftp://x"), null).errors().size());
  }

  @Test
  @DisplayName("a websocket subscription is a saved filter: no URL, no secret")
  void websocket() {
    SubscriptionForm f = parse(new JsonObject().put("channel", "websocket").put("minSeverity", "CRITICAL")
        .put("rules", new JsonArray().add("FILING_SURGE")), "500105").form();
    assertEquals(Subscription.Channel.WEBSOCKET, f.channel());
    assertNull(f.url());
    assertFalse(parse(new JsonObject().put("channel", "websocket").put("url", "https://x.example/h"), null)
        .errors().isEmpty());
    assertFalse(parse(new JsonObject().put("channel", "websocket").put("secret", "0123456789abcdef0"), null)
        .errors().isEmpty());
  }

  @Test
  @DisplayName("every problem of a bad body is named at once")
  void allReasons() {
    List<String> errors = parse(new JsonObject().put("channel", "pigeon").put("districts", new JsonArray()
        .add("999999").add("500103")).put("rules", new JsonArray().add("NO_SUCH")).put("minSeverity", "LOUD")
        .put("secret", "short"), "500105").errors();
    assertEquals(5, errors.size(), errors.toString());
    assertTrue(errors.stream().anyMatch(e -> e.startsWith("channel")));
    assertTrue(errors.stream().anyMatch(e -> e.contains("outside this subscription's scope")));
    assertEquals(1, parse(new JsonObject().put("url", "https://x.example/h").put("rules", "FILING_SURGE"), null)
        .errors().size(), "rules must be an array");
    assertEquals(1, parse(new JsonObject().put("url", "https://x.example/h").put("channel", 7), null)
        .errors().size());
  }

  @Test
  @DisplayName("matches filters by scope, district, rule and severity, whatever the channel")
  void matches() {
    Subscription s = new Subscription("s1", "jiangbei", "500105", List.of(), List.of("COMPLAINT_CLUSTER"),
        Severity.WARNING, Subscription.Channel.WEBSOCKET, null, null, 0);
    assertTrue(s.matches(alert("COMPLAINT_CLUSTER", "500105", Severity.WARNING)));
    assertFalse(s.matches(alert("COMPLAINT_CLUSTER", "500103", Severity.CRITICAL)), "other district");
    assertFalse(s.matches(alert("FILING_SURGE", "500105", Severity.CRITICAL)), "other rule");
    assertFalse(s.matches(alert("COMPLAINT_CLUSTER", "500105", Severity.INFO)), "below minSeverity");
    assertFalse(s.webhook());
  }

  @Test
  @DisplayName("stored JSON round-trips; a record stored before channels existed is a webhook")
  void json() {
    Subscription s = new Subscription("s1", "city", null, List.of("500105"), List.of(), Severity.CRITICAL,
        Subscription.Channel.WEBHOOK, "https://x.example/h", "0123456789abcdef0", 1_780_000_000_000L);
    assertEquals(s, Subscription.fromJson(s.toJson(true)));
    assertFalse(s.toJson(false).containsKey("secret"));
    JsonObject old = s.toJson(true);
    old.remove("channel");
    assertEquals(Subscription.Channel.WEBHOOK, Subscription.fromJson(old).channel());
    Subscription ws = new Subscription("s2", "city", null, List.of(), List.of(), Severity.INFO,
        Subscription.Channel.WEBSOCKET, null, null, 1_780_000_000_000L);
    assertEquals("websocket", ws.toJson(true).getString("channel"));
    assertEquals(ws, Subscription.fromJson(ws.toJson(true)));
  }

  @Test
  @DisplayName("a test message looks like a real delivery but says it is a test")
  void testPayload() {
    Subscription s = new Subscription("s1", "city", "500105", List.of(), List.of(), Severity.WARNING,
        Subscription.Channel.WEBHOOK, "https://x.example/h", "0123456789abcdef0", 0);
    JsonObject msg = WebhookPayload.test(s, "http://monitor.example", 1_780_000_000_000L);
    assertEquals("firing", msg.getString("status"));
    assertEquals("4", msg.getString("version"));
    JsonObject alert = msg.getJsonArray("alerts").getJsonObject(0);
    assertEquals(WebhookPayload.TEST_ALERTNAME, alert.getJsonObject("labels").getString("alertname"));
    assertEquals("true", alert.getJsonObject("labels").getString("test"));
    assertEquals("true", msg.getJsonObject("commonLabels").getString("test"));
    assertTrue(alert.getJsonObject("annotations").getString("summary").contains("Test notification"));
  }

  private static Alert alert(String rule, String district, Severity sev) {
    return new Alert(rule + "-A-1", rule, sev, AlertStatus.FIRING, "A", district, 1, 1, null, 1.0, 1.0, "30d",
        List.of(), null, null, null, Alert.HOLDING, null);
  }
}
