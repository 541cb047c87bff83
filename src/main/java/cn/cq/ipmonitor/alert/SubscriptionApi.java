package cn.cq.ipmonitor.alert;

import cn.cq.ipmonitor.config.AlertConfig;
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
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * Subscriptions of bureaus and the city to alert changes, by webhook or as saved filters for the websocket:
 * create, list, replace, delete, and send a test webhook. A district token subscribes to its own district only
 * and sees and changes only its own subscriptions. Kept in the cluster ({@link #MAP}), so every node serves
 * them and every dispatcher sees them.
 */
public final class SubscriptionApi {

  public static final String MAP = "ipmon.subscriptions";
  private static final int SECRET_BYTES = 24;
  private static final long MAX_BODY = 16_384;

  private final Vertx vertx;
  private final IMap<String, String> subscriptions;
  private final Set<String> ruleNames;
  private final LongSupplier clock;
  private final ScopedRecords records;
  private final AlertConfig.Webhook webhook;
  private WebhookSender sender;

  public SubscriptionApi(Vertx vertx, HazelcastInstance hz, Set<String> ruleNames, LongSupplier clock,
                         AlertConfig.Webhook webhook) {
    this.vertx = vertx;
    this.subscriptions = hz.getMap(MAP);
    this.ruleNames = ruleNames; // a live view: rules may be reloaded
    this.clock = clock;
    this.webhook = webhook;
    this.records = new ScopedRecords(vertx, subscriptions, "subscription",
        j -> j.getString("scopeDistrict"), j -> Subscription.fromJson(j).toJson(false));
  }

  public void mount(Router router) {
    sender = new WebhookSender(vertx, webhook.timeoutMs());
    router.post("/api/v1/subscriptions").handler(BodyHandler.create().setBodyLimit(MAX_BODY));
    router.post("/api/v1/subscriptions").handler(this::create);
    router.get("/api/v1/subscriptions").handler(records::list);
    router.put("/api/v1/subscriptions/:id").handler(BodyHandler.create().setBodyLimit(MAX_BODY));
    router.put("/api/v1/subscriptions/:id").handler(this::replace);
    router.delete("/api/v1/subscriptions/:id").handler(records::delete);
    router.post("/api/v1/subscriptions/:id/test").handler(this::test);
  }

  private void create(RoutingContext ctx) {
    Principal p = TokenAuth.principal(ctx);
    if (!ScopedRecords.mayManage(p)) {
      ApiErrors.send(ctx, 403, "this token cannot subscribe");
      return;
    }
    String scope = p.role() == Principal.Role.DISTRICT ? p.district() : null;
    SubscriptionForm f = form(ctx, scope);
    if (f == null) {
      return;
    }
    Subscription s = new Subscription(UUID.randomUUID().toString(), p.name(), scope, f.districts(), f.rules(),
        f.minSeverity(), f.channel(), f.url(), secretFor(f, null), clock.getAsLong());
    vertx.executeBlocking(() -> subscriptions.put(s.id(), s.toJson(true).encode()), false).onComplete(ar -> {
      if (ar.failed()) {
        ApiErrors.send(ctx, 503, "subscriptions temporarily unavailable");
      } else {
        // The secret is shown once, here; lists leave it out.
        ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
            .end(s.toJson(true).encode());
      }
    });
  }

  /**
   * Replaces filters, channel, URL and secret; id, owner, scope and creation time stay. A webhook body without a
   * secret keeps the one the subscription had (a console never sees it again after creation).
   */
  private void replace(RoutingContext ctx) {
    Principal p = TokenAuth.principal(ctx);
    if (!ScopedRecords.mayManage(p)) {
      ApiErrors.send(ctx, 403, "this token cannot change subscriptions");
      return;
    }
    String id = ctx.pathParam("id");
    load(ctx, p, id).onSuccess(old -> {
      if (old == null) {
        return;
      }
      SubscriptionForm f = form(ctx, old.scopeDistrict());
      if (f == null) {
        return;
      }
      Subscription s = new Subscription(old.id(), old.owner(), old.scopeDistrict(), f.districts(), f.rules(),
          f.minSeverity(), f.channel(), f.url(), secretFor(f, old), old.createdAt());
      // Shown only when the caller gave it or it is new: a kept secret is not disclosed again.
      boolean show = f.secret() != null || (s.secret() != null && !s.secret().equals(old.secret()));
      vertx.executeBlocking(() -> subscriptions.replace(id, s.toJson(true).encode()) != null, false)
          .onComplete(ar -> {
            if (ar.failed()) {
              ApiErrors.send(ctx, 503, "subscriptions temporarily unavailable");
            } else if (!ar.result()) {
              ApiErrors.send(ctx, 404, "no subscription " + id);
            } else {
              ctx.response().putHeader("Content-Type", "application/json").end(s.toJson(show).encode());
            }
          });
    });
  }

  /** Sends one signed test message to a webhook subscription now, once, and reports what the receiver said. */
  private void test(RoutingContext ctx) {
    Principal p = TokenAuth.principal(ctx);
    if (!ScopedRecords.mayManage(p)) {
      ApiErrors.send(ctx, 403, "this token cannot test subscriptions");
      return;
    }
    load(ctx, p, ctx.pathParam("id")).onSuccess(s -> {
      if (s == null) {
        return;
      }
      if (!s.webhook()) {
        ApiErrors.send(ctx, 400, "subscription " + s.id() + " is a websocket subscription; only webhooks can be tested");
        return;
      }
      JsonObject msg = WebhookPayload.test(s, webhook.externalUrl(), clock.getAsLong());
      String fingerprint = msg.getJsonArray("alerts").getJsonObject(0).getString("fingerprint");
      sender.post(s, msg.encode().getBytes(StandardCharsets.UTF_8), fingerprint).onComplete(ar -> {
        WebhookSender.Outcome o = ar.result();
        ctx.response().putHeader("Content-Type", "application/json").end(new JsonObject()
            .put("delivered", o.delivered()).put("status", o.status()).put("error", o.error()).encode());
      });
    });
  }

  /** The stored subscription, or null after answering 404/403/503 itself. */
  private Future<Subscription> load(RoutingContext ctx, Principal p, String id) {
    return vertx.executeBlocking(() -> subscriptions.get(id), false).transform(ar -> {
      if (ar.failed()) {
        ApiErrors.send(ctx, 503, "subscriptions temporarily unavailable");
        return Future.succeededFuture(null);
      }
      if (ar.result() == null) {
        ApiErrors.send(ctx, 404, "no subscription " + id);
        return Future.succeededFuture(null);
      }
      Subscription s = Subscription.fromJson(new JsonObject(ar.result()));
      if (!ScopedRecords.visible(p, s.scopeDistrict())) {
        ApiErrors.send(ctx, 403, "subscription " + id + " is outside this token's scope");
        return Future.succeededFuture(null);
      }
      return Future.succeededFuture(s);
    });
  }

  /** The validated body, or null after answering 400. */
  private SubscriptionForm form(RoutingContext ctx, String scope) {
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      body = null;
    }
    if (body == null) {
      ApiErrors.send(ctx, 400, "body must be a JSON object", List.of("{\"url\": \"https://...\"}"));
      return null;
    }
    SubscriptionForm.Result r = SubscriptionForm.parse(body, scope, ruleNames);
    if (r.form() == null) {
      ApiErrors.send(ctx, 400, "invalid subscription", r.errors());
    }
    return r.form();
  }

  private static String secretFor(SubscriptionForm f, Subscription old) {
    if (f.channel() != Subscription.Channel.WEBHOOK) {
      return null;
    }
    if (f.secret() != null) {
      return f.secret();
    }
    if (old != null && old.secret() != null) {
      return old.secret();
    }
    byte[] b = new byte[SECRET_BYTES];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
