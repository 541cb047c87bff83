package cn.cq.ipmonitor.alert;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One alert change as a Prometheus Alertmanager webhook message, so existing receivers work, and its
 * signature. The fingerprint names the change (alert id, status, time): a receiver that gets a change twice
 * (delivery is at least once) can drop the repeat by it.
 */
public final class WebhookPayload {

  /** Header carrying {@code sha256=<hex HMAC-SHA256 of the body with the subscription's secret>}. */
  public static final String SIGNATURE_HEADER = "X-Ipmon-Signature";
  private static final String ALERTMANAGER_VERSION = "4";
  /** Alertmanager's "no end" time. */
  private static final String NO_END = "0001-01-01T00:00:00Z";

  private WebhookPayload() {
  }

  public static JsonObject of(Alert a, String receiver, String externalUrl) {
    String status = a.status() == AlertStatus.RESOLVED ? "resolved" : "firing";
    JsonObject labels = new JsonObject().put("alertname", a.rule()).put("agencyId", a.agencyId())
        .put("district", a.district()).put("severity", a.severity().name().toLowerCase(java.util.Locale.ROOT));
    JsonObject annotations = new JsonObject()
        .put("summary", a.rule() + " " + a.severity() + " for agency " + a.agencyId())
        .put("status", a.status().name()).put("value", str(a.value())).put("threshold", str(a.threshold()))
        .put("window", a.window()).put("ackBy", a.ackBy()).put("note", a.note()).put("alertId", a.id())
        .put("escalated", a.escalatedAt() == null ? null : Instant.ofEpochMilli(a.escalatedAt()).toString());
    JsonObject alert = new JsonObject().put("status", status).put("labels", labels).put("annotations", annotations)
        .put("startsAt", Instant.ofEpochMilli(a.startsAt()).toString())
        .put("endsAt", a.endsAt() == null ? NO_END : Instant.ofEpochMilli(a.endsAt()).toString())
        .put("generatorURL", externalUrl + "/api/v1/alerts?agencyId=" + a.agencyId())
        .put("fingerprint", fingerprint(a));
    return new JsonObject().put("version", ALERTMANAGER_VERSION).put("groupKey", a.rule() + "/" + a.agencyId())
        .put("truncatedAlerts", 0).put("status", status).put("receiver", receiver)
        .put("groupLabels", new JsonObject().put("alertname", a.rule()))
        .put("commonLabels", labels.copy()).put("commonAnnotations", annotations.copy())
        .put("externalURL", externalUrl).put("alerts", new JsonArray().add(alert));
  }

  /** The alertname of a test message: no rule has it, so a receiver can tell a test from a real alert. */
  public static final String TEST_ALERTNAME = "IPMON_TEST";

  /**
   * A test message for one subscription, in the same format as real deliveries: status "firing", alertname
   * {@link #TEST_ALERTNAME}, a label {@code test="true"}, severity info, and a summary that says it is a test.
   */
  public static JsonObject test(Subscription s, String externalUrl, long now) {
    Alert fake = new Alert(TEST_ALERTNAME + "-" + s.id() + "-" + Long.toString(now, Character.MAX_RADIX),
        TEST_ALERTNAME, Severity.INFO, AlertStatus.FIRING, "-", s.scopeDistrict(), now, now, null, null, null, null,
        null, null, null, null, Alert.HOLDING, null);
    JsonObject msg = of(fake, s.id(), externalUrl);
    String summary = "Test notification from IP Agency Monitor for subscription " + s.id() + "; not an alert";
    for (JsonObject o : new JsonObject[] {msg, msg.getJsonArray("alerts").getJsonObject(0)}) {
      JsonObject labels = o.containsKey("commonLabels") ? o.getJsonObject("commonLabels") : o.getJsonObject("labels");
      labels.put("test", "true");
      JsonObject ann = o.containsKey("commonAnnotations") ? o.getJsonObject("commonAnnotations")
          : o.getJsonObject("annotations");
      ann.put("summary", summary);
    }
    return msg;
  }

  /** Names one change of one alert. */
  public static String fingerprint(Alert a) {
    return a.id() + "/" + a.status() + "/" + a.updatedAt();
  }

  public static String sign(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }

  private static String str(Double v) {
    return v == null ? null : Double.toString(v);
  }
}
