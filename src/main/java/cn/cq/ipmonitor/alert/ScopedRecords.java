package cn.cq.ipmonitor.alert;

import cn.cq.ipmonitor.web.ApiErrors;
import cn.cq.ipmonitor.web.Principal;
import cn.cq.ipmonitor.web.TokenAuth;
import com.hazelcast.map.IMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Function;

/**
 * Listing and deleting records that a city or a district token owns (subscriptions, silences), kept as JSON in
 * a cluster map: city tokens see all, a district token only those it made for its district.
 */
final class ScopedRecords {

  private final Vertx vertx;
  private final IMap<String, String> map;
  private final String noun;
  private final Function<JsonObject, String> scopeOf;
  private final Function<JsonObject, JsonObject> shown;

  /**
   * @param noun    what a record is called in errors ("silence")
   * @param scopeOf the district a stored record belongs to, null for the city
   * @param shown   what a list shows of a stored record (secrets left out)
   */
  ScopedRecords(Vertx vertx, IMap<String, String> map, String noun, Function<JsonObject, String> scopeOf,
                Function<JsonObject, JsonObject> shown) {
    this.vertx = vertx;
    this.map = map;
    this.noun = noun;
    this.scopeOf = scopeOf;
    this.shown = shown;
  }

  static boolean mayManage(Principal p) {
    return p.role() == Principal.Role.CITY || p.role() == Principal.Role.DISTRICT;
  }

  static boolean visible(Principal p, String scopeDistrict) {
    return p.role() == Principal.Role.CITY || (scopeDistrict != null && scopeDistrict.equals(p.district()));
  }

  void list(RoutingContext ctx) {
    Principal p = TokenAuth.principal(ctx);
    if (!mayManage(p)) {
      ApiErrors.send(ctx, 403, "this token cannot read " + noun + "s");
      return;
    }
    vertx.executeBlocking(() -> List.copyOf(map.values()), false).onComplete(ar -> {
      if (ar.failed()) {
        ApiErrors.send(ctx, 503, noun + "s temporarily unavailable");
        return;
      }
      JsonArray items = new JsonArray();
      ar.result().stream().map(JsonObject::new).filter(j -> visible(p, scopeOf.apply(j)))
          .forEach(j -> items.add(shown.apply(j)));
      ctx.response().putHeader("Content-Type", "application/json").end(new JsonObject().put("items", items).encode());
    });
  }

  void delete(RoutingContext ctx) {
    Principal p = TokenAuth.principal(ctx);
    if (!mayManage(p)) {
      ApiErrors.send(ctx, 403, "this token cannot delete " + noun + "s");
      return;
    }
    String id = ctx.pathParam("id");
    vertx.executeBlocking(() -> {
      String json = map.get(id);
      if (json == null) {
        return 404;
      }
      if (!visible(p, scopeOf.apply(new JsonObject(json)))) {
        return 403;
      }
      map.delete(id);
      return 204;
    }, false).onComplete(ar -> {
      if (ar.failed()) {
        ApiErrors.send(ctx, 503, noun + "s temporarily unavailable");
      } else if (ar.result() == 204) {
        ctx.response().setStatusCode(204).end();
      } else {
        ApiErrors.send(ctx, ar.result(), ar.result() == 404 ? "no " + noun + " " + id : "outside this token's scope");
      }
    });
  }
}
