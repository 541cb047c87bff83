package cn.cq.ipmonitor.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.gatling.http.action.ws.WsInboundMessage;
import io.gatling.javaapi.core.Session;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one websocket client has received on {@code /ws/live}, checked message by message against
 * PROTOCOL.md and logged as Gatling requests through a {@link StatsSink}:
 *
 * <ul>
 *   <li>{@value #DELAY}: a {@code city} snapshot that reflects new events; its response time is
 *       the bound of PROTOCOL.md section 5, receive time minus the previous snapshot's
 *       {@code payload.newestEventAt}, i.e. the longest any event first shown in it waited;</li>
 *   <li>{@value #UNCHANGED}: a {@code city} snapshot without new events (the first one, or a
 *       heartbeat); response time: receive time minus {@code sentAt};</li>
 *   <li>{@value #ALERTS}: a message of the {@code alerts} channel; receive time minus {@code sentAt};</li>
 *   <li>{@value #STALL} and {@value #ERROR}: failures only.</li>
 * </ul>
 *
 * A data message fails its request when it lacks {@code channel}, {@code stream} or {@code seq}, when
 * its {@code seq} is not the previous one of its channel plus one, or when a city snapshot lacks
 * {@code payload.newestEventAt}. Receive times are Gatling's, taken when the frame arrived (not when
 * this class reads the buffer), and the server's timestamps come from the same machine's clock.
 */
final class PushTracker {

  static final String DELAY = "push city: event-to-push delay";
  static final String UNCHANGED = "push city: no new events";
  static final String ALERTS = "push alerts";
  static final String OTHER = "push other channel";
  static final String STALL = "ws stalled";
  static final String ERROR = "ws error message";

  private static final JsonFactory JSON = new JsonFactory();
  private static final int MAX_REPORTED_CHARS = 200;

  /** Sequence state of one channel on this connection. */
  private static final class Channel {
    String stream;
    long seq = -1;
    long newestEventAt = -1;
  }

  /** The fields of a message that the checks need; the rest of it is skipped unparsed. */
  private static final class Message {
    String type;
    String channel;
    String stream;
    long seq = -1;
    String sentAt;
    boolean hasNewest;
    String newestEventAt;
  }

  private final StatsSink sink;
  private final PushBreakdown breakdown;
  private final long stallAfterMillis;
  private final Map<String, Channel> channels = new HashMap<>(4);
  private long lastCityAt;
  private boolean stalled;
  private int stalls;
  private long received;
  private int failures;
  private String firstFailure;

  PushTracker(StatsSink sink, PushBreakdown breakdown, long stallAfterMillis, long subscribedAt) {
    this.sink = sink;
    this.breakdown = breakdown;
    this.stallAfterMillis = stallAfterMillis;
    this.lastCityAt = subscribedAt;
  }

  /** For {@code ws.processUnmatchedMessages}: checks and logs every message buffered since the last call. */
  Session process(List<WsInboundMessage> inbound, Session session) {
    for (WsInboundMessage m : inbound) {
      if (m instanceof WsInboundMessage.Text text) {
        handle(text.message(), text.timestamp(), session);
      }
    }
    long now = System.currentTimeMillis();
    if (!stalled && now - lastCityAt > stallAfterMillis) {
      stalled = true;
      stalls++;
      fail(session, STALL, lastCityAt, now, "no city snapshot for " + (now - lastCityAt) + " ms");
    }
    return session;
  }

  int stalls() {
    return stalls;
  }

  long received() {
    return received;
  }

  int failures() {
    return failures;
  }

  String firstFailure() {
    return firstFailure;
  }

  private void handle(String text, long receivedAt, Session session) {
    Message m;
    try {
      m = parse(text);
    } catch (IOException e) {
      fail(session, ERROR, receivedAt, receivedAt, "not JSON: " + abbreviate(text));
      return;
    }
    if ("error".equals(m.type)) {
      fail(session, ERROR, receivedAt, receivedAt, "server error message: " + abbreviate(text));
      return;
    }
    if (!"snapshot".equals(m.type) && !"alert".equals(m.type)) {
      return; // pong, subscribed and other replies are not pushed data
    }
    received++;
    String failure = checkSequence(m);
    long sentAt = instant(m.sentAt, receivedAt);
    if ("city".equals(m.channel) && "snapshot".equals(m.type)) {
      Channel ch = channels.get("city");
      long newest = instant(m.newestEventAt, -1);
      if (failure == null && !m.hasNewest) {
        failure = "city snapshot without payload.newestEventAt";
      }
      breakdown.record(receivedAt, instant(m.sentAt, -1), newest, newest > ch.newestEventAt ? ch.newestEventAt : -1);
      if (ch.newestEventAt > 0 && newest > ch.newestEventAt) {
        log(session, DELAY, ch.newestEventAt, receivedAt, failure);
      } else {
        log(session, UNCHANGED, sentAt, receivedAt, failure);
      }
      ch.newestEventAt = Math.max(ch.newestEventAt, newest);
      lastCityAt = receivedAt;
      stalled = false;
    } else if ("alerts".equals(m.channel)) {
      log(session, ALERTS, sentAt, receivedAt, failure);
    } else {
      log(session, OTHER, sentAt, receivedAt, failure);
    }
  }

  /** Null when the message continues its channel's sequence, else what is wrong. */
  private String checkSequence(Message m) {
    if (m.channel == null || m.stream == null || m.seq < 0) {
      return "message without channel, stream or seq";
    }
    Channel ch = channels.computeIfAbsent(m.channel, c -> new Channel());
    String failure = null;
    if (ch.stream != null && !ch.stream.equals(m.stream)) {
      failure = "stream changed from " + ch.stream + " to " + m.stream + " on " + m.channel;
    } else if (ch.seq >= 0 && m.seq != ch.seq + 1) {
      failure = "seq " + m.seq + " after " + ch.seq + " on " + m.channel;
    }
    ch.stream = m.stream;
    ch.seq = m.seq;
    return failure;
  }

  private void log(Session session, String name, long start, long end, String failure) {
    if (failure != null) {
      fail(session, name, start, end, failure);
    } else {
      sink.log(session, name, start, end, null);
    }
  }

  private void fail(Session session, String name, long start, long end, String failure) {
    failures++;
    if (firstFailure == null) {
      firstFailure = failure;
    }
    sink.log(session, name, start, end, failure);
  }

  /** Reads the top-level fields and {@code payload.newestEventAt}, stopping as soon as it has them. */
  private static Message parse(String text) throws IOException {
    Message m = new Message();
    try (JsonParser p = JSON.createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "type" -> m.type = p.getValueAsString();
          case "channel" -> m.channel = p.getValueAsString();
          case "stream" -> m.stream = p.getValueAsString();
          case "seq" -> m.seq = value.isNumeric() ? p.getLongValue() : -1;
          case "sentAt" -> m.sentAt = p.getValueAsString();
          case "payload" -> {
            if (value == JsonToken.START_OBJECT && readNewest(p, m)) {
              return m; // payload comes last; nothing after newestEventAt is needed
            }
            p.skipChildren();
          }
          default -> p.skipChildren();
        }
      }
    }
    return m;
  }

  /** Scans the payload object for {@code newestEventAt}; true when found (the parser is then mid-payload). */
  private static boolean readNewest(JsonParser p, Message m) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if ("newestEventAt".equals(field)) {
        m.hasNewest = true;
        m.newestEventAt = value == JsonToken.VALUE_NULL ? null : p.getValueAsString();
        return true;
      }
      p.skipChildren();
    }
    return false;
  }

  private static long instant(String rfc3339, long fallback) {
    if (rfc3339 == null) {
      return fallback;
    }
    try {
      return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(rfc3339, Instant::from).toEpochMilli();
    } catch (DateTimeParseException e) {
      return fallback;
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= MAX_REPORTED_CHARS ? text : text.substring(0, MAX_REPORTED_CHARS) + "...";
  }
}
