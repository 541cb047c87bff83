package cn.cq.ipmonitor.history;

import cn.cq.ipmonitor.web.ApiErrors;
import cn.cq.ipmonitor.web.Principal;
import cn.cq.ipmonitor.web.TokenAuth;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/history/{scope}?metric=&bucket=&from=&to=}: a counter's series over time, answered from
 * the rollups. Scope is {@code city}, {@code district:<code>} or {@code agency:<id>}; the token's scope
 * applies (a district token sees its district and the agencies registered there). The answer:
 * {@code {scope, metric, bucket, zone, from, to, points: [{start, value}...], total}}, one point per bucket,
 * zeros included, bucket starts in RFC 3339 with the zone's offset. Mount it behind {@link TokenAuth}.
 */
public final class HistoryApi {

  private static final Logger LOG = LoggerFactory.getLogger(HistoryApi.class);
  public static final String PATH = "/api/v1/history/:scope";

  private final HistoryStore store;
  private final ZoneId zone;
  private final LongSupplier clock;

  public HistoryApi(HistoryStore store, ZoneId zone, LongSupplier clock) {
    this.store = store;
    this.zone = zone;
    this.clock = clock;
  }

  /** Adds the route to {@code router}; call after the auth handler is mounted on {@code /api/v1/*}. */
  public void mount(Router router) {
    router.get(PATH).handler(this::handle);
  }

  private void handle(RoutingContext ctx) {
    var params = ctx.queryParams();
    HistoryRequest.Parsed parsed = HistoryRequest.parse(ctx.pathParam("scope"), params.get("metric"),
        params.get("bucket"), params.get("from"), params.get("to"), clock.getAsLong(), zone);
    if (parsed.request() == null) {
      ApiErrors.send(ctx, 400, "invalid history query", parsed.errors());
      return;
    }
    HistoryRequest q = parsed.request();
    Principal p = TokenAuth.principal(ctx);
    if (p == null) {
      ApiErrors.send(ctx, 401, "missing bearer token");
      return;
    }
    if (!store.isReady()) {
      ApiErrors.send(ctx, 503, "history store not ready", List.of("the history database is starting or unreachable"));
      return;
    }
    allowed(p, q)
        .compose(ok -> ok ? store.series(q).map(points -> json(q, points)) : Future.succeededFuture(null))
        .onSuccess(body -> {
          if (body == null) {
            ApiErrors.send(ctx, 403, q.scope() + " is outside this token's scope");
          } else {
            ctx.response().putHeader("Content-Type", "application/json").end(body.encode());
          }
        })
        .onFailure(e -> {
          LOG.warn("History query {} failed: {}", q.scope(), e.getMessage());
          ApiErrors.send(ctx, 503, "history store unavailable", List.of(String.valueOf(e.getMessage())));
        });
  }

  /** City tokens see everything; district tokens their district and the agencies registered in it. */
  private Future<Boolean> allowed(Principal p, HistoryRequest q) {
    return switch (q.scopeKind()) {
      case CITY -> Future.succeededFuture(p.canReadCity());
      case DISTRICT -> Future.succeededFuture(p.canSee(q.scopeId()));
      case AGENCY -> p.canReadCity() ? Future.succeededFuture(true) : store.districtOf(q.scopeId()).map(p::canSee);
    };
  }

  private JsonObject json(HistoryRequest q, List<HistoryStore.Point> points) {
    JsonArray items = new JsonArray();
    long total = 0;
    for (HistoryStore.Point pt : points) {
      items.add(new JsonObject().put("start", format(pt.startMillis())).put("value", pt.value()));
      total += pt.value();
    }
    return new JsonObject().put("scope", q.scope()).put("metric", q.metric().apiName)
        .put("bucket", q.bucket().apiName()).put("zone", zone.getId())
        .put("from", format(q.fromMillis())).put("to", format(q.toMillis()))
        .put("points", items).put("total", total);
  }

  private String format(long millis) {
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), zone));
  }
}
