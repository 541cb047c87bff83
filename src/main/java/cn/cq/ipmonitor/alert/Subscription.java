package cn.cq.ipmonitor.alert;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A bureau's (or the city's) wish to be told of alert changes: by webhook, or as a saved filter that a live
 * websocket client names when it subscribes to the {@code alerts} channel.
 *
 * @param scopeDistrict the district of the token that created it, or null for a city subscription
 * @param districts     districts to follow (within the scope); empty for all in scope
 * @param rules         rules to follow; empty for all
 * @param minSeverity   the least severe change that is sent
 * @param channel       how matching changes are delivered
 * @param url           where webhooks are POSTed; null for a websocket subscription
 * @param secret        the HMAC-SHA256 key of the signature header; null for a websocket subscription
 */
public record Subscription(String id, String owner, String scopeDistrict, List<String> districts, List<String> rules,
                           Severity minSeverity, Channel channel, String url, String secret, long createdAt) {

  /** How a subscription is delivered; JSON spells it in lower case. */
  public enum Channel {
    WEBHOOK, WEBSOCKET;

    public String json() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The channel of that JSON name, or null. */
    public static Channel of(String json) {
      for (Channel c : values()) {
        if (c.json().equals(json)) {
          return c;
        }
      }
      return null;
    }
  }

  public Subscription {
    districts = List.copyOf(districts);
    rules = List.copyOf(rules);
    channel = channel == null ? Channel.WEBHOOK : channel;
  }

  /**
   * Whether a change of this alert is for this subscription, whatever the channel: the one place of filter
   * logic, used by the webhook dispatcher and the websocket alike.
   */
  public boolean matches(Alert a) {
    if (scopeDistrict == null && a.escalatedAt() != null && a.escalatedAt() == a.updatedAt()) {
      return true; // an escalation is a notice to every city subscription, whatever its filters
    }
    return (scopeDistrict == null || scopeDistrict.equals(a.district()))
        && (districts.isEmpty() || districts.contains(a.district()))
        && (rules.isEmpty() || rules.contains(a.rule()))
        && a.severity().compareTo(minSeverity) >= 0;
  }

  public boolean webhook() {
    return channel == Channel.WEBHOOK;
  }

  public JsonObject toJson(boolean withSecret) {
    JsonObject j = new JsonObject().put("id", id).put("owner", owner).put("scopeDistrict", scopeDistrict)
        .put("districts", new JsonArray(districts)).put("rules", new JsonArray(rules))
        .put("minSeverity", minSeverity.name()).put("channel", channel.json()).put("url", url)
        .put("createdAt", java.time.Instant.ofEpochMilli(createdAt).toString());
    return withSecret && secret != null ? j.put("secret", secret) : j;
  }

  /** A stored subscription; one stored before channels existed is a webhook. */
  public static Subscription fromJson(JsonObject j) {
    Channel channel = j.getString("channel") == null ? Channel.WEBHOOK : Channel.of(j.getString("channel"));
    return new Subscription(j.getString("id"), j.getString("owner"), j.getString("scopeDistrict"),
        strings(j.getJsonArray("districts")), strings(j.getJsonArray("rules")),
        Severity.valueOf(j.getString("minSeverity")), channel, j.getString("url"), j.getString("secret"),
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
