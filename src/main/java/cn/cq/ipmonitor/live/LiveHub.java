package cn.cq.ipmonitor.live;

import cn.cq.ipmonitor.alert.Alert;
import cn.cq.ipmonitor.alert.AlertJson;
import cn.cq.ipmonitor.alert.AlertStore;
import cn.cq.ipmonitor.alert.Subscription;
import cn.cq.ipmonitor.alert.SubscriptionApi;
import cn.cq.ipmonitor.config.Addresses;
import cn.cq.ipmonitor.config.LiveConfig;
import cn.cq.ipmonitor.indicator.Assessment;
import cn.cq.ipmonitor.state.AgencyStore;
import cn.cq.ipmonitor.web.Principal;
import cn.cq.ipmonitor.web.TokenAuth;
import com.hazelcast.core.HazelcastInstance;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live push of dashboards/PROTOCOL.md on {@code /ws/live}. Every interval, if anyone follows a snapshot
 * channel, it reads every agency and the open alerts once and sends each followed channel's snapshot to its
 * followers; alert changes from any node of the cluster (the clustered event bus) go out as they arrive.
 * Mounted on the API's router, so it runs on the API verticle's event loop: one thread owns every channel
 * and connection, and nothing here needs a lock.
 */
public final class LiveHub {

  public static final String PATH = "/ws/live";
  private static final Logger LOG = LoggerFactory.getLogger(LiveHub.class);
  /** A channel nobody follows keeps its replay buffer this long, for clients that come back. */
  private static final long IDLE_CHANNEL_MS = 120_000;
  /** A client whose socket took nothing for this long while messages wait is closed as too slow. */
  private static final long STALL_MS = 30_000;
  private static final String ALERTS_OF = "alerts@";

  private final Vertx vertx;
  private final LiveConfig cfg;
  private final TokenAuth auth;
  private final AgencyStore store;
  private final AlertStore alerts;
  private final HazelcastInstance hz;
  private final Assessment.Assessor assessor;
  private final LongSupplier clock;
  private final LiveMetrics metrics;
  private final String node;
  /** Names this node's numbering: seq values are only meaningful within one stream. */
  private final String stream = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  private final Map<String, Channel> channels = new HashMap<>();
  private final Set<LiveConnection> connections = new LinkedHashSet<>();
  private long newestEvent = -1;
  private boolean reading;
  private long lastTotal = -1;
  private long lastTotalAt;
  private double eventsPerSecond;

  /** The numbered messages of one channel and who follows it. */
  private static final class Channel {
    final ChannelName name;
    final ReplayBuffer buffer;
    final Set<LiveConnection> followers = new LinkedHashSet<>();
    String lastSnapshot;
    String lastBody;
    int quietRounds;
    long idleSince;

    Channel(ChannelName name, int replay, long now) {
      this.name = name;
      this.buffer = new ReplayBuffer(replay);
      this.idleSince = now;
    }
  }

  public LiveHub(Vertx vertx, LiveConfig cfg, TokenAuth auth, AgencyStore store, AlertStore alerts,
                 HazelcastInstance hz, Assessment.Assessor assessor, LongSupplier clock, MeterRegistry registry,
                 String node) {
    this.vertx = vertx;
    this.cfg = cfg;
    this.auth = auth;
    this.store = store;
    this.alerts = alerts;
    this.hz = hz;
    this.assessor = assessor;
    this.clock = clock;
    this.metrics = new LiveMetrics(registry);
    this.node = node;
  }

  /** Adds the websocket route and starts the cadence; call from the context that serves the router. */
  public void mount(Router router) {
    router.get(PATH).handler(this::upgrade);
    vertx.setPeriodic(cfg.snapshotIntervalMs(), id -> round());
    vertx.eventBus().<JsonObject>consumer(Addresses.ALERT_CHANGES, m -> onAlertChange(m.body()));
    vertx.eventBus().<Long>consumer(Addresses.FEED_WATERMARK, m -> newestEvent = Math.max(newestEvent, m.body()));
  }

  private void upgrade(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    Principal byHeader = null;
    if (header != null) {
      Optional<Principal> p = auth.authenticate(TokenAuth.bearer(header));
      if (p.isEmpty()) {
        ctx.response().setStatusCode(401).putHeader("WWW-Authenticate", "Bearer")
            .putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("error", "unknown token").encode());
        return;
      }
      byHeader = p.get();
    }
    if (connections.size() >= cfg.maxConnections()) {
      ctx.response().setStatusCode(503).putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("error", "this node serves its maximum of live connections").encode());
      return;
    }
    Principal principal = byHeader;
    ctx.request().toWebSocket().onSuccess(ws -> accept(ws, principal))
        .onFailure(e -> LOG.debug("Websocket upgrade failed: {}", e.getMessage()));
  }

  private void accept(ServerWebSocket ws, Principal byHeader) {
    LiveConnection c = new LiveConnection(ws, cfg.maxQueuedMessages(), cfg.writeQueueBytes(), metrics);
    connections.add(c);
    metrics.opened();
    ws.closeHandler(v -> drop(c));
    ws.exceptionHandler(e -> LOG.debug("Live connection error: {}", e.getMessage()));
    ws.textMessageHandler(text -> onMessage(c, text));
    ws.binaryMessageHandler(b -> refuse(c, "bad_request", null, "messages are JSON text frames"));
    if (byHeader != null) {
      welcome(c, byHeader);
    } else {
      c.authTimer = vertx.setTimer(cfg.authTimeoutMs(), id -> {
        if (c.principal == null && !c.isClosed()) {
          refuse(c, "unauthenticated", null, "no auth message within " + cfg.authTimeoutMs() + " ms");
          c.close(LiveConnection.CLOSE_UNAUTHENTICATED, "not authenticated");
        }
      });
    }
  }

  private void drop(LiveConnection c) {
    c.gone();
    if (connections.remove(c)) {
      metrics.closed();
    }
    if (c.authTimer >= 0) {
      vertx.cancelTimer(c.authTimer);
    }
    long now = clock.getAsLong();
    for (LiveConnection.Follow f : c.follows.values()) {
      Channel ch = channels.get(f.key);
      if (ch != null && ch.followers.remove(c) && ch.followers.isEmpty()) {
        ch.idleSince = now;
      }
    }
    c.follows.clear();
  }

  private void onMessage(LiveConnection c, String text) {
    if (c.isClosed()) {
      return;
    }
    if (text.length() > cfg.maxFrameBytes()) {
      refuse(c, "bad_request", null, "message larger than " + cfg.maxFrameBytes() + " bytes");
      return;
    }
    JsonObject m;
    try {
      m = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      refuse(c, "bad_request", null, "not a JSON object");
      return;
    }
    Object type = m.getValue("type");
    if (!(type instanceof String)) {
      refuse(c, "bad_request", null, "type is required: auth, subscribe, unsubscribe or ping");
      return;
    }
    if (type.equals("auth")) {
      authenticate(c, m);
      return;
    }
    if (c.principal == null) {
      refuse(c, "unauthenticated", null, "send {\"type\":\"auth\",\"token\":...} first");
      c.close(LiveConnection.CLOSE_UNAUTHENTICATED, "not authenticated");
      return;
    }
    switch ((String) type) {
      case "subscribe" -> subscribe(c, m);
      case "unsubscribe" -> unsubscribe(c, m);
      case "ping" -> c.control(new JsonObject().put("type", "pong").put("id", m.getValue("id"))
          .put("serverTime", now()), clock.getAsLong());
      default -> refuse(c, "bad_request", null, "unknown type; types are auth, subscribe, unsubscribe and ping");
    }
  }

  private void authenticate(LiveConnection c, JsonObject m) {
    if (c.principal != null) {
      refuse(c, "bad_request", null, "already authenticated");
      return;
    }
    Object token = m.getValue("token");
    Optional<Principal> p = auth.authenticate(token instanceof String s ? s : null);
    if (p.isEmpty()) {
      refuse(c, "unauthenticated", null, token == null ? "token is required" : "unknown token");
      c.close(LiveConnection.CLOSE_UNAUTHENTICATED, "not authenticated");
      return;
    }
    welcome(c, p.get());
  }

  private void welcome(LiveConnection c, Principal p) {
    if (c.authTimer >= 0) {
      vertx.cancelTimer(c.authTimer);
      c.authTimer = -1;
    }
    if (p.role() == Principal.Role.INGEST) {
      refuse(c, "forbidden", null, "an ingest token cannot read live data");
      c.close(LiveConnection.CLOSE_FORBIDDEN, "forbidden");
      return;
    }
    c.principal = p;
    c.control(new JsonObject().put("type", "welcome").put("stream", stream).put("node", node)
        .put("role", p.role().name()).put("district", p.district())
        .put("snapshotIntervalMs", cfg.snapshotIntervalMs()).put("serverTime", now()), clock.getAsLong());
  }

  private void subscribe(LiveConnection c, JsonObject m) {
    Object raw = m.getValue("channel");
    ChannelName name;
    try {
      name = ChannelName.parse(raw instanceof String s ? s : null);
    } catch (IllegalArgumentException e) {
      refuse(c, "unknown_channel", raw instanceof String s ? s : null, e.getMessage());
      return;
    }
    String channel = name.toString();
    Principal p = c.principal;
    boolean allowed = switch (name.kind()) {
      case CITY -> p.canReadCity();
      case DISTRICT -> p.canSee(name.arg());
      case AGENCY, ALERTS -> true; // an agency's district is checked with its first snapshot; alerts are scoped
    };
    if (!allowed) {
      refuse(c, "forbidden", channel, channel + " is outside this token's scope");
      return;
    }
    if (!c.follows.containsKey(channel) && c.follows.size() >= cfg.maxChannels()) {
      refuse(c, "too_many_channels", channel, "at most " + cfg.maxChannels() + " channels per connection");
      return;
    }
    Object sub = m.getValue("subscription");
    if (sub != null && name.kind() != ChannelName.Kind.ALERTS) {
      refuse(c, "bad_request", channel, "subscription applies to the alerts channel only");
      return;
    }
    if (sub != null && !(sub instanceof String)) {
      refuse(c, "bad_request", channel, "subscription must be a subscription id");
      return;
    }
    Resume resume;
    try {
      resume = Resume.of(m.getValue("resume"));
    } catch (IllegalArgumentException e) {
      refuse(c, "bad_request", channel, e.getMessage());
      return;
    }
    Future<Subscription> filter = sub == null ? Future.succeededFuture() : subscription((String) sub);
    filter.onComplete(ar -> {
      if (c.isClosed()) {
        return;
      }
      if (ar.failed()) {
        refuse(c, "unavailable", channel, "subscription cannot be read now: " + ar.cause().getMessage());
      } else if (sub != null && ar.result() == null) {
        refuse(c, "not_found", channel, "no such subscription: " + sub);
      } else if (ar.result() != null && !mayUse(p, ar.result())) {
        refuse(c, "forbidden", channel, "subscription " + sub + " belongs to another district");
      } else {
        follow(c, name, ar.result(), resume);
      }
    });
  }

  private record Resume(String stream, long seq) {
    static Resume of(Object raw) {
      if (raw == null) {
        return null;
      }
      if (!(raw instanceof JsonObject j) || !(j.getValue("stream") instanceof String s)
          || !(j.getValue("seq") instanceof Number n) || n.longValue() < 0) {
        throw new IllegalArgumentException("resume must be {\"stream\": \"…\", \"seq\": <non-negative number>}");
      }
      return new Resume(s, n.longValue());
    }
  }

  private static boolean mayUse(Principal p, Subscription s) {
    return p.role() != Principal.Role.DISTRICT || p.district().equals(s.scopeDistrict());
  }

  private Future<Subscription> subscription(String id) {
    return Future.fromCompletionStage(hz.<String, String>getMap(SubscriptionApi.MAP).getAsync(id),
            vertx.getOrCreateContext())
        .map(json -> json == null ? null : Subscription.fromJson(new JsonObject(json)));
  }

  private void follow(LiveConnection c, ChannelName name, Subscription filter, Resume resume) {
    long now = clock.getAsLong();
    String key = name.kind() != ChannelName.Kind.ALERTS ? name.toString()
        : c.principal.role() == Principal.Role.DISTRICT ? ALERTS_OF + c.principal.district() : "alerts";
    String channel = name.toString();
    LiveConnection.Follow previous = c.follows.remove(channel);
    if (previous != null) {
      Channel old = channels.get(previous.key);
      if (old != null) {
        old.followers.remove(c);
      }
    }
    Channel ch = channels.computeIfAbsent(key, k -> new Channel(name, cfg.replayBuffer(), now));
    LiveConnection.Follow f = new LiveConnection.Follow(name, key, filter);
    c.follows.put(channel, f);
    ch.followers.add(c);
    Optional<List<String>> missed = resume != null && resume.stream().equals(stream)
        ? ch.buffer.after(resume.seq()) : Optional.empty();
    c.control(new JsonObject().put("type", "subscribed").put("channel", channel).put("stream", stream)
        .put("seq", ch.buffer.lastSeq()).put("resumed", missed.isPresent()), now);
    if (missed.isPresent()) {
      missed.get().stream().filter(text -> passes(f, text))
          .forEach(text -> c.send(key, name.isSnapshot(), text, now));
    } else if (name.isSnapshot()) {
      if (ch.lastSnapshot != null) {
        c.send(key, true, ch.lastSnapshot, now);
      }
      // else the channel is new: its first snapshot comes with the next round.
    } else {
      sendAlertSnapshot(c, f, ch);
    }
  }

  /** Whether a buffered message passes a follower's subscription filter (only alerts have one). */
  private static boolean passes(LiveConnection.Follow f, String text) {
    return f.filter == null || f.filter.matches(AlertJson.fromJson(new JsonObject(text).getJsonObject("payload")));
  }

  /**
   * Sends the open alerts in the follower's scope, numbered with the channel's seq when the read began; changes
   * that arrive meanwhile are held and sent after it, so the client applies them on top.
   */
  private void sendAlertSnapshot(LiveConnection c, LiveConnection.Follow f, Channel ch) {
    long seq = ch.buffer.lastSeq();
    f.held = new ArrayList<>();
    Future<List<Alert>> open = alerts == null ? Future.succeededFuture(List.of()) : alerts.open();
    open.onComplete(ar -> {
      List<String> held = f.held;
      f.held = null;
      if (c.isClosed() || c.follows.get(f.name.toString()) != f) {
        return;
      }
      long now = clock.getAsLong();
      if (ar.failed()) {
        refuse(c, "unavailable", "alerts", "open alerts cannot be read now: " + ar.cause().getMessage());
      } else {
        List<Alert> mine = ar.result().stream().filter(a -> c.principal.canSee(a.district()))
            .filter(a -> f.filter == null || f.filter.matches(a)).toList();
        JsonObject payload = Snapshots.alerts(mine, cfg.maxAlertsInSnapshot()).put("asOf", now());
        c.send(f.key, true, envelope("snapshot", "alerts", seq, payload), now);
      }
      held.forEach(text -> c.send(f.key, false, text, now));
    });
  }

  private void unsubscribe(LiveConnection c, JsonObject m) {
    Object raw = m.getValue("channel");
    LiveConnection.Follow f = raw instanceof String s ? c.follows.remove(s) : null;
    if (f == null) {
      refuse(c, "bad_request", raw instanceof String s ? s : null, "not subscribed to that channel");
      return;
    }
    Channel ch = channels.get(f.key);
    if (ch != null && ch.followers.remove(c) && ch.followers.isEmpty()) {
      ch.idleSince = clock.getAsLong();
    }
    c.control(new JsonObject().put("type", "unsubscribed").put("channel", raw), clock.getAsLong());
  }

  private void onAlertChange(JsonObject json) {
    Alert a;
    try {
      a = AlertJson.fromJson(json);
    } catch (RuntimeException e) {
      LOG.warn("Ignoring a malformed alert change: {}", e.toString());
      return;
    }
    long now = clock.getAsLong();
    for (String key : List.of("alerts", ALERTS_OF + a.district())) {
      Channel ch = channels.get(key);
      if (ch == null) {
        continue;
      }
      String text = envelope("alert", "alerts", ch.buffer.nextSeq(), json);
      ch.buffer.append(text);
      for (LiveConnection c : ch.followers) {
        LiveConnection.Follow f = c.follows.get("alerts");
        if (f == null || (f.filter != null && !f.filter.matches(a))) {
          continue;
        }
        if (f.held != null) {
          f.held.add(text);
        } else {
          c.send(key, false, text, now);
        }
      }
    }
  }

  /** One round of snapshots: a single read serves every channel that has followers. */
  private void round() {
    long now = clock.getAsLong();
    housekeeping(now);
    boolean wanted = channels.values().stream().anyMatch(ch -> ch.name.isSnapshot() && !ch.followers.isEmpty());
    if (!wanted || reading) {
      return; // a slow read never piles up behind itself
    }
    reading = true;
    Future<List<Alert>> open = alerts == null ? Future.succeededFuture(List.of()) : alerts.open();
    Future.all(store.readAll(null, now), open).onComplete(ar -> {
      reading = false;
      if (ar.failed()) {
        metrics.snapshotFailed();
        LOG.debug("Live snapshot round failed: {}", ar.cause().toString());
        return;
      }
      List<cn.cq.ipmonitor.indicator.AgencyReading> readings = ar.result().resultAt(0);
      Snapshots s = new Snapshots(assessor, readings.stream().map(assessor::assess).toList(), ar.result().resultAt(1));
      publish(s, clock.getAsLong());
    });
  }

  private void publish(Snapshots s, long now) {
    long total = s.totalEvents();
    if (lastTotal >= 0 && now > lastTotalAt) {
      eventsPerSecond = Math.max(0, total - lastTotal) * 1000.0 / (now - lastTotalAt);
    }
    lastTotal = total;
    lastTotalAt = now;
    boolean pushed = false;
    for (Channel ch : List.copyOf(channels.values())) {
      if (!ch.name.isSnapshot() || ch.followers.isEmpty()) {
        continue;
      }
      JsonObject payload = switch (ch.name.kind()) {
        case CITY -> s.city().put("eventsPerSecond", Math.round(eventsPerSecond * 10) / 10.0);
        case DISTRICT -> s.district(ch.name.arg());
        case AGENCY -> agencyPayload(s, ch, now);
        case ALERTS -> null;
      };
      if (payload != null) {
        pushed |= push(ch, payload, now);
      }
    }
    if (pushed && newestEvent > 0) {
      metrics.pushDelay(Math.max(0, now - newestEvent));
    }
  }

  /** An agency channel's payload; followers outside the agency's district are told so and dropped. */
  private JsonObject agencyPayload(Snapshots s, Channel ch, long now) {
    String id = ch.name.arg();
    if (!s.knows(id)) {
      for (LiveConnection c : List.copyOf(ch.followers)) {
        refuse(c, "not_found", ch.name.toString(), "no such agency: " + id);
        unfollow(c, ch);
      }
      return null;
    }
    String district = s.districtOf(id);
    for (LiveConnection c : List.copyOf(ch.followers)) {
      if (!c.principal.canSee(district)) {
        refuse(c, "forbidden", ch.name.toString(), "agency " + id + " is outside this token's scope");
        unfollow(c, ch);
      }
    }
    return ch.followers.isEmpty() ? null : s.agency(id);
  }

  private void unfollow(LiveConnection c, Channel ch) {
    ch.followers.remove(c);
    c.follows.remove(ch.name.toString());
    if (ch.followers.isEmpty()) {
      ch.idleSince = clock.getAsLong();
    }
  }

  /**
   * Sends a snapshot when it says something new, or as a heartbeat every {@code heartbeatSnapshots} rounds.
   * The comparison leaves out the clock fields, which change every round.
   */
  private boolean push(Channel ch, JsonObject payload, long now) {
    String body = payload.encode();
    if (body.equals(ch.lastBody) && ++ch.quietRounds < cfg.heartbeatSnapshots()) {
      return false;
    }
    ch.quietRounds = 0;
    ch.lastBody = body;
    payload.put("asOf", Instant.ofEpochMilli(now).toString())
        .put("newestEventAt", newestEvent > 0 ? Instant.ofEpochMilli(newestEvent).toString() : null);
    String text = envelope("snapshot", ch.name.toString(), ch.buffer.nextSeq(), payload);
    ch.buffer.append(text);
    ch.lastSnapshot = text;
    for (LiveConnection c : ch.followers) {
      c.send(ch.name.toString(), true, text, now);
    }
    return true;
  }

  /** Forgets channels nobody followed for a while, and closes clients whose sockets stalled. */
  private void housekeeping(long now) {
    for (Iterator<Channel> it = channels.values().iterator(); it.hasNext(); ) {
      Channel ch = it.next();
      if (ch.followers.isEmpty() && now - ch.idleSince > IDLE_CHANNEL_MS) {
        it.remove();
      }
    }
    for (LiveConnection c : new HashSet<>(connections)) {
      c.checkStalled(now, STALL_MS);
    }
  }

  private String envelope(String type, String channel, long seq, JsonObject payload) {
    return new JsonObject().put("type", type).put("channel", channel).put("stream", stream).put("seq", seq)
        .put("sentAt", now()).put("payload", payload).encode();
  }

  private void refuse(LiveConnection c, String code, String channel, String message) {
    metrics.refused();
    c.control(new JsonObject().put("type", "error").put("code", code).put("channel", channel)
        .put("message", message), clock.getAsLong());
  }

  private String now() {
    return Instant.ofEpochMilli(clock.getAsLong()).toString();
  }

  /** Open connections on this node (for tests and metrics). */
  public int connections() {
    return metrics.connections();
  }
}
