package cn.cq.ipmonitor.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** The one error shape of the API: {@code {"error": "...", "details": [...]}}. */
public final class ApiErrors {

  private ApiErrors() {
  }

  public static void send(RoutingContext ctx, int status, String error) {
    send(ctx, status, error, new JsonArray());
  }

  public static void send(RoutingContext ctx, int status, String error, List<?> details) {
    send(ctx, status, error, new JsonArray(List.copyOf(details)));
  }

  public static void send(RoutingContext ctx, int status, String error, JsonArray details) {
    if (ctx.response().ended()) {
      return;
    }
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("error", error).put("details", details).encode());
  }
}
