package cn.cq.ipmonitor.alert;

import cn.cq.ipmonitor.web.ApiErrors;
import cn.cq.ipmonitor.web.Principal;
import cn.cq.ipmonitor.web.TokenAuth;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;

/**
 * {@code GET /api/v1/rules}: the alert rules in force, where they came from, when they loaded, and the last
 * refused reload, so an operator who edited the rule file can see whether it took. Every reading token may
 * look (rules are the same for every district); ingest tokens may not.
 */
public final class RulesApi {

  private final RulesInForce rules;
  private final long reloadMs;

  /** @param reloadMs how often the file is watched, 0 when it is not (bundled rules) */
  public RulesApi(RulesInForce rules, long reloadMs) {
    this.rules = rules;
    this.reloadMs = reloadMs;
  }

  public void mount(Router router) {
    router.get("/api/v1/rules").handler(this::get);
  }

  private void get(RoutingContext ctx) {
    if (TokenAuth.principal(ctx).role() == Principal.Role.INGEST) {
      ApiErrors.send(ctx, 403, "this token cannot read rules");
      return;
    }
    RulesInForce.Snapshot s = rules.snapshot();
    JsonArray items = new JsonArray();
    s.rules().rules().forEach(r -> items.add(json(r)));
    JsonObject error = s.lastError() == null ? null : new JsonObject()
        .put("at", Instant.ofEpochMilli(s.lastError().at()).toString())
        .put("reasons", new JsonArray(s.lastError().reasons()));
    ctx.response().putHeader("Content-Type", "application/json").end(new JsonObject()
        .put("source", s.source()).put("loadedAt", Instant.ofEpochMilli(s.loadedAt()).toString())
        .put("reloadMs", reloadMs > 0 ? reloadMs : null).put("lastError", error).put("rules", items).encode());
  }

  static JsonObject json(RuleDefinition r) {
    return new JsonObject().put("name", r.name()).put("kind", r.kind().name()).put("enabled", r.enabled())
        .put("window", r.window().label).put("warning", r.warning()).put("critical", r.critical())
        .put("minDenominator", r.minDenominator()).put("minCount", r.minCount())
        .put("warningMedianFactor", r.warningMedianFactor()).put("criticalMedianFactor", r.criticalMedianFactor())
        .put("description", r.description());
  }
}
