package cn.cq.ipmonitor.alert;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * A time-bounded mute of notifications, by agency, by rule, or both, with its author and reason. Alerts are
 * still raised and recorded while silenced; only their webhooks are held back.
 *
 * @param agencyId      the agency muted, or null for every agency (in scope)
 * @param rule          the rule muted, or null for every rule
 * @param scopeDistrict the district of the token that made it, or null for a city silence
 */
public record Silence(String id, String agencyId, String rule, String scopeDistrict, long startsAt, long endsAt,
                      String author, String reason) {

  /** Whether this silence holds back a change of {@code a} at {@code now}. */
  public boolean mutes(Alert a, long now) {
    return now >= startsAt && now < endsAt
        && (agencyId == null || agencyId.equals(a.agencyId()))
        && (rule == null || rule.equals(a.rule()))
        && (scopeDistrict == null || scopeDistrict.equals(a.district()));
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("agencyId", agencyId).put("rule", rule)
        .put("scopeDistrict", scopeDistrict).put("startsAt", Instant.ofEpochMilli(startsAt).toString())
        .put("endsAt", Instant.ofEpochMilli(endsAt).toString()).put("author", author).put("reason", reason);
  }

  public static Silence fromJson(JsonObject j) {
    return new Silence(j.getString("id"), j.getString("agencyId"), j.getString("rule"), j.getString("scopeDistrict"),
        Instant.parse(j.getString("startsAt")).toEpochMilli(), Instant.parse(j.getString("endsAt")).toEpochMilli(),
        j.getString("author"), j.getString("reason"));
  }
}
