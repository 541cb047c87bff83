package cn.cq.ipmonitor.live;

import cn.cq.ipmonitor.alert.Subscription;
import cn.cq.ipmonitor.web.Principal;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One client of {@code /ws/live}: who it is, what it follows, and the writing of its messages. Writes go
 * straight to the socket while it takes them; when it is full they wait in a bounded {@link Outbox}, and a
 * client that overflows it, or leaves it stalled too long, is closed with 4408.
 */
final class LiveConnection {

  static final short CLOSE_UNAUTHENTICATED = 4401;
  static final short CLOSE_FORBIDDEN = 4403;
  static final short CLOSE_TOO_SLOW = 4408;

  /** One channel followed by this client. */
  static final class Follow {
    final ChannelName name;
    final String key;
    final Subscription filter;
    /** Alert changes held back while the alerts snapshot is being read, sent right after it. */
    List<String> held;

    Follow(ChannelName name, String key, Subscription filter) {
      this.name = name;
      this.key = key;
      this.filter = filter;
    }
  }

  final ServerWebSocket ws;
  final Map<String, Follow> follows = new HashMap<>();
  Principal principal;
  long authTimer = -1;
  private final Outbox outbox;
  private final LiveMetrics metrics;
  private long fullSince = -1;
  private boolean closed;

  LiveConnection(ServerWebSocket ws, int maxQueued, int writeQueueBytes, LiveMetrics metrics) {
    this.ws = ws;
    this.outbox = new Outbox(maxQueued);
    this.metrics = metrics;
    ws.setWriteQueueMaxSize(writeQueueBytes);
    ws.drainHandler(v -> pump());
  }

  /** A channel message; snapshots of the same channel coalesce while the socket is full. */
  void send(String channelKey, boolean snapshot, String text, long now) {
    if (closed) {
      return;
    }
    if (outbox.isEmpty() && !ws.writeQueueFull()) {
      write(text);
      return;
    }
    if (fullSince < 0) {
      fullSince = now;
    }
    switch (outbox.offer(new Outbox.Message(channelKey, snapshot, text))) {
      case COALESCED -> metrics.coalesced();
      case OVERFLOW -> tooSlow();
      case QUEUED -> { }
    }
  }

  /** A reply or notice of the protocol itself; never coalesced. */
  void control(JsonObject message, long now) {
    send(null, false, message.encode(), now);
  }

  /** Closes a client whose socket has taken nothing for {@code stallMs} while messages wait. */
  void checkStalled(long now, long stallMs) {
    if (!closed && fullSince >= 0 && now - fullSince > stallMs) {
      tooSlow();
    }
  }

  void close(short code, String reason) {
    if (!closed) {
      closed = true;
      outbox.clear();
      ws.close(code, reason).otherwiseEmpty();
    }
  }

  boolean isClosed() {
    return closed;
  }

  /** Marks the connection gone (the socket closed from the other side). */
  void gone() {
    closed = true;
    outbox.clear();
  }

  private void tooSlow() {
    metrics.slowDisconnect();
    close(CLOSE_TOO_SLOW, "too slow: outbound queue overflowed");
  }

  private void pump() {
    Outbox.Message m;
    while (!closed && !ws.writeQueueFull() && (m = outbox.poll()) != null) {
      write(m.text());
    }
    if (outbox.isEmpty()) {
      fullSince = -1;
    }
  }

  private void write(String text) {
    // A failed write means the socket is closing; its close handler cleans up.
    ws.writeTextMessage(text).otherwiseEmpty();
    metrics.sent();
  }
}
