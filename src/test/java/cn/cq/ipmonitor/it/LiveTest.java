package cn.cq.ipmonitor.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.cq.ipmonitor.app.MonitorNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Live push on /ws/live: authentication, scope, snapshots, alert changes, resume")
class LiveTest {

  private static OneNode fixture;
  private static MonitorNode node;
  private static Vertx client;
  private static WebClient web;

  @BeforeAll
  static void start() {
    // A second to authenticate, so the test of a silent client is short.
    fixture = OneNode.start(o -> o.with("live").put("authTimeoutMs", 1000));
    node = fixture.node();
    client = fixture.client();
    web = fixture.web();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  private static void post(JsonArray events) {
    assertEquals(202, web.post(node.httpPort(), TestNodes.LOOPBACK, "/api/v1/events")
        .bearerTokenAuthentication(TestNodes.INGEST_TOKEN).putHeader("Content-Type", "application/json")
        .sendBuffer(events.toBuffer()).await().statusCode());
  }

  @Test
  @DisplayName("a bad token, a missing auth, an ingest token and messages before auth are refused with 4401/4403")
  void authentication() {
    assertThrows(Exception.class, () -> LiveClient.connect(client, node.httpPort(), "not-a-token"),
        "a bad bearer header fails the upgrade");

    LiveClient wrong = LiveClient.connect(client, node.httpPort(), null);
    wrong.send(new JsonObject().put("type", "auth").put("token", "wrong-token-0123456789"));
    wrong.await("unauthenticated", LiveClient.error("unauthenticated"));
    wrong.awaitClosed();
    assertEquals((short) 4401, wrong.closeCode());

    LiveClient silent = LiveClient.connect(client, node.httpPort(), null);
    silent.awaitClosed();
    assertEquals((short) 4401, silent.closeCode(), "no auth within live.authTimeoutMs");

    LiveClient early = LiveClient.connect(client, node.httpPort(), null);
    early.subscribe("city");
    early.awaitClosed();
    assertEquals((short) 4401, early.closeCode());

    LiveClient ingest = LiveClient.connect(client, node.httpPort(), null);
    ingest.send(new JsonObject().put("type", "auth").put("token", TestNodes.INGEST_TOKEN));
    ingest.awaitClosed();
    assertEquals((short) 4403, ingest.closeCode());

    LiveClient byHeader = LiveClient.connect(client, node.httpPort(), TestNodes.DISPLAY_TOKEN);
    JsonObject welcome = byHeader.await("welcome", m -> "welcome".equals(m.getString("type")));
    assertEquals("DISPLAY", welcome.getString("role"));
    assertNotNull(welcome.getString("stream"));
    byHeader.close();
  }

  @Test
  @DisplayName("bad messages get a clear error and the connection goes on")
  void badMessages() {
    LiveClient c = LiveClient.login(client, node.httpPort(), TestNodes.CITY_TOKEN);
    c.sendRaw("{not json");
    c.sendRaw("[1,2]");
    c.send(new JsonObject().put("type", "dance"));
    c.send(new JsonObject().put("channel", "city"));
    c.send(new JsonObject().put("type", "subscribe").put("channel", "weather"));
    c.send(new JsonObject().put("type", "subscribe").put("channel", "district:999999"));
    c.send(new JsonObject().put("type", "subscribe").put("channel", "agency:../../etc"));
    c.send(new JsonObject().put("type", "subscribe").put("channel", "city").put("resume", "yesterday"));
    c.send(new JsonObject().put("type", "subscribe").put("channel", "city").put("subscription", "s1"));
    c.send(new JsonObject().put("type", "subscribe").put("channel", "alerts").put("subscription", "no-such-id"));
    c.send(new JsonObject().put("type", "unsubscribe").put("channel", "city"));
    c.sendRaw("x".repeat(70_000));
    c.send(new JsonObject().put("type", "auth").put("token", TestNodes.CITY_TOKEN));
    c.roundTrip();
    // not JSON, an array, an unknown type, no type, a bad resume, a subscription on city, unsubscribing what it does
    // not follow, a message over 64 KiB, a second auth
    assertEquals(9, c.all(LiveClient.error("bad_request")).size(), c.all(m -> true).toString());
    assertEquals(3, c.all(LiveClient.error("unknown_channel")).size());
    assertEquals(1, c.all(LiveClient.error("not_found")).size());
    assertFalse(c.isClosed());
    c.subscribe("city");
    c.await("a city snapshot after all that", LiveClient.snapshotOf("city"));
    c.close();
  }

  @Test
  @DisplayName("city snapshots arrive at a steady cadence, numbered, with the events just posted and their freshness")
  void citySnapshots() {
    Instant now = Instant.now();
    LiveClient wall = LiveClient.login(client, node.httpPort(), TestNodes.DISPLAY_TOKEN);
    wall.subscribe("city");
    JsonObject first = wall.await("a first city snapshot", LiveClient.snapshotOf("city"));
    assertEquals(38, first.getJsonObject("payload").getJsonArray("districts").size());

    post(new JsonArray().add(Events.registered("LV1", "500112", 10, now.minus(30, ChronoUnit.DAYS)))
        .add(Events.filing("LV1", "INVENTION", now)).add(Events.filing("LV1", "DESIGN", now)));
    JsonObject withEvents = wall.await("a snapshot with Yubei's two filings today", m ->
        LiveClient.snapshotOf("city").test(m) && tile(m, "500112").getLong("filingsToday") >= 2);
    JsonObject p = withEvents.getJsonObject("payload");
    assertNotNull(p.getString("newestEventAt"), "the feed's freshness is reported");
    long age = Instant.parse(withEvents.getString("sentAt")).toEpochMilli()
        - Instant.parse(p.getString("newestEventAt")).toEpochMilli();
    assertTrue(age >= 0 && age < 30_000, "newestEventAt is a recent broker time: " + age + " ms");
    assertTrue(p.getJsonObject("indicators").getJsonObject("filings").getLong("today") >= 2, "city filings today");

    List<JsonObject> snaps = wall.awaitCount("three more snapshots", 4, LiveClient.snapshotOf("city"));
    for (int i = 1; i < snaps.size(); i++) {
      assertEquals(snaps.get(i - 1).getLong("seq") + 1, snaps.get(i).getLong("seq"), "seq grows by one");
    }
    wall.close();
  }

  private static JsonObject tile(JsonObject snapshot, String district) {
    return snapshot.getJsonObject("payload").getJsonArray("districts").stream().map(o -> (JsonObject) o)
        .filter(d -> district.equals(d.getString("district"))).findFirst().orElseThrow();
  }

  @Test
  @DisplayName("a district token follows its own district and agencies only")
  void districtScope() {
    Instant now = Instant.now();
    post(new JsonArray().add(Events.registered("LVJ", "500105", 5, now.minus(30, ChronoUnit.DAYS)))
        .add(Events.registered("LVY", "500103", 5, now.minus(30, ChronoUnit.DAYS)))
        .add(Events.filing("LVJ", "INVENTION", now)).add(Events.filing("LVY", "INVENTION", now)));
    LiveClient jb = LiveClient.login(client, node.httpPort(), TestNodes.JIANGBEI_TOKEN);
    jb.subscribe("city");
    jb.await("city refused", m -> LiveClient.error("forbidden").test(m) && "city".equals(m.getString("channel")));
    jb.subscribe("district:500103");
    jb.await("Yuzhong refused", m -> LiveClient.error("forbidden").test(m)
        && "district:500103".equals(m.getString("channel")));
    jb.subscribe("agency:LVY");
    jb.await("Yuzhong's agency refused", m -> LiveClient.error("forbidden").test(m)
        && "agency:LVY".equals(m.getString("channel")));
    jb.subscribe("district:500105");
    JsonObject own = jb.await("Jiangbei's snapshot with its agency", m -> LiveClient.snapshotOf("district:500105")
        .test(m) && m.getJsonObject("payload").getJsonArray("agencyList").stream()
        .anyMatch(a -> "LVJ".equals(((JsonObject) a).getString("agencyId"))));
    assertTrue(own.getJsonObject("payload").getJsonArray("agencyList").stream()
        .allMatch(a -> !"LVY".equals(((JsonObject) a).getString("agencyId"))));
    jb.subscribe("agency:LVJ");
    JsonObject agency = jb.await("its agency", LiveClient.snapshotOf("agency:LVJ"));
    assertEquals("500105", agency.getJsonObject("payload").getString("district"));
    jb.roundTrip();
    assertNull(jb.find(LiveClient.snapshotOf("city")));
    assertNull(jb.find(LiveClient.snapshotOf("district:500103")));
    assertNull(jb.find(LiveClient.snapshotOf("agency:LVY")));
    jb.close();
  }

  @Test
  @DisplayName("alert changes are pushed as they happen, to the alerts channel of the districts that own them")
  void alertsPushed() {
    LiveClient city = LiveClient.login(client, node.httpPort(), TestNodes.CITY_TOKEN);
    LiveClient jiangbei = LiveClient.login(client, node.httpPort(), TestNodes.JIANGBEI_TOKEN);
    LiveClient yuzhong = LiveClient.login(client, node.httpPort(), TestNodes.YUZHONG_TOKEN);
    for (LiveClient c : List.of(city, jiangbei, yuzhong)) {
      c.subscribe("alerts");
      c.await("the alerts snapshot", LiveClient.snapshotOf("alerts"));
    }
    Instant now = Instant.now();
    post(new JsonArray().add(Events.registered("LVA", "500105", 4, now.minus(50, ChronoUnit.DAYS)))
        .add(Events.status("LVA", "REVOKED", now.minus(2, ChronoUnit.DAYS)))
        .add(Events.filing("LVA", "INVENTION", now.minus(1, ChronoUnit.DAYS))));
    JsonObject pushed = city.await("the UNLICENSED_FILING alert", m -> isAlert(m, "LVA", "FIRING"));
    assertEquals("UNLICENSED_FILING", pushed.getJsonObject("payload").getString("rule"));
    JsonObject own = jiangbei.await("Jiangbei's copy", m -> isAlert(m, "LVA", "FIRING"));
    String id = own.getJsonObject("payload").getString("id");

    var ack = web.post(node.httpPort(), TestNodes.LOOPBACK, "/api/v1/alerts/" + id + "/ack")
        .bearerTokenAuthentication(TestNodes.JIANGBEI_TOKEN).putHeader("Content-Type", "application/json")
        .sendBuffer(new JsonObject().put("note", "on it").toBuffer()).await();
    assertEquals(200, ack.statusCode(), ack.bodyAsString());
    city.await("the acknowledgement", m -> isAlert(m, "LVA", "ACKNOWLEDGED"));
    List<JsonObject> jb = jiangbei.awaitCount("both changes in Jiangbei", 2, m -> "alert".equals(m.getString("type")));
    assertEquals(jb.get(0).getLong("seq") + 1, jb.get(1).getLong("seq"), "a district's alerts have no gaps");

    yuzhong.roundTrip();
    assertNull(yuzhong.find(m -> "alert".equals(m.getString("type"))), "Yuzhong hears nothing of Jiangbei");

    LiveClient late = LiveClient.login(client, node.httpPort(), TestNodes.JIANGBEI_TOKEN);
    late.subscribe("alerts");
    JsonObject snap = late.await("the alerts snapshot", LiveClient.snapshotOf("alerts"));
    assertTrue(snap.getJsonObject("payload").getJsonArray("alerts").stream()
        .anyMatch(a -> id.equals(((JsonObject) a).getString("id"))), "a newcomer gets the open alert");
    LiveClient lateYz = LiveClient.login(client, node.httpPort(), TestNodes.YUZHONG_TOKEN);
    lateYz.subscribe("alerts");
    JsonObject yzSnap = lateYz.await("Yuzhong's alerts snapshot", LiveClient.snapshotOf("alerts"));
    assertTrue(yzSnap.getJsonObject("payload").getJsonArray("alerts").stream()
        .noneMatch(a -> id.equals(((JsonObject) a).getString("id"))));
    for (LiveClient c : List.of(city, jiangbei, yuzhong, late, lateYz)) {
      c.close();
    }
  }

  @Test
  @DisplayName("a saved websocket subscription filters the alerts channel, and only its own district may use it")
  void alertsThroughASubscription() {
    var created = web.post(node.httpPort(), TestNodes.LOOPBACK, "/api/v1/subscriptions")
        .bearerTokenAuthentication(TestNodes.JIANGBEI_TOKEN).putHeader("Content-Type", "application/json")
        .sendBuffer(new JsonObject().put("channel", "websocket")
            .put("rules", new JsonArray().add("COMPLAINT_CLUSTER")).toBuffer()).await();
    assertEquals(201, created.statusCode(), created.bodyAsString());
    String sub = created.bodyAsJsonObject().getString("id");

    LiveClient stranger = LiveClient.login(client, node.httpPort(), TestNodes.YUZHONG_TOKEN);
    stranger.send(new JsonObject().put("type", "subscribe").put("channel", "alerts").put("subscription", sub));
    stranger.await("another district's subscription refused", LiveClient.error("forbidden"));

    LiveClient filtered = LiveClient.login(client, node.httpPort(), TestNodes.JIANGBEI_TOKEN);
    filtered.send(new JsonObject().put("type", "subscribe").put("channel", "alerts").put("subscription", sub));
    filtered.await("the filtered snapshot", LiveClient.snapshotOf("alerts"));
    LiveClient all = LiveClient.login(client, node.httpPort(), TestNodes.JIANGBEI_TOKEN);
    all.subscribe("alerts");
    all.await("the alerts snapshot", LiveClient.snapshotOf("alerts"));

    Instant now = Instant.now();
    JsonArray events = new JsonArray().add(Events.registered("LVS", "500105", 4, now.minus(50, ChronoUnit.DAYS)))
        .add(Events.status("LVS", "REVOKED", now.minus(2, ChronoUnit.DAYS)))
        .add(Events.filing("LVS", "INVENTION", now.minus(1, ChronoUnit.DAYS)));
    for (int i = 0; i < 5; i++) {
      events.add(Events.base("COMPLAINT_RECEIVED", "LVS", now.minus(i + 1, ChronoUnit.DAYS)));
    }
    post(events);
    all.await("the unlicensed filing", m -> isAlert(m, "LVS", "FIRING")
        && "UNLICENSED_FILING".equals(m.getJsonObject("payload").getString("rule")));
    filtered.await("the complaint cluster", m -> isAlert(m, "LVS", "FIRING")
        && "COMPLAINT_CLUSTER".equals(m.getJsonObject("payload").getString("rule")));
    all.await("the complaint cluster, unfiltered", m -> isAlert(m, "LVS", "FIRING")
        && "COMPLAINT_CLUSTER".equals(m.getJsonObject("payload").getString("rule")));
    filtered.roundTrip();
    assertTrue(filtered.all(m -> "alert".equals(m.getString("type"))).stream()
        .allMatch(m -> "COMPLAINT_CLUSTER".equals(m.getJsonObject("payload").getString("rule"))),
        "only the subscription's rule comes through");
    for (LiveClient c : List.of(stranger, filtered, all)) {
      c.close();
    }
  }

  private static boolean isAlert(JsonObject m, String agency, String status) {
    return "alert".equals(m.getString("type")) && "alerts".equals(m.getString("channel"))
        && agency.equals(m.getJsonObject("payload").getString("agencyId"))
        && status.equals(m.getJsonObject("payload").getString("status"));
  }

  @Test
  @DisplayName("a client that comes back gets exactly what it missed, or a fresh snapshot from another stream")
  void resume() {
    Instant now = Instant.now();
    LiveClient first = LiveClient.login(client, node.httpPort(), TestNodes.CITY_TOKEN);
    first.subscribe("district:500108");
    JsonObject seen = first.await("a snapshot", LiveClient.snapshotOf("district:500108"));
    first.close();
    // While it is away the district changes a few times.
    for (int i = 0; i < 3; i++) {
      post(new JsonArray().add(Events.filing("LVR", "INVENTION", now.minus(i, ChronoUnit.HOURS)))
          .add(Events.registered("LVR", "500108", 3, now.minus(40, ChronoUnit.DAYS))));
    }
    LiveClient probe = LiveClient.login(client, node.httpPort(), TestNodes.CITY_TOKEN);
    probe.subscribe("district:500108");
    probe.await("the district to show the away-time filings", m -> LiveClient.snapshotOf("district:500108").test(m)
        && m.getJsonObject("payload").getInteger("agencies") >= 1
        && m.getLong("seq") > seen.getLong("seq") + 1);
    probe.close();

    LiveClient back = LiveClient.login(client, node.httpPort(), TestNodes.CITY_TOKEN);
    back.send(new JsonObject().put("type", "subscribe").put("channel", "district:500108")
        .put("resume", new JsonObject().put("stream", seen.getString("stream")).put("seq", seen.getLong("seq"))));
    JsonObject ok = back.await("subscribed", m -> "subscribed".equals(m.getString("type")));
    assertTrue(ok.getBoolean("resumed"));
    List<JsonObject> missed = back.awaitCount("the missed snapshots", 2, LiveClient.snapshotOf("district:500108"));
    assertEquals(seen.getLong("seq") + 1, missed.get(0).getLong("seq"), "replay starts right after what it saw");
    assertEquals(missed.get(0).getLong("seq") + 1, missed.get(1).getLong("seq"));
    back.close();

    LiveClient elsewhere = LiveClient.login(client, node.httpPort(), TestNodes.CITY_TOKEN);
    elsewhere.send(new JsonObject().put("type", "subscribe").put("channel", "district:500108")
        .put("resume", new JsonObject().put("stream", "another-node").put("seq", 3)));
    JsonObject fresh = elsewhere.await("subscribed", m -> "subscribed".equals(m.getString("type")));
    assertFalse(fresh.getBoolean("resumed"));
    JsonObject snap = elsewhere.await("a fresh snapshot", LiveClient.snapshotOf("district:500108"));
    assertTrue(snap.getJsonObject("payload").getInteger("agencies") >= 1);
    elsewhere.close();
  }
}
