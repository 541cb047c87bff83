package cn.cq.ipmonitor.state;

import cn.cq.ipmonitor.indicator.AgencyReading;
import cn.cq.ipmonitor.indicator.AgencyState;
import cn.cq.ipmonitor.indicator.Fact;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The clustered per-agency state, seen from Vert.x: every call returns a Future and none blocks an event
 * loop. Writes ship one {@link ApplyFacts} per agency per batch, so the number of Hazelcast operations
 * follows the number of agencies in a batch, not the number of events.
 */
public final class AgencyStore {

  /** What a batch did. */
  public record ApplyStats(long applied, long duplicates, long outOfWindow) {
    public static final ApplyStats NONE = new ApplyStats(0, 0, 0);

    ApplyStats plus(int[] r) {
      return new ApplyStats(applied + r[0], duplicates + r[1], outOfWindow + r[2]);
    }
  }

  private final Vertx vertx;
  private final IMap<String, AgencyState> map;
  private final String zone;
  private final int dedupRetentionDays;

  public AgencyStore(Vertx vertx, HazelcastInstance hz, String zone, int dedupRetentionDays) {
    this.vertx = vertx;
    this.map = hz.getMap(StateNames.AGENCIES);
    this.zone = zone;
    this.dedupRetentionDays = dedupRetentionDays;
  }

  /** Applies each agency's facts; completes when every agency's state (and its backups) holds them. */
  public Future<ApplyStats> apply(Map<String, List<Fact>> factsByAgency, long nowMillis) {
    List<Future<int[]>> writes = new ArrayList<>(factsByAgency.size());
    factsByAgency.forEach((agencyId, facts) -> writes.add(Future.fromCompletionStage(
        map.submitToKey(agencyId, new ApplyFacts(facts, nowMillis, zone, dedupRetentionDays)))));
    return Future.all(writes).map(all -> {
      ApplyStats stats = ApplyStats.NONE;
      for (Future<int[]> w : writes) {
        stats = stats.plus(w.result());
      }
      return stats;
    });
  }

  /** One agency's reading, or null when nothing is known of it. */
  public Future<AgencyReading> read(String agencyId, long nowMillis) {
    return Future.fromCompletionStage(map.submitToKey(agencyId, new ReadAgency(nowMillis, zone)));
  }

  /** Readings of every agency, or of one district's. Runs on a worker: Hazelcast's aggregate blocks. */
  public Future<List<AgencyReading>> readAll(String district, long nowMillis) {
    return vertx.executeBlocking(() -> map.aggregate(new ReadingsAggregator(nowMillis, zone, district)), false);
  }

  /** Drops expired buckets and eventIds everywhere. */
  public Future<Void> compact(long nowMillis) {
    return vertx.executeBlocking(() -> {
      map.executeOnEntries(new CompactAgency(nowMillis, zone, dedupRetentionDays));
      return null;
    }, false);
  }

  public int size() {
    return map.size();
  }
}
