package cn.cq.ipmonitor.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.cq.ipmonitor.app.MonitorNode;
import cn.cq.ipmonitor.event.Districts;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A slow live client cannot grow the server's memory")
class LiveSlowClientTest {

  /** Room for a burst of replies to a few subscriptions, not for a snapshot of every district. */
  private static final int MAX_QUEUED = 16;
  private static OneNode fixture;
  private static MonitorNode node;
  private static Vertx client;
  private static WebClient web;

  @BeforeAll
  static void start() {
    // Every channel sends every 50 ms (a heartbeat each round), the socket may buffer 1 KiB and 16 messages may
    // wait: a client that stops reading fills all of it within seconds.
    fixture = OneNode.start(o -> o.with("live").put("snapshotIntervalMs", 50).put("heartbeatSnapshots", 1)
        .put("maxQueuedMessages", MAX_QUEUED).put("writeQueueBytes", 1024));
    node = fixture.node();
    client = fixture.client();
    web = fixture.web();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  private static double metric(String name) {
    return metricAsync(name).await();
  }

  private static io.vertx.core.Future<Double> metricAsync(String name) {
    return web.get(node.httpPort(), TestNodes.LOOPBACK, "/metrics").send()
        .map(r -> sum(r.bodyAsString(), name));
  }

  private static double sum(String text, String name) {
    return text.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }

  @Test
  @DisplayName("snapshots coalesce for a client that stops reading; one that overflows is closed with 4408; others go on")
  void slowClients() {
    WebSocketClientOptions tiny = new WebSocketClientOptions().setReceiveBufferSize(4096);
    LiveClient healthy = LiveClient.login(client, node.httpPort(), TestNodes.CITY_TOKEN);
    healthy.subscribe("city");

    // Follows fewer channels than may wait: it only ever has one snapshot per channel waiting, so it stays.
    LiveClient lagging = LiveClient.connect(client, node.httpPort(), TestNodes.CITY_TOKEN, tiny);
    lagging.subscribe("city");
    for (String d : List.of("500101", "500102", "500103")) {
      lagging.subscribe("district:" + d);
    }
    lagging.roundTrip();
    lagging.socket().pause();

    // Follows every district: more distinct snapshots wait than allowed, so it is too slow.
    LiveClient stuck = LiveClient.connect(client, node.httpPort(), TestNodes.CITY_TOKEN, tiny);
    stuck.subscribe("city");
    Districts.all().forEach(d -> stuck.subscribe("district:" + d.code()));
    stuck.socket().pause();

    Poll.until(client, Duration.ofSeconds(60), "the stuck client to be cut off",
        () -> metricAsync("ipmon_ws_slow_disconnects_total"), n -> n >= 1);
    Poll.until(client, Duration.ofSeconds(60), "snapshots to coalesce for the lagging client",
        () -> metricAsync("ipmon_ws_coalesced_total"), n -> n >= 1);

    stuck.socket().resume();
    stuck.awaitClosed();
    assertEquals((short) 4408, stuck.closeCode());

    long before = healthy.all(LiveClient.snapshotOf("city")).size();
    healthy.awaitCount("the healthy client to go on receiving", (int) before + 5, LiveClient.snapshotOf("city"));

    lagging.socket().resume();
    lagging.roundTrip();
    assertFalse(lagging.isClosed(), "coalescing kept the lagging client");
    List<JsonObject> citySnaps = lagging.all(LiveClient.snapshotOf("city"));
    long gaps = 0;
    for (int i = 1; i < citySnaps.size(); i++) {
      gaps += citySnaps.get(i).getLong("seq") - citySnaps.get(i - 1).getLong("seq") - 1;
    }
    assertTrue(gaps > 0, "snapshots it could not take were skipped, not queued");
    assertEquals(1.0, metric("ipmon_ws_slow_disconnects_total"), "only the stuck client was cut off");
    healthy.close();
    lagging.close();
  }
}
