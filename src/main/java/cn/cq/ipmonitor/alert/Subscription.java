package cn.cq.ipmonitor.alert;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A bureau's (or the city's) wish to be told of alert changes.
 *
 * @param scopeDistrict the district of the token that created it, or null for a city subscription
 * @param districts     districts to follow (within the scope); empty for all in scope
 * @param rules         rules to follow; empty for all
 * @param minSeverity   the least severe change that is sent
 * @param url           where webhooks are POSTed
 * @param secret        the HMAC-SHA256 key of the signature header
 */
public record Subscription(String id, String owner, String scopeDistrict, List<String> districts, List<String> rules,
                           Severity minSeverity, String url, String secret, long createdAt) {

  public Subscription {
    districts = List.copyOf(districts);
    rules = List.copyOf(rules);
  }

  /** Whether a change of this alert is for this subscription. */
  public boolean matches(Alert a) {
    if (scopeDistrict == null && a.escalatedAt() != null && a.escalatedAt() == a.updatedAt()) {
      return true; // an escalation is a notice to every city subscription, whatever its filters
    }
    return (scopeDistrict == null || scopeDistrict.equals(a.district()))
        && (districts.isEmpty() || districts.contains(a.district()))
        && (rules.isEmpty() || rules.contains(a.rule()))
        && a.severity().compareTo(minSeverity) >= 0;
  }

  public JsonObject toJson(boolean withSecret) {
    JsonObject j = new JsonObject().put("id", id).put("owner", owner).put("scopeDistrict", scopeDistrict)
        .put("districts", new JsonArray(districts)).put("rules", new JsonArray(rules))
        .put("minSeverity", minSeverity.name()).put("channel", "webhook").put("url", url)
        .put("createdAt", java.time.Instant.ofEpochMilli(createdAt).toString());
    return withSecret ? j.put("secret", secret) : j;
  }

  public static Subscription fromJson(JsonObject j) {
    return new Subscription(j.getString("id"), j.getString("owner"), j.getString("scopeDistrict"),
        strings(j.getJsonArray("districts")), strings(j.getJsonArray("rules")),
        Severity.valueOf(j.getString("minSeverity")), j.getString("url"), j.getString("secret"),
        java.time.Instant.parse(j.getString("createdAt")).toEpochMilli());
  }

  private static List<String> strings(JsonArray a) {
    List<String> out = new ArrayList<>();
    if (a != null) {
      a.forEach(v -> out.add(String.valueOf(v)));
    }
    return out;
  }
}
