package cn.cq.ipmonitor.alert;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Alerts as CONTRACT.md section 5 JSON, both for the API and for the cluster: alerts are few and small, and
 * keeping them as JSON text in Hazelcast needs no serializer of their own.
 */
public final class AlertJson {

  private AlertJson() {
  }

  public static JsonObject toJson(Alert a) {
    return new JsonObject()
        .put("id", a.id()).put("rule", a.rule()).put("severity", a.severity().name())
        .put("status", a.status().name()).put("agencyId", a.agencyId()).put("district", a.district())
        .put("startsAt", time(a.startsAt())).put("updatedAt", time(a.updatedAt()))
        .put("endsAt", a.endsAt() == null ? null : time(a.endsAt()))
        .put("value", a.value()).put("threshold", a.threshold()).put("window", a.window())
        .put("evidence", new JsonArray(a.evidence() == null ? List.of() : a.evidence()))
        .put("ackBy", a.ackBy()).put("ackAt", a.ackAt() == null ? null : time(a.ackAt())).put("note", a.note())
        .put("clearSince", a.clearSince() < 0 ? null : time(a.clearSince()))
        .put("escalatedAt", a.escalatedAt() == null ? null : time(a.escalatedAt()))
        .put("noteBy", a.noteBy()).put("noteAt", a.noteAt() == null ? null : time(a.noteAt()));
  }

  public static Alert fromJson(JsonObject j) {
    List<String> evidence = new ArrayList<>();
    j.getJsonArray("evidence", new JsonArray()).forEach(e -> evidence.add(String.valueOf(e)));
    return new Alert(j.getString("id"), j.getString("rule"), Severity.valueOf(j.getString("severity")),
        AlertStatus.valueOf(j.getString("status")), j.getString("agencyId"), j.getString("district"),
        millis(j.getString("startsAt")), millis(j.getString("updatedAt")), nullableMillis(j.getString("endsAt")),
        j.getDouble("value"), j.getDouble("threshold"), j.getString("window"), List.copyOf(evidence),
        j.getString("ackBy"), nullableMillis(j.getString("ackAt")), j.getString("note"),
        j.getString("clearSince") == null ? -1 : millis(j.getString("clearSince")),
        nullableMillis(j.getString("escalatedAt")), j.getString("noteBy"), nullableMillis(j.getString("noteAt")));
  }

  private static String time(long millis) {
    return Instant.ofEpochMilli(millis).toString();
  }

  private static long millis(String s) {
    return Instant.parse(s).toEpochMilli();
  }

  private static Long nullableMillis(String s) {
    return s == null ? null : millis(s);
  }
}
