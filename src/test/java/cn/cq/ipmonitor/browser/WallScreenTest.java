package cn.cq.ipmonitor.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.cq.ipmonitor.it.Events;
import cn.cq.ipmonitor.it.TestNodes;
import io.vertx.core.json.JsonArray;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;

@DisplayName("The wall screen in a real Chromium: the city live, alerts within seconds, stale when the server is gone")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WallScreenTest {

  private static final Duration PAGE = Duration.ofSeconds(30);
  /** "Within a second or two" of the API listing the alert. */
  private static final Duration ALERT_ON_SCREEN = Duration.ofSeconds(2);
  /** Seeded agencies: id -> district (central city, new main city, north-east, south-east). */
  private static final Map<String, String> AGENCIES = Map.of("WJB1", "500105", "WJB2", "500105", "WYZ1", "500103",
      "WYB1", "500112", "WFL1", "500102", "WWZ1", "500101", "WQJ1", "500114", "WRV1", "500106");
  private static Stack stack;
  private static Browser browser;
  private static int agencies;

  @BeforeAll
  static void start() {
    stack = new Stack();
    Instant now = Instant.now();
    JsonArray events = new JsonArray();
    int i = 0;
    for (Map.Entry<String, String> a : AGENCIES.entrySet()) {
      events.add(Events.registered(a.getKey(), a.getValue(), 3 + i, now.minus(60, ChronoUnit.DAYS)));
      // Filings spread over the last 30 days, denser for some agencies, so the trends and the map have shape.
      for (int k = 0; k < 12 + 8 * i; k++) {
        events.add(Events.filing(a.getKey(), k % 3 == 0 ? "UTILITY_MODEL" : "INVENTION",
            now.minus((k * 37L + i * 11L) % (30 * 24), ChronoUnit.HOURS).minus(k, ChronoUnit.MINUTES)));
      }
      i++;
    }
    // One agency filing after its licence was revoked: a critical alert and a D grade before the page opens.
    events.add(Events.status("WRV1", "REVOKED", now.minus(3, ChronoUnit.DAYS)));
    events.add(Events.filing("WRV1", "INVENTION", now.minus(2, ChronoUnit.DAYS)));
    stack.post(events);
    agencies = AGENCIES.size();
    stack.awaitAgencies(agencies);
    stack.awaitAlert("WRV1", "UNLICENSED_FILING");
    browser = Browser.start(1920, 1080);
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

  private static boolean stale() {
    return (Boolean) browser.js("return document.body.classList.contains('stale')");
  }

  private static void awaitLive() {
    browser.await(Stack.WAIT, "the wall to be live", d -> !stale()
        && "live".equals(browser.find("#conn").getAttribute("data-state")));
  }

  @Test
  @Order(1)
  @DisplayName("/ redirects to the wall, which takes its token from the fragment and shows the city, its 38 districts in four groups, the riskiest agencies and the trends")
  void loadsTheCity() {
    browser.open(stack.url("/?kiosk=0#token=" + TestNodes.DISPLAY_TOKEN));
    browser.await(PAGE, "the agencies count", d -> browser.text("#kpi-agencies").equals(String.valueOf(agencies)));
    assertTrue(browser.driver.getCurrentUrl().contains("/wall/"), browser.driver.getCurrentUrl());
    assertFalse(browser.driver.getCurrentUrl().contains("token"), "the token leaves the address bar");
    assertEquals(TestNodes.DISPLAY_TOKEN, browser.js("return localStorage.getItem('ipmon.wall.token')"));

    assertEquals(38, browser.all("#tilemap .tile").size());
    assertEquals(List.of(9, 12, 11, 6), List.of("CENTRAL_CITY", "NEW_MAIN_CITY", "NORTH_EAST", "SOUTH_EAST").stream()
        .map(g -> browser.all(".group[data-group='" + g + "'] .tile").size()).toList());
    assertEquals("中心城区", browser.text(".group[data-group='CENTRAL_CITY'] h3"));
    assertTrue(browser.text(".tile[data-district='500105']").contains("江北区"));
    browser.await(PAGE, "the riskiest agency first", d -> browser.text("#risk-list li:first-child").contains("WRV1"));
    assertEquals("D", browser.text("#risk-list li:first-child .grade"));
    browser.await(PAGE, "the open alert in the ticker", d -> !browser.all("#ticker li[data-agency='WRV1']").isEmpty());
    awaitLive();

    browser.find("#color-toggle").click();
    browser.await(PAGE, "volume colours", d -> !browser.all(".tile.v4").isEmpty());
    browser.find("#color-toggle").click();
    browser.await(PAGE, "risk colours", d -> !browser.all(".tile.r3").isEmpty());

    browser.find("#tabs button[data-panel='trends']").click();
    browser.await(PAGE, "the hourly trend drawn from history",
        d -> !browser.all("#chart-hourly canvas").isEmpty()
            && browser.find("#chart-hourly").findElement(By.xpath("..")).getAttribute("data-note") == null);
    browser.screenshot("wall-trends");
    browser.find("#tabs button[data-panel='districts']").click();
    browser.await(PAGE, "the district ranking", d -> !browser.all("#chart-districts canvas").isEmpty());
    browser.screenshot("wall-districts");
    browser.find("#tabs button[data-panel='overview']").click();
    assertEquals(List.of(), browser.consoleErrors());
  }

  @Test
  @Order(2)
  @DisplayName("the language toggle switches to English and is remembered across a reload; kiosk mode hides the controls")
  void languageAndKiosk() {
    browser.open(stack.url("/wall/#token=" + TestNodes.DISPLAY_TOKEN));
    browser.await(PAGE, "the Chinese title", d -> browser.text("h1").equals("重庆市知识产权代理机构实时监测"));
    browser.find("#lang-toggle").click();
    assertEquals("Chongqing IP Agency Monitor", browser.text("h1"));
    browser.driver.navigate().refresh();
    browser.await(PAGE, "the English title after a reload", d -> browser.text("h1").equals("Chongqing IP Agency Monitor"));
    browser.await(PAGE, "the English group names", d -> browser.text(".group[data-group='NORTH_EAST'] h3").equals("North-east"));
    browser.find("#lang-toggle").click();
    assertEquals("重庆市知识产权代理机构实时监测", browser.text("h1"));

    browser.open(stack.url("/wall/?kiosk=1&rotate=5#token=" + TestNodes.DISPLAY_TOKEN));
    browser.await(PAGE, "the wall", d -> browser.text("#kpi-agencies").equals(String.valueOf(agencies)));
    assertFalse(browser.find("#lang-toggle").isDisplayed(), "kiosk mode hides the controls");
    assertFalse(browser.find("#tabs").isDisplayed());
    assertEquals("none", browser.js("return getComputedStyle(document.body).cursor"));
    browser.await(Duration.ofSeconds(20), "rotation to the next panel", d -> "trends".equals(browser.js("return document.body.dataset.panel")));
  }

  @Test
  @Order(3)
  @DisplayName("a bad token and a district token each get a clear message and the token form; a good one then opens the wall")
  void badTokens() {
    browser.open(stack.url("/wall/#token=not-a-token"));
    browser.await(PAGE, "the token form", d -> !browser.all("#token-dialog .token-message").isEmpty()
        && browser.find("#token-dialog .token-message").isDisplayed());
    assertEquals("令牌无效或已停用，请重新输入。", browser.text("#token-dialog .token-message"));

    browser.open(stack.url("/wall/#token=" + TestNodes.JIANGBEI_TOKEN));
    browser.await(PAGE, "the wrong-role message", d -> browser.text("#token-dialog .token-message").startsWith("此令牌无权查看本页面"));
    browser.find("#token-input").sendKeys(TestNodes.DISPLAY_TOKEN);
    browser.find("#token-dialog button[type='submit']").click();
    browser.await(PAGE, "the wall after a good token", d -> browser.text("#kpi-agencies").equals(String.valueOf(agencies)));
    awaitLive();
  }

  @Test
  @Order(4)
  @DisplayName("an alert raised while the wall is open reaches its ticker within two seconds of the API listing it")
  void liveAlert() {
    browser.open(stack.url("/wall/?kiosk=1#token=" + TestNodes.DISPLAY_TOKEN));
    awaitLive();
    Instant now = Instant.now();
    stack.post(new JsonArray()
        .add(Events.registered("WNE9", "500236", 2, now.minus(50, ChronoUnit.DAYS)))
        .add(Events.status("WNE9", "REVOKED", now.minus(2, ChronoUnit.DAYS)))
        .add(Events.filing("WNE9", "INVENTION", now.minus(1, ChronoUnit.DAYS))));
    stack.awaitAlert("WNE9", "UNLICENSED_FILING");
    long listed = System.nanoTime();
    browser.await(ALERT_ON_SCREEN, "the new alert in the ticker", d -> !browser.all("#ticker li[data-agency='WNE9']").isEmpty());
    long shownMs = (System.nanoTime() - listed) / 1_000_000;
    assertTrue(browser.text("#ticker li[data-agency='WNE9']").contains("无资质代理"), browser.text("#ticker"));
    browser.await(PAGE, "Fengjie's tile with its alert", d -> !browser.all(".tile[data-district='500236'] .badge").isEmpty());
    browser.await(PAGE, "the event-to-screen delay", d -> !browser.text("#delay-value").equals("—"));
    browser.screenshot("wall");
    System.out.printf("wall: alert on screen %d ms after the API listed it; delay shown %s%n", shownMs,
        browser.text("#delay-value"));
  }

  @Test
  @Order(5)
  @DisplayName("the stale badge shows when the server stops, and the wall recovers by itself when it is back on the same port")
  void staleAndRecovery() {
    browser.open(stack.url("/wall/?kiosk=1#token=" + TestNodes.DISPLAY_TOKEN));
    awaitLive();
    Object firstStream = browser.js("return document.body.dataset.stream");
    String expected = String.valueOf(stack.get("/api/v1/city", TestNodes.CITY_TOKEN).getInteger("agencies"));
    assertFalse(browser.find("#stale-badge").isDisplayed());

    stack.stopNode();
    browser.await(Duration.ofSeconds(10), "the stale badge", d -> stale() && browser.find("#stale-badge").isDisplayed());
    assertTrue(browser.text("#stale-badge").contains("数据延迟"));
    assertEquals("offline", browser.find("#conn").getAttribute("data-state"));
    browser.screenshot("wall-stale");

    stack.startNode();
    awaitLive();
    browser.await(PAGE, "the city again", d -> browser.text("#kpi-agencies").equals(expected));
    assertFalse(browser.find("#stale-badge").isDisplayed());
    Object secondStream = browser.js("return document.body.dataset.stream");
    assertFalse(String.valueOf(firstStream).equals(String.valueOf(secondStream)), "a restarted node is a new stream");
  }
}
