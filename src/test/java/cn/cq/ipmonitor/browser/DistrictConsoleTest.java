package cn.cq.ipmonitor.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.cq.ipmonitor.it.Events;
import cn.cq.ipmonitor.it.TestNodes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.WebElement;

@DisplayName("The district console in a real Chromium: its own agencies and alerts only, acknowledged from the page")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DistrictConsoleTest {

  private static final Duration PAGE = Duration.ofSeconds(30);
  private static Stack stack;
  private static Browser browser;
  private static String jiangbeiAlert;

  @BeforeAll
  static void start() {
    stack = new Stack();
    Instant now = Instant.now();
    JsonArray events = new JsonArray();
    // Jiangbei (500105): a normal agency and one filing after revocation; Yuzhong (500103) the same.
    for (String[] a : new String[][] {{"CJB1", "500105"}, {"CJB2", "500105"}, {"CYZ1", "500103"}, {"CYZ2", "500103"}}) {
      events.add(Events.registered(a[0], a[1], 4, now.minus(90, ChronoUnit.DAYS)));
      for (int k = 0; k < 25; k++) {
        events.add(Events.filing(a[0], "INVENTION", now.minus(k * 61L % (60 * 24), ChronoUnit.HOURS)));
      }
    }
    for (String id : List.of("CJB2", "CYZ2")) {
      events.add(Events.status(id, "REVOKED", now.minus(3, ChronoUnit.DAYS)));
      events.add(Events.filing(id, "INVENTION", now.minus(2, ChronoUnit.DAYS)));
    }
    stack.post(events);
    stack.awaitAgencies(4);
    jiangbeiAlert = stack.awaitAlert("CJB2", "UNLICENSED_FILING").getString("id");
    stack.awaitAlert("CYZ2", "UNLICENSED_FILING");
    browser = Browser.start(1600, 1000);
  }

  @AfterAll
  static void stop() {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      stack.close();
    }
  }

  /** Read in one script: live snapshots may redraw the table between two WebDriver calls. */
  @SuppressWarnings("unchecked")
  private static List<String> agencyRows() {
    return (List<String>) browser.js(
        "return [...document.querySelectorAll('#agencies tbody tr[data-agency]')].map(e => e.dataset.agency)");
  }

  private static String attr(String css, String name) {
    return (String) browser.js("const e = document.querySelector(arguments[0]); return e && e.getAttribute(arguments[1])",
        css, name);
  }

  @Test
  @Order(1)
  @DisplayName("Jiangbei's console lists Jiangbei's agencies and alerts only, and acknowledges its alert with a note")
  void acknowledgesAnAlert() {
    browser.open(stack.url("/console/#token=" + TestNodes.JIANGBEI_TOKEN));
    browser.await(PAGE, "Jiangbei's two agencies", d -> agencyRows().size() == 2);
    assertEquals(List.of("CJB2", "CJB1"), agencyRows(), "riskiest first, no Yuzhong agency");
    assertEquals("江北区", browser.text("#district-name"));
    browser.await(PAGE, "the console to be live", d -> "live".equals(attr("#conn", "data-state")));
    browser.screenshot("console");

    browser.find("#tabs a[data-view='alerts']").click();
    String row = "#alerts tr[data-alert-id='" + jiangbeiAlert + "']";
    browser.await(PAGE, "Jiangbei's alert", d -> !browser.all(row).isEmpty());
    assertTrue(browser.all("#alerts tr[data-agency='CYZ2']").isEmpty(), "no Yuzhong alert");
    assertEquals("FIRING", attr(row, "data-status"));
    WebElement note = browser.find(row + " td.actions input");
    note.sendKeys("约谈已安排 interview scheduled");
    browser.find(row + " button[data-action='ack']").click();
    browser.await(PAGE, "the acknowledged alert", d -> "ACKNOWLEDGED".equals(attr(row, "data-status")));
    assertEquals("约谈已安排 interview scheduled", browser.text(row + " td.alert-note"));
    JsonObject stored = stack.get("/api/v1/alerts?agencyId=CJB2", TestNodes.CITY_TOKEN).getJsonArray("items").getJsonObject(0);
    assertEquals("ACKNOWLEDGED", stored.getString("status"));
    assertEquals("jiangbei", stored.getString("ackBy"));
    assertEquals("约谈已安排 interview scheduled", stored.getString("note"));

    // A new alert in Jiangbei reaches the open page by itself.
    Instant now = Instant.now();
    stack.post(new JsonArray().add(Events.registered("CJB3", "500105", 2, now.minus(40, ChronoUnit.DAYS)))
        .add(Events.status("CJB3", "SUSPENDED", now.minus(2, ChronoUnit.DAYS)))
        .add(Events.filing("CJB3", "INVENTION", now.minus(1, ChronoUnit.DAYS))));
    browser.await(PAGE, "the new alert, pushed", d -> !browser.all("#alerts tr[data-agency='CJB3']").isEmpty());
    browser.screenshot("console-alerts");
  }

  @Test
  @Order(2)
  @DisplayName("an agency's page shows its indicators, history and its alerts' evidence; another district's agency is refused with a message")
  void agencyPageAndScope() {
    browser.open(stack.url("/console/#/agency/CJB2&token=" + TestNodes.JIANGBEI_TOKEN));
    browser.await(PAGE, "the agency page", d -> browser.text("#agency-name").contains("CJB2"));
    assertTrue(browser.text("#indicators").contains("申请量"), browser.text("#indicators"));
    browser.await(PAGE, "the evidence row", d -> !browser.all("#agency-alerts tr[data-evidence-for]").isEmpty());
    browser.await(PAGE, "the history chart", d -> !browser.all("#agency-chart canvas").isEmpty());
    browser.screenshot("console-agency");

    browser.open(stack.url("/console/#/agency/CYZ2"));
    browser.await(PAGE, "the refusal", d -> browser.text("#agency-error").startsWith("无权访问"));
    assertTrue(browser.text("body").indexOf("重庆测试代理所CYZ2") < 0, "nothing of Yuzhong's agency is shown");
  }

  @Test
  @Order(3)
  @DisplayName("subscriptions: created with a generated secret shown once, test-sent with a clear answer, deleted")
  void subscriptions() {
    browser.open(stack.url("/console/#/subscriptions&token=" + TestNodes.JIANGBEI_TOKEN));
    browser.await(PAGE, "the subscription form", d -> !browser.all("#subscription-form").isEmpty());
    browser.find("#subscription-form input[name='url']").sendKeys("http://127.0.0.1:9/hook");
    browser.find("#subscription-form input[value='UNLICENSED_FILING']").click();
    browser.find("#subscription-form button[type='submit']").click();
    browser.await(PAGE, "the new subscription", d -> browser.all("#subscriptions tr[data-subscription]").size() == 1);
    assertTrue(browser.text("#ok").contains("只显示这一次"), browser.text("#ok"));
    browser.find("#subscriptions button[data-action='test']").click();
    browser.await(PAGE, "an answer to the test send", d -> !browser.text("#message").isEmpty() || !browser.text("#ok").isEmpty());
    browser.find("#subscriptions button[data-action='delete']").click();
    browser.find("#subscriptions button[data-action='delete']").click();
    browser.await(PAGE, "no subscription", d -> browser.all("#subscriptions tr[data-subscription]").isEmpty());
  }

  @Test
  @Order(4)
  @DisplayName("a bad token gets the token form with a clear message, never a broken page")
  void badToken() {
    browser.open(stack.url("/console/#token=nope"));
    browser.await(PAGE, "the token form", d -> browser.text("#token-dialog .token-message").equals("令牌无效或已停用，请重新输入。"));
  }
}
