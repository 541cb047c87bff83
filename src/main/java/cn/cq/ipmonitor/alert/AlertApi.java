package cn.cq.ipmonitor.alert;

import cn.cq.ipmonitor.event.Districts;
import cn.cq.ipmonitor.event.Rfc3339;
import cn.cq.ipmonitor.web.ApiErrors;
import cn.cq.ipmonitor.web.Principal;
import cn.cq.ipmonitor.web.TokenAuth;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * The alerts of CONTRACT.md section 5 over HTTP: listing within the token's scope, acknowledging,
 * resolving by hand and adding notes (city tokens, or the district that owns the agency; display tokens only
 * read). Each change is published like the evaluator's, so the audit trail records who did what and when.
 */
public final class AlertApi {

  private static final int DEFAULT_LIMIT = 100;
  private static final int MAX_LIMIT = 1000;
  private static final long MAX_BODY = 8192;
  private static final int MAX_NOTE = 2000;

  private final Vertx vertx;
  private final AlertStore store;
  private final Lifecycle lifecycle;
  private final LongSupplier clock;
  private final AlertChanges changes;

  public AlertApi(Vertx vertx, AlertStore store, Lifecycle lifecycle, LongSupplier clock, AlertChanges changes) {
    this.vertx = vertx;
    this.store = store;
    this.lifecycle = lifecycle;
    this.clock = clock;
    this.changes = changes;
  }

  /** Adds the routes; call after the auth handler is mounted on {@code /api/v1/*}. */
  public void mount(Router router) {
    router.get("/api/v1/alerts").handler(this::list);
    router.post("/api/v1/alerts/:id/:action").handler(BodyHandler.create().setBodyLimit(MAX_BODY));
    router.post("/api/v1/alerts/:id/:action").handler(this::change);
  }

  private void list(RoutingContext ctx) {
    Principal p = TokenAuth.principal(ctx);
    if (p.role() == Principal.Role.INGEST) {
      ApiErrors.send(ctx, 403, "this token cannot read alerts");
      return;
    }
    var q = ctx.queryParams();
    List<String> errors = new ArrayList<>();
    AlertStatus status = parse(AlertStatus.class, q.get("status"), "status", errors);
    String district = q.get("district");
    if (district != null && !Districts.isValid(district)) {
      errors.add("district: not one of Chongqing's 38 district codes");
    }
    long since = Long.MIN_VALUE;
    if (q.get("since") != null) {
      try {
        since = Rfc3339.parseMillis(q.get("since"));
      } catch (IllegalArgumentException e) {
        errors.add("since: not an RFC 3339 timestamp with offset");
      }
    }
    int limit = DEFAULT_LIMIT;
    if (q.get("limit") != null) {
      try {
        limit = Integer.parseInt(q.get("limit"));
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > MAX_LIMIT) {
        errors.add("limit: 1-" + MAX_LIMIT);
      }
    }
    if (!errors.isEmpty()) {
      ApiErrors.send(ctx, 400, "invalid query", errors);
      return;
    }
    if (district != null && !p.canSee(district)) {
      ApiErrors.send(ctx, 403, "district " + district + " is outside this token's scope");
      return;
    }
    String agencyId = q.get("agencyId");
    String rule = q.get("rule");
    long from = since;
    int max = limit;
    store.all().onComplete(ar -> {
      if (ar.failed()) {
        ApiErrors.send(ctx, 503, "alerts temporarily unavailable", List.of(String.valueOf(ar.cause().getMessage())));
        return;
      }
      Stream<Alert> s = ar.result().stream().filter(a -> p.canSee(a.district()))
          .filter(a -> status == null || a.status() == status)
          .filter(a -> district == null || district.equals(a.district()))
          .filter(a -> agencyId == null || agencyId.equals(a.agencyId()))
          .filter(a -> rule == null || rule.equals(a.rule()))
          .filter(a -> a.updatedAt() >= from)
          .sorted(Comparator.comparingLong(Alert::updatedAt).reversed().thenComparing(Alert::id));
      JsonArray items = new JsonArray();
      s.limit(max).forEach(a -> items.add(AlertJson.toJson(a)));
      ctx.response().putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("items", items).encode());
    });
  }

  private void change(RoutingContext ctx) {
    Principal p = TokenAuth.principal(ctx);
    String action = ctx.pathParam("action");
    if (!action.equals("ack") && !action.equals("resolve") && !action.equals("note")) {
      ApiErrors.send(ctx, 404, "no such action: " + action);
      return;
    }
    if (p.role() != Principal.Role.CITY && p.role() != Principal.Role.DISTRICT) {
      ApiErrors.send(ctx, 403, "this token cannot change alerts");
      return;
    }
    String note;
    try {
      JsonObject body = ctx.body() == null || ctx.body().length() == 0 ? new JsonObject() : ctx.body().asJsonObject();
      Object n = body.getValue("note");
      if (n != null && !(n instanceof String)) {
        ApiErrors.send(ctx, 400, "note: must be a string");
        return;
      }
      note = (String) n;
    } catch (DecodeException | ClassCastException e) {
      ApiErrors.send(ctx, 400, "body must be a JSON object like {\"note\": \"...\"}");
      return;
    }
    if (note != null && note.length() > MAX_NOTE) {
      ApiErrors.send(ctx, 400, "note: at most " + MAX_NOTE + " characters");
      return;
    }
    if (action.equals("note") && (note == null || note.isBlank())) {
      ApiErrors.send(ctx, 400, "note: required, a non-empty string of at most " + MAX_NOTE + " characters");
      return;
    }
    String id = ctx.pathParam("id");
    vertx.executeBlocking(() -> apply(p, id, action, note), false).onComplete(ar -> {
      if (ar.failed()) {
        ApiErrors.send(ctx, 503, "alerts temporarily unavailable", List.of(String.valueOf(ar.cause().getMessage())));
      } else if (ar.result() instanceof Refusal r) {
        ApiErrors.send(ctx, r.status(), r.error());
      } else {
        Alert a = (Alert) ar.result();
        // Stored first, then notified: a person's action is already answered; if the notification fails it is
        // logged, and the alert itself shows the change.
        changes.publish(List.of(a)).onFailure(e -> org.slf4j.LoggerFactory.getLogger(AlertApi.class)
            .warn("Change of alert {} not notified: {}", a.id(), e.toString()));
        ctx.response().putHeader("Content-Type", "application/json").end(AlertJson.toJson(a).encode());
      }
    });
  }

  private record Refusal(int status, String error) {
  }

  /** Blocking: compare-and-set on the open alert, retried when the evaluator changed it meanwhile. */
  private Object apply(Principal p, String id, String action, String note) {
    for (int attempt = 0; attempt < 5; attempt++) {
      Alert a = store.openById(id);
      if (a == null) {
        return new Refusal(404, "no open alert " + id);
      }
      if (!p.canSee(a.district())) {
        return new Refusal(403, "alert " + id + " is outside this token's scope");
      }
      Alert next;
      try {
        long now = clock.getAsLong();
        next = switch (action) {
          case "ack" -> lifecycle.acknowledge(a, p.name(), note, now);
          case "note" -> lifecycle.annotate(a, p.name(), note, now);
          default -> lifecycle.resolve(a, p.name(), note, now);
        };
      } catch (IllegalStateException e) {
        return new Refusal(409, e.getMessage());
      }
      if (store.replace(a, next)) {
        return next;
      }
    }
    return new Refusal(409, "alert " + id + " keeps changing; try again");
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String v, String field, List<String> errors) {
    if (v == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, v);
    } catch (IllegalArgumentException e) {
      errors.add(field + ": unknown value " + v);
      return null;
    }
  }

}
