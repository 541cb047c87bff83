package cn.cq.ipmonitor.alert;

import cn.cq.ipmonitor.event.Districts;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The body of {@code POST /api/v1/subscriptions} and {@code PUT /api/v1/subscriptions/{id}}, validated: every
 * problem is named, so a console can show them all at once. Pure (no I/O).
 *
 * @param secret null when the body gave none (a webhook then gets a generated one, or keeps its old one on PUT)
 */
record SubscriptionForm(Subscription.Channel channel, String url, String secret, List<String> districts,
                        List<String> rules, Severity minSeverity) {

  static final int MAX_URL = 2048;
  static final int MIN_SECRET = 16;

  /** A valid form, or the reasons it is not. */
  record Result(SubscriptionForm form, List<String> errors) {
  }

  /**
   * @param scope     the district the subscription is held to (the token's, or the stored subscription's),
   *                  null for the city
   * @param ruleNames the rules that exist
   */
  static Result parse(JsonObject body, String scope, Set<String> ruleNames) {
    List<String> errors = new ArrayList<>();
    Subscription.Channel channel = Subscription.Channel.WEBHOOK;
    if (body.getValue("channel") != null) {
      channel = body.getValue("channel") instanceof String s ? Subscription.Channel.of(s) : null;
      if (channel == null) {
        errors.add("channel: \"webhook\" or \"websocket\"");
      }
    }
    String url = body.getValue("url") instanceof String s ? s : null;
    String secret = body.getValue("secret") instanceof String s ? s : null;
    if (channel == Subscription.Channel.WEBSOCKET) {
      if (body.getValue("url") != null || body.getValue("secret") != null) {
        errors.add("url, secret: a websocket subscription is a saved filter and takes neither");
      }
    } else if (channel != null) {
      if (url == null || url.length() > MAX_URL || !isHttpUrl(url)) {
        errors.add("url: an absolute http or https URL is required");
      }
      if (body.containsKey("secret") && (secret == null || secret.length() < MIN_SECRET)) {
        errors.add("secret: at least " + MIN_SECRET + " characters (or leave it out to get one)");
      }
    }
    List<String> districts = strings(body, "districts", errors);
    for (String d : districts) {
      if (!Districts.isValid(d)) {
        errors.add("districts: not a district code (" + d + ")");
      } else if (scope != null && !scope.equals(d)) {
        errors.add("districts: " + d + " is outside this subscription's scope (" + scope + ")");
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
      return new Result(null, List.copyOf(errors));
    }
    boolean hook = channel == Subscription.Channel.WEBHOOK;
    return new Result(new SubscriptionForm(channel, hook ? url : null, hook ? secret : null, districts, rules, min),
        List.of());
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
