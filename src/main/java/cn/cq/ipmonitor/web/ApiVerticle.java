package cn.cq.ipmonitor.web;

import cn.cq.ipmonitor.config.HttpConfig;
import cn.cq.ipmonitor.event.Districts;
import cn.cq.ipmonitor.indicator.Assessment;
import cn.cq.ipmonitor.ingest.EventPublisher;
import cn.cq.ipmonitor.state.AgencyStore;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP API of CONTRACT.md section 3, health, readiness and metrics. */
public final class ApiVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(ApiVerticle.class);
  private static final Pattern AGENCY_ID = Pattern.compile("[A-Za-z0-9-]{1,32}");
  private static final int DEFAULT_LIMIT = 50;
  private static final int MAX_LIMIT = 1000;
  private static final String JSON = "application/json";

  private final HttpConfig http;
  private final AgencyStore store;
  private final Assessment.Assessor assessor;
  private final TokenAuth auth;
  private final EventPublisher publisher;
  private final Readiness readiness;
  private final PrometheusMeterRegistry registry;
  private final LongSupplier clock;
  private final Consumer<Router> extraRoutes;
  private HttpServer server;

  public ApiVerticle(HttpConfig http, AgencyStore store, Assessment.Assessor assessor, TokenAuth auth,
                     EventPublisher publisher, Readiness readiness, PrometheusMeterRegistry registry,
                     LongSupplier clock, Consumer<Router> extraRoutes) {
    this.http = http;
    this.store = store;
    this.assessor = assessor;
    this.auth = auth;
    this.publisher = publisher;
    this.readiness = readiness;
    this.registry = registry;
    this.clock = clock;
    this.extraRoutes = extraRoutes;
  }

  /** The port actually bound (the configured one, or a free one when configured as 0). */
  public int port() {
    return server.actualPort();
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.get("/health/live").handler(ctx -> json(ctx, 200, new JsonObject().put("status", "UP")));
    router.get("/health/ready").handler(this::ready);
    router.get("/metrics").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(registry.scrape()));
    router.get("/api/v1/openapi.yaml").handler(ctx -> ctx.response().putHeader("Content-Type", "application/yaml")
        .sendFile("webroot/openapi.yaml"));
    router.route("/api/v1/*").handler(auth);
    router.post("/api/v1/events").handler(BodyHandler.create().setBodyLimit(http.maxBodyBytes()));
    router.post("/api/v1/events").handler(this::postEvents);
    router.get("/api/v1/agencies/:agencyId").handler(this::agency);
    router.get("/api/v1/agencies").handler(this::agencies);
    router.get("/api/v1/districts/:code").handler(this::district);
    router.get("/api/v1/districts").handler(this::districts);
    router.get("/api/v1/city").handler(this::city);
    // Routes of other capabilities (history), behind the same authentication.
    extraRoutes.accept(router);
    Pages.mount(router);
    router.route().last().handler(ctx -> ApiErrors.send(ctx, 404, "no such resource: " + ctx.request().path()));
    router.route().failureHandler(this::failure);
    // No websocket compression: one snapshot goes to thousands of screens, and deflating it once per client
    // would cost more CPU than everything else the live push does; the bytes are cheap on a control-room LAN.
    return vertx.createHttpServer(new HttpServerOptions().setPerMessageWebSocketCompressionSupported(false)
            .setPerFrameWebSocketCompressionSupported(false)).requestHandler(router).listen(http.port(), http.host())
        .onSuccess(s -> server = s);
  }

  private void ready(RoutingContext ctx) {
    JsonObject checks = new JsonObject();
    readiness.snapshot().forEach(checks::put);
    boolean ok = readiness.ready();
    json(ctx, ok ? 200 : 503, new JsonObject().put("status", ok ? "UP" : "DOWN").put("checks", checks));
  }

  private void agency(RoutingContext ctx) {
    String id = ctx.pathParam("agencyId");
    if (!AGENCY_ID.matcher(id).matches()) {
      ApiErrors.send(ctx, 400, "invalid agencyId", List.of("agencyId must match [A-Za-z0-9-]{1,32}"));
      return;
    }
    Principal p = TokenAuth.principal(ctx);
    store.read(id, clock.getAsLong()).onComplete(ar -> {
      if (ar.failed()) {
        unavailable(ctx, ar.cause());
      } else if (ar.result() == null) {
        ApiErrors.send(ctx, 404, "no such agency: " + id);
      } else if (!p.canSee(ar.result().district())) {
        ApiErrors.send(ctx, 403, "agency " + id + " is outside this token's scope");
      } else {
        json(ctx, 200, Views.agency(assessor.assess(ar.result())));
      }
    });
  }

  private void agencies(RoutingContext ctx) {
    Principal p = TokenAuth.principal(ctx);
    String district = ctx.queryParams().get("district");
    String sort = ctx.queryParams().get("sort") == null ? "risk" : ctx.queryParams().get("sort");
    String limitParam = ctx.queryParams().get("limit");
    List<String> problems = new java.util.ArrayList<>();
    if (district != null && !Districts.isValid(district)) {
      problems.add("district must be one of Chongqing's 38 district codes");
    }
    if (!List.of("risk", "filings", "id").contains(sort)) {
      problems.add("sort must be risk, filings or id");
    }
    int limit = DEFAULT_LIMIT;
    if (limitParam != null) {
      try {
        limit = Integer.parseInt(limitParam);
        if (limit < 1 || limit > MAX_LIMIT) {
          problems.add("limit must be 1-" + MAX_LIMIT);
        }
      } catch (NumberFormatException e) {
        problems.add("limit must be an integer");
      }
    }
    if (!problems.isEmpty()) {
      ApiErrors.send(ctx, 400, "invalid query", problems);
      return;
    }
    if (p.role() == Principal.Role.DISTRICT) {
      if (district != null && !district.equals(p.district())) {
        ApiErrors.send(ctx, 403, "district " + district + " is outside this token's scope");
        return;
      }
      district = p.district();
    } else if (!p.canReadCity()) {
      ApiErrors.send(ctx, 403, "this token cannot read agencies");
      return;
    }
    int max = limit;
    Comparator<Assessment> order = switch (sort) {
      case "filings" -> Comparator.<Assessment>comparingLong(a -> -a.reading().measures()
          .count(cn.cq.ipmonitor.indicator.Window.D365, cn.cq.ipmonitor.indicator.Counter.FILINGS))
          .thenComparing(a -> a.reading().agencyId());
      case "id" -> Comparator.comparing(a -> a.reading().agencyId());
      default -> Views.byRisk();
    };
    assessed(district).onComplete(ar -> {
      if (ar.failed()) {
        unavailable(ctx, ar.cause());
        return;
      }
      List<Assessment> all = ar.result().stream().filter(a -> p.canSee(a.reading().district())).toList();
      JsonArray items = new JsonArray(all.stream().sorted(order).limit(max).map(Views::agency)
          .collect(Collectors.toList()));
      json(ctx, 200, new JsonObject().put("total", all.size()).put("items", items));
    });
  }

  private void district(RoutingContext ctx) {
    String code = ctx.pathParam("code");
    if (!Districts.isValid(code)) {
      ApiErrors.send(ctx, 404, "no such district: " + code, List.of("district codes are Chongqing's 38 GB/T 2260 codes"));
      return;
    }
    if (!TokenAuth.principal(ctx).canSee(code)) {
      ApiErrors.send(ctx, 403, "district " + code + " is outside this token's scope");
      return;
    }
    Districts.District d = Districts.byCode(code).orElseThrow();
    assessed(code).onComplete(ar -> {
      if (ar.failed()) {
        unavailable(ctx, ar.cause());
      } else {
        json(ctx, 200, Views.aggregate("district:" + code, ar.result(), assessor)
            .put("district", code).put("name", d.nameZh()).put("nameEn", d.nameEn()).put("group", d.group().name()));
      }
    });
  }

  private void districts(RoutingContext ctx) {
    Principal p = TokenAuth.principal(ctx);
    assessed(p.role() == Principal.Role.DISTRICT ? p.district() : null).onComplete(ar -> {
      if (ar.failed()) {
        unavailable(ctx, ar.cause());
        return;
      }
      JsonArray items = new JsonArray();
      for (Districts.District d : Districts.all()) {
        if (!p.canSee(d.code())) {
          continue;
        }
        List<Assessment> mine = ar.result().stream().filter(a -> d.code().equals(a.reading().district())).toList();
        items.add(Views.aggregate("district:" + d.code(), mine, assessor).put("district", d.code())
            .put("name", d.nameZh()).put("nameEn", d.nameEn()).put("group", d.group().name()));
      }
      json(ctx, 200, new JsonObject().put("items", items));
    });
  }

  private void city(RoutingContext ctx) {
    if (!TokenAuth.principal(ctx).canReadCity()) {
      ApiErrors.send(ctx, 403, "the city view needs a city or display token");
      return;
    }
    assessed(null).onComplete(ar -> {
      if (ar.failed()) {
        unavailable(ctx, ar.cause());
      } else {
        json(ctx, 200, Views.aggregate("city", ar.result(), assessor));
      }
    });
  }

  private void postEvents(RoutingContext ctx) {
    if (!TokenAuth.principal(ctx).canPostEvents()) {
      ApiErrors.send(ctx, 403, "this token cannot post events");
      return;
    }
    if (ctx.body() == null || ctx.body().buffer() == null || ctx.body().length() == 0) {
      ApiErrors.send(ctx, 400, "empty body", List.of("post one event object or an array of events"));
      return;
    }
    publisher.publish(ctx.body().buffer().getBytes()).onComplete(ar -> {
      if (ar.failed()) {
        unavailable(ctx, ar.cause());
      } else if (ar.result() instanceof EventPublisher.Accepted a) {
        json(ctx, 202, new JsonObject().put("accepted", a.count()));
      } else {
        EventPublisher.Refused r = (EventPublisher.Refused) ar.result();
        JsonArray details = new JsonArray();
        r.details().forEach(pr -> details.add(new JsonObject().put("index", pr.index()).put("eventId", pr.eventId())
            .put("errors", new JsonArray(pr.errors()))));
        ApiErrors.send(ctx, 400, r.error(), details);
      }
    });
  }

  private Future<List<Assessment>> assessed(String district) {
    return store.readAll(district, clock.getAsLong())
        .map(readings -> readings.stream().map(assessor::assess).toList());
  }

  private void failure(RoutingContext ctx) {
    int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
    if (status == 413) {
      ApiErrors.send(ctx, 413, "body larger than " + http.maxBodyBytes() + " bytes");
    } else if (status >= 400 && status < 500) {
      ApiErrors.send(ctx, status, "bad request");
    } else {
      LOG.error("Request {} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
      ApiErrors.send(ctx, 500, "internal error");
    }
  }

  private static void unavailable(RoutingContext ctx, Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getClass().getSimpleName().equals("SplitBrainProtectionException")) {
        ApiErrors.send(ctx, 503, "this node is cut off from its cluster; its numbers would be stale",
            List.of(String.valueOf(t.getMessage())));
        return;
      }
    }
    LOG.warn("State unavailable for {}: {}", ctx.request().path(), e.toString());
    ApiErrors.send(ctx, 503, "state temporarily unavailable", List.of(String.valueOf(e.getMessage())));
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", JSON).end(body.encode());
  }

}
