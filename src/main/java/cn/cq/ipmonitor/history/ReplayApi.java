package cn.cq.ipmonitor.history;

import cn.cq.ipmonitor.event.EventDecoder;
import cn.cq.ipmonitor.state.AgencyStore;
import cn.cq.ipmonitor.web.ApiErrors;
import cn.cq.ipmonitor.web.Principal;
import cn.cq.ipmonitor.web.TokenAuth;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/admin/replay} with {@code {"from": "2026-11-01", "to": "2026-11-07"}}: replays those
 * whole past days (in the history zone) from history into the live state ({@link HistoryReplay}). City
 * tokens only. Today is refused: history may not hold all of it yet, and a replay would drop what it lacks.
 */
public final class ReplayApi {

  public static final String PATH = "/api/v1/admin/replay";
  /** Longest replay in one call. */
  public static final int MAX_DAYS = 31;
  private static final Logger LOG = LoggerFactory.getLogger(ReplayApi.class);
  private static final long MAX_BODY = 4096;

  private final HistoryDatabase db;
  private final EventDecoder decoder;
  private final AgencyStore store;
  private final ZoneId zone;
  private final LongSupplier clock;

  public ReplayApi(HistoryDatabase db, EventDecoder decoder, AgencyStore store, LongSupplier clock) {
    this.db = db;
    this.decoder = decoder;
    this.store = store;
    this.zone = db.zone();
    this.clock = clock;
  }

  /** Adds the route; call after the auth handler is mounted on {@code /api/v1/*}. */
  public void mount(Router router) {
    router.post(PATH).handler(BodyHandler.create().setBodyLimit(MAX_BODY));
    router.post(PATH).handler(this::replay);
  }

  private void replay(RoutingContext ctx) {
    Principal p = TokenAuth.principal(ctx);
    if (p.role() != Principal.Role.CITY) {
      ApiErrors.send(ctx, 403, "replays need a city token");
      return;
    }
    if (!db.isReady()) {
      ApiErrors.send(ctx, 503, "history database not ready");
      return;
    }
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      body = null;
    }
    List<String> errors = new ArrayList<>();
    LocalDate from = date(body, "from", errors);
    LocalDate to = date(body, "to", errors);
    LocalDate today = LocalDate.ofInstant(java.time.Instant.ofEpochMilli(clock.getAsLong()), zone);
    if (from != null && to != null) {
      if (to.isBefore(from)) {
        errors.add("to: must not be before from");
      } else if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
        errors.add("at most " + MAX_DAYS + " days per replay");
      }
      if (!to.isBefore(today)) {
        errors.add("to: must be a past day (before " + today + ")");
      }
    }
    if (!errors.isEmpty()) {
      ApiErrors.send(ctx, 400, "invalid replay", errors);
      return;
    }
    long fromMillis = from.atStartOfDay(zone).toInstant().toEpochMilli();
    long toMillis = to.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
    HistoryReplay.replay(db, decoder, store, fromMillis, toMillis, clock.getAsLong()).onComplete(ar -> {
      if (ar.failed()) {
        LOG.warn("Replay {}..{} failed: {}", from, to, ar.cause().toString());
        ApiErrors.send(ctx, 503, "replay failed", List.of(String.valueOf(ar.cause().getMessage())));
        return;
      }
      LOG.info("{} replayed {}..{}: {} events of {} agencies", p.name(), from, to, ar.result().events(),
          ar.result().agencies());
      ctx.response().putHeader("Content-Type", "application/json").end(new JsonObject()
          .put("from", from.toString()).put("to", to.toString()).put("events", ar.result().events())
          .put("agencies", ar.result().agencies()).encode());
    });
  }

  private static LocalDate date(JsonObject body, String field, List<String> errors) {
    Object v = body == null ? null : body.getValue(field);
    if (!(v instanceof String s)) {
      errors.add(field + ": required, a day like 2026-11-01");
      return null;
    }
    try {
      return LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      errors.add(field + ": not a day like 2026-11-01 (" + s + ")");
      return null;
    }
  }
}
