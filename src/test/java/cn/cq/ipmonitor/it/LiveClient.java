package cn.cq.ipmonitor.it;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A real websocket client of /ws/live for tests: keeps every message it receives and awaits them. */
final class LiveClient {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private final Vertx vertx;
  private final WebSocket ws;
  private final List<JsonObject> received = new ArrayList<>();
  private volatile boolean closed;

  private LiveClient(Vertx vertx, WebSocket ws) {
    this.vertx = vertx;
    this.ws = ws;
    ws.textMessageHandler(t -> {
      synchronized (received) {
        received.add(new JsonObject(t));
      }
    });
    ws.closeHandler(v -> closed = true);
  }

  static LiveClient connect(Vertx vertx, int port, String bearer) {
    return connect(vertx, port, bearer, new WebSocketClientOptions());
  }

  static LiveClient connect(Vertx vertx, int port, String bearer, WebSocketClientOptions options) {
    WebSocketClient client = vertx.createWebSocketClient(options);
    WebSocketConnectOptions o = new WebSocketConnectOptions().setHost(TestNodes.LOOPBACK).setPort(port)
        .setURI("/ws/live");
    if (bearer != null) {
      o.addHeader("Authorization", "Bearer " + bearer);
    }
    return new LiveClient(vertx, client.connect(o).await());
  }

  /** Connects and authenticates with an auth message, as a browser does. */
  static LiveClient login(Vertx vertx, int port, String token) {
    LiveClient c = connect(vertx, port, null);
    c.send(new JsonObject().put("type", "auth").put("token", token));
    c.await("welcome", m -> "welcome".equals(m.getString("type")));
    return c;
  }

  void send(JsonObject m) {
    ws.writeTextMessage(m.encode()).await();
  }

  void sendRaw(String text) {
    ws.writeTextMessage(text).await();
  }

  void subscribe(String channel) {
    send(new JsonObject().put("type", "subscribe").put("channel", channel));
  }

  /** The first message (in arrival order) that matches, waiting for it if needed. */
  JsonObject await(String what, Predicate<JsonObject> match) {
    return Poll.until(vertx, WAIT, what, () -> Future.succeededFuture(find(match)), m -> m != null);
  }

  /** Waits until {@code n} messages match, and returns them. */
  List<JsonObject> awaitCount(String what, int n, Predicate<JsonObject> match) {
    return Poll.until(vertx, WAIT, what, () -> Future.succeededFuture(all(match)), l -> l.size() >= n);
  }

  JsonObject find(Predicate<JsonObject> match) {
    synchronized (received) {
      return received.stream().filter(match).findFirst().orElse(null);
    }
  }

  List<JsonObject> all(Predicate<JsonObject> match) {
    synchronized (received) {
      return received.stream().filter(match).toList();
    }
  }

  /** A ping answered: everything the server sent before the pong has arrived. */
  void roundTrip() {
    String id = java.util.UUID.randomUUID().toString();
    send(new JsonObject().put("type", "ping").put("id", id));
    await("pong " + id, m -> "pong".equals(m.getString("type")) && id.equals(m.getString("id")));
  }

  void awaitClosed() {
    Poll.until(vertx, WAIT, "the connection to close", () -> Future.succeededFuture(closed), c -> c);
  }

  Short closeCode() {
    return ws.closeStatusCode();
  }

  boolean isClosed() {
    return closed;
  }

  WebSocket socket() {
    return ws;
  }

  void close() {
    if (!closed) {
      ws.close().await();
    }
  }

  static Predicate<JsonObject> snapshotOf(String channel) {
    return m -> "snapshot".equals(m.getString("type")) && channel.equals(m.getString("channel"));
  }

  static Predicate<JsonObject> error(String code) {
    return m -> "error".equals(m.getString("type")) && code.equals(m.getString("code"));
  }

  static List<JsonObject> copy(List<JsonObject> l) {
    return new ArrayList<>(l);
  }
}
