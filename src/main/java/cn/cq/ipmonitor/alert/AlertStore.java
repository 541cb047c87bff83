package cn.cq.ipmonitor.alert;

import com.hazelcast.config.Config;
import com.hazelcast.config.MapConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Alerts in the cluster. The open alert of a (rule, agency) lives under {@code RULE|agency@agency}: the part
 * after '@' is Hazelcast's partition key, so an agency's alerts sit in the same partition as its state and the
 * member that evaluates the agency reads and writes them locally. Resolved alerts move to a second map, kept
 * for a configured number of days. An alert resolved by hand while its condition still holds also stays in the
 * open map, resolved, as a marker that keeps the evaluator from raising it again until the condition clears.
 * Values are alert JSON.
 */
public final class AlertStore {

  public static final String OPEN = "ipmon.alerts.open";
  public static final String RESOLVED = "ipmon.alerts.resolved";

  private final Vertx vertx;
  private final IMap<String, String> open;
  private final IMap<String, String> resolved;

  public AlertStore(Vertx vertx, HazelcastInstance hz) {
    this.vertx = vertx;
    this.open = hz.getMap(OPEN);
    this.resolved = hz.getMap(RESOLVED);
  }

  /** The maps' configuration: backups like the agency state, resolved alerts expiring. */
  public static void configure(Config c, int backupCount, int keepResolvedDays) {
    c.addMapConfig(new MapConfig(OPEN).setBackupCount(backupCount));
    c.addMapConfig(new MapConfig(RESOLVED).setBackupCount(backupCount)
        .setTimeToLiveSeconds((int) TimeUnit.DAYS.toSeconds(keepResolvedDays)));
  }

  public static String key(String rule, String agencyId) {
    return rule + "|" + agencyId + "@" + agencyId;
  }

  /** The open alerts this member holds, by key (blocking: call from a worker). */
  Map<String, Alert> localOpen() {
    Set<String> keys = open.localKeySet();
    return open.getAll(keys).entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
        e -> AlertJson.fromJson(new JsonObject(e.getValue()))));
  }

  /** Stores a changed alert (blocking). Resolved ones leave the open map for the resolved one. */
  void save(Alert a) {
    String json = AlertJson.toJson(a).encode();
    if (a.status() == AlertStatus.RESOLVED) {
      resolved.set(a.id(), json);
      open.delete(key(a.rule(), a.agencyId()));
    } else {
      open.set(key(a.rule(), a.agencyId()), json);
    }
  }

  /** Every alert, open and resolved (each once), for the API to filter. */
  public Future<List<Alert>> all() {
    return vertx.executeBlocking(() -> {
      Map<String, Alert> byId = new java.util.HashMap<>();
      addAll(byId, resolved.values());
      addAll(byId, open.values());
      return new ArrayList<>(byId.values());
    }, false);
  }

  /** The alerts that are open now (FIRING or ACKNOWLEDGED), without the markers of alerts resolved by hand. */
  public Future<List<Alert>> open() {
    return vertx.executeBlocking(() -> {
      List<Alert> out = new ArrayList<>();
      open.values().forEach(v -> {
        Alert a = AlertJson.fromJson(new JsonObject(v));
        if (a.status() != AlertStatus.RESOLVED) {
          out.add(a);
        }
      });
      return out;
    }, false);
  }

  private static void addAll(Map<String, Alert> out, Collection<String> values) {
    values.forEach(v -> {
      Alert a = AlertJson.fromJson(new JsonObject(v));
      out.putIfAbsent(a.id(), a);
    });
  }

  /** Forgets the marker of an alert resolved by hand, once its condition has cleared (blocking). */
  void forget(Alert resolvedByHand) {
    open.remove(key(resolvedByHand.rule(), resolvedByHand.agencyId()), AlertJson.toJson(resolvedByHand).encode());
  }

  /** The open alert with this id, or null (blocking). */
  Alert openById(String id) {
    String rule = id.substring(0, Math.max(0, id.indexOf('-')));
    int last = id.lastIndexOf('-');
    if (rule.isEmpty() || last <= rule.length()) {
      return null;
    }
    String agency = id.substring(rule.length() + 1, last);
    String json = open.get(key(rule, agency));
    Alert a = json == null ? null : AlertJson.fromJson(new JsonObject(json));
    return a != null && a.id().equals(id) && a.status() != AlertStatus.RESOLVED ? a : null;
  }

  /** Replaces an open alert if it has not changed meanwhile (blocking); false when it has. */
  boolean replace(Alert before, Alert after) {
    String k = key(before.rule(), before.agencyId());
    String was = AlertJson.toJson(before).encode();
    String now = AlertJson.toJson(after).encode();
    if (!open.replace(k, was, now)) {
      return false;
    }
    if (after.status() == AlertStatus.RESOLVED) {
      resolved.set(after.id(), now);
    }
    return true;
  }
}
