package cn.cq.ipmonitor.alert;

import cn.cq.ipmonitor.event.Districts;
import cn.cq.ipmonitor.web.ApiErrors;
import cn.cq.ipmonitor.web.Principal;
import cn.cq.ipmonitor.web.TokenAuth;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * Subscriptions of bureaus and the city to alert changes, delivered by webhook: create, list, delete. A
 * district token subscribes to its own district only and sees only its own subscriptions. Kept in the
 * cluster ({@link #MAP}), so every node serves them and every dispatcher sees them.
 */
public final class SubscriptionApi {

  public static final String MAP = "ipmon.subscriptions";
  private static final int MAX_URL = 2048;
  private static final int SECRET_BYTES = 24;
  private static final int MIN_SECRET = 16;
  private static final long MAX_BODY = 16_384;

  private final Vertx vertx;
  private final IMap<String, String> subscriptions;
  private final Set<String> ruleNames;
  private final LongSupplier clock;
  private final ScopedRecords records;

  public SubscriptionApi(Vertx vertx, HazelcastInstance hz, Set<String> ruleNames, LongSupplier clock) {
    this.vertx = vertx;
    this.subscriptions = hz.getMap(MAP);
    this.ruleNames = Set.copyOf(ruleNames);
    this.clock = clock;
    this.records = new ScopedRecords(vertx, subscriptions, "subscription",
        j -> j.getString("scopeDistrict"), j -> Subscription.fromJson(j).toJson(false));
  }

  public void mount(Router router) {
    router.post("/api/v1/subscriptions").handler(BodyHandler.create().setBodyLimit(MAX_BODY));
    router.post("/api/v1/subscriptions").handler(this::create);
    router.get("/api/v1/subscriptions").handler(records::list);
    router.delete("/api/v1/subscriptions/:id").handler(records::delete);
  }



  private void create(RoutingContext ctx) {
    Principal p = TokenAuth.principal(ctx);
    if (!ScopedRecords.mayManage(p)) {
      ApiErrors.send(ctx, 403, "this token cannot subscribe");
      return;
    }
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      body = null;
    }
    if (body == null) {
      ApiErrors.send(ctx, 400, "body must be a JSON object", List.of("{\"url\": \"https://...\"}"));
      return;
    }
    List<String> errors = new ArrayList<>();
    String url = body.getValue("url") instanceof String s ? s : null;
    if (url == null || url.length() > MAX_URL || !isHttpUrl(url)) {
      errors.add("url: an absolute http or https URL is required");
    }
    String secret = body.getValue("secret") instanceof String s ? s : null;
    if (body.containsKey("secret") && (secret == null || secret.length() < MIN_SECRET)) {
      errors.add("secret: at least " + MIN_SECRET + " characters (or leave it out to get one)");
    }
    List<String> districts = strings(body, "districts", errors);
    for (String d : districts) {
      if (!Districts.isValid(d)) {
        errors.add("districts: not a district code (" + d + ")");
      } else if (!p.canSee(d)) {
        errors.add("districts: " + d + " is outside this token's scope");
      }
    }
    List<String> rules = strings(body, "rules", errors);
    rules.stream().filter(r -> !ruleNames.contains(r)).forEach(r -> errors.add("rules: no rule " + r));
    Severity min = Severity.WARNING;
    if (body.containsKey("minSeverity")) {
      try {
        min = Severity.valueOf(String.valueOf(body.getValue("minSeverity")));
      } catch (IllegalArgumentException e) {
        errors.add("minSeverity: INFO, WARNING or CRITICAL");
      }
    }
    if (!errors.isEmpty()) {
      ApiErrors.send(ctx, 400, "invalid subscription", errors);
      return;
    }
    if (secret == null) {
      byte[] b = new byte[SECRET_BYTES];
      new SecureRandom().nextBytes(b);
      secret = HexFormat.of().formatHex(b);
    }
    Subscription s = new Subscription(UUID.randomUUID().toString(), p.name(),
        p.role() == Principal.Role.DISTRICT ? p.district() : null, districts, rules, min, url, secret,
        clock.getAsLong());
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







  private static boolean isHttpUrl(String url) {
    try {
      URI u = new URI(url);
      return u.isAbsolute() && ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null;
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  private static List<String> strings(JsonObject body, String field, List<String> errors) {
    Object v = body.getValue(field);
    List<String> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    if (!(v instanceof JsonArray a)) {
      errors.add(field + ": must be an array of strings");
      return out;
    }
    for (Object o : a) {
      if (o instanceof String s) {
        out.add(s);
      } else {
        errors.add(field + ": must be an array of strings");
        break;
      }
    }
    return out;
  }
}
