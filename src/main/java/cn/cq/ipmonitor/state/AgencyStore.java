package cn.cq.ipmonitor.state;

import cn.cq.ipmonitor.indicator.AgencyReading;
import cn.cq.ipmonitor.indicator.AgencyState;
import cn.cq.ipmonitor.indicator.Fact;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The clustered per-agency state, seen from Vert.x: every call returns a Future completed on the caller's
 * context, and none blocks an event loop. Writes ship one {@link ApplyFacts} per agency per batch, so the
 * number of Hazelcast operations follows the number of agencies in a batch, not the number of events.
 */
public final class AgencyStore {

  /** What a batch did. */
  public record ApplyStats(long applied, long duplicates, long outOfWindow) {
    public static final ApplyStats NONE = new ApplyStats(0, 0, 0);
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

  /**
   * Applies each agency's facts; completes when every agency's state (and its backups) holds them. The
   * per-agency results are gathered on Hazelcast's threads and handed back once, so a batch of thousands of
   * agencies costs one hop to the caller's event loop.
   */
  public Future<ApplyStats> apply(Map<String, List<Fact>> factsByAgency, long nowMillis) {
    if (factsByAgency.isEmpty()) {
      return Future.succeededFuture(ApplyStats.NONE);
    }
    Context ctx = vertx.getOrCreateContext();
    Promise<ApplyStats> done = Promise.promise();
    AtomicInteger remaining = new AtomicInteger(factsByAgency.size());
    AtomicLongArray totals = new AtomicLongArray(AgencyState.Outcome.values().length);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CompletionStage<int[]> submitted;
    for (Map.Entry<String, List<Fact>> e : factsByAgency.entrySet()) {
      try {
        submitted = map.submitToKey(e.getKey(), new ApplyFacts(e.getValue(), nowMillis, zone, dedupRetentionDays));
      } catch (RuntimeException notActive) {
        // A member shutting down refuses synchronously; the batch fails like any other failed write.
        submitted = java.util.concurrent.CompletableFuture.failedFuture(notActive);
      }
      submitted.whenCompleteAsync((r, ex) -> {
          if (ex != null) {
            failure.compareAndSet(null, ex);
          } else {
            for (int i = 0; i < r.length; i++) {
              totals.addAndGet(i, r[i]);
            }
          }
          if (remaining.decrementAndGet() == 0) {
            ctx.runOnContext(v -> {
              if (failure.get() != null) {
                done.fail(failure.get());
              } else {
                done.complete(new ApplyStats(totals.get(0), totals.get(1), totals.get(2)));
              }
            });
          }
        }, Runnable::run);
    }
    return done.future();
  }

  /**
   * Replays agencies' history over whole days {@code [fromMillis, toMillis)}: for the agencies in
   * {@code clearFirst} the days are emptied before their facts are applied again.
   *
   * @return the facts replayed
   */
  public Future<Integer> replay(Map<String, List<Fact>> factsByAgency, Set<String> clearFirst, long fromMillis,
                                long toMillis, long nowMillis) {
    Context ctx = vertx.getOrCreateContext();
    List<Future<Integer>> parts = new ArrayList<>(factsByAgency.size());
    factsByAgency.forEach((agencyId, facts) -> {
      try {
        parts.add(toFuture(map.submitToKey(agencyId, new ReplayFacts(facts, clearFirst.contains(agencyId),
            fromMillis, toMillis, nowMillis, zone, dedupRetentionDays)), ctx));
      } catch (RuntimeException e) {
        parts.add(Future.failedFuture(e));
      }
    });
    return Future.all(parts).map(all -> parts.stream().mapToInt(Future::result).sum());
  }

  /** One agency's reading, or null when nothing is known of it. */
  public Future<AgencyReading> read(String agencyId, long nowMillis) {
    try {
      return toFuture(map.submitToKey(agencyId, new ReadAgency(nowMillis, zone)), vertx.getOrCreateContext());
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /** Readings of the agencies whose primary copy this member holds, with their evidence (for the alert rules). */
  public Future<List<AgencyReading>> readLocal(long nowMillis) {
    try {
      java.util.Set<String> keys = map.localKeySet();
      if (keys.isEmpty()) {
        return Future.succeededFuture(List.of());
      }
      return toFuture(map.submitToKeys(keys, new ReadAgency(nowMillis, zone, true)), vertx.getOrCreateContext())
          .map(m -> m.values().stream().filter(java.util.Objects::nonNull).toList());
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
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

  /** Agencies in the state, or -1 when the member cannot tell (shutting down, cut off). */
  public int size() {
    try {
      return map.size();
    } catch (RuntimeException e) {
      return -1;
    }
  }

  /**
   * Bridges a Hazelcast future to a Vert.x one completed on {@code ctx}. The plain bridge runs callbacks on
   * Hazelcast's default async executor, which, where the common ForkJoinPool has a parallelism of 1 (any
   * 2-core machine), starts a new thread per callback: that alone cost three fifths of the ingest throughput.
   */
  static <T> Future<T> toFuture(CompletionStage<T> stage, Context ctx) {
    Promise<T> p = Promise.promise();
    stage.whenCompleteAsync((v, e) -> ctx.runOnContext(x -> {
      if (e != null) {
        p.fail(e);
      } else {
        p.complete(v);
      }
    }), Runnable::run);
    return p.future();
  }
}
