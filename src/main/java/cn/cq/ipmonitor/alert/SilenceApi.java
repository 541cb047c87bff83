package cn.cq.ipmonitor.alert;

import cn.cq.ipmonitor.event.Rfc3339;
import cn.cq.ipmonitor.state.AgencyStore;
import cn.cq.ipmonitor.web.ApiErrors;
import cn.cq.ipmonitor.web.Principal;
import cn.cq.ipmonitor.web.TokenAuth;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Silences over HTTP: {@code POST /api/v1/silences} with {@code {"agencyId", "rule", "until", "reason"}}
 * (at least one of agencyId and rule; a reason; at most {@link #MAX_DAYS} days), listing and deleting. A
 * district token silences within its district only. Kept in the cluster ({@link #MAP}) until they end.
 */
public final class SilenceApi {

  public static final String MAP = "ipmon.silences";
  public static final int MAX_DAYS = 30;
  private static final long MAX_BODY = 8192;
  private static final int MAX_REASON = 2000;

  private final Vertx vertx;
  private final IMap<String, String> silences;
  private final AgencyStore agencies;
  private final Set<String> ruleNames;
  private final LongSupplier clock;
  private final ScopedRecords records;

  public SilenceApi(Vertx vertx, HazelcastInstance hz, AgencyStore agencies, Set<String> ruleNames,
                    LongSupplier clock) {
    this.vertx = vertx;
    this.silences = hz.getMap(MAP);
    this.agencies = agencies;
    this.ruleNames = ruleNames; // a live view: rules may be reloaded
    this.clock = clock;
    this.records = new ScopedRecords(vertx, silences, "silence",
        j -> j.getString("scopeDistrict"), j -> j);
  }

  public void mount(Router router) {
    router.post("/api/v1/silences").handler(BodyHandler.create().setBodyLimit(MAX_BODY));
    router.post("/api/v1/silences").handler(this::create);
    router.get("/api/v1/silences").handler(records::list);
    router.delete("/api/v1/silences/:id").handler(records::delete);
  }



  private void create(RoutingContext ctx) {
    Principal p = TokenAuth.principal(ctx);
    if (!ScopedRecords.mayManage(p)) {
      ApiErrors.send(ctx, 403, "this token cannot silence");
      return;
    }
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      body = null;
    }
    if (body == null) {
      ApiErrors.send(ctx, 400, "body must be a JSON object");
      return;
    }
    List<String> errors = new ArrayList<>();
    String agencyId = text(body, "agencyId", errors);
    String rule = text(body, "rule", errors);
    String reason = text(body, "reason", errors);
    String until = text(body, "until", errors);
    long now = clock.getAsLong();
    long end = 0;
    if (agencyId == null && rule == null) {
      errors.add("agencyId or rule: at least one");
    }
    if (rule != null && !ruleNames.contains(rule)) {
      errors.add("rule: no rule " + rule);
    }
    if (reason == null || reason.isBlank() || reason.length() > MAX_REASON) {
      errors.add("reason: required, at most " + MAX_REASON + " characters");
    }
    if (until == null) {
      errors.add("until: required, an RFC 3339 time");
    } else {
      try {
        end = Rfc3339.parseMillis(until);
        if (end <= now || end - now > Duration.ofDays(MAX_DAYS).toMillis()) {
          errors.add("until: in the future, at most " + MAX_DAYS + " days ahead");
        }
      } catch (IllegalArgumentException e) {
        errors.add("until: not an RFC 3339 time with offset");
      }
    }
    if (!errors.isEmpty()) {
      ApiErrors.send(ctx, 400, "invalid silence", errors);
      return;
    }
    String scope = p.role() == Principal.Role.DISTRICT ? p.district() : null;
    Future<Boolean> inScope = agencyId == null || scope == null ? Future.succeededFuture(true)
        : agencies.read(agencyId, now).map(r -> r != null && scope.equals(r.district()));
    Silence s = new Silence(UUID.randomUUID().toString(), agencyId, rule, scope, now, end, p.name(), reason);
    inScope.compose(ok -> !ok ? Future.succeededFuture(false) : vertx.executeBlocking(() -> {
      silences.put(s.id(), s.toJson().encode(), s.endsAt() - now, TimeUnit.MILLISECONDS);
      return true;
    }, false)).onComplete(ar -> {
      if (ar.failed()) {
        ApiErrors.send(ctx, 503, "silences temporarily unavailable");
      } else if (!ar.result()) {
        ApiErrors.send(ctx, 403, "agency " + agencyId + " is outside this token's scope");
      } else {
        ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json").end(s.toJson().encode());
      }
    });
  }







  private static String text(JsonObject body, String field, List<String> errors) {
    Object v = body.getValue(field);
    if (v == null || v instanceof String) {
      return (String) v;
    }
    errors.add(field + ": must be a string");
    return null;
  }
}
