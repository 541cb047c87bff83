package cn.cq.ipmonitor.history;

import cn.cq.ipmonitor.event.AgencyEvent;
import cn.cq.ipmonitor.indicator.Counter;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a batch of new events adds to one rollup table of the plain fallback, summed per (agency, bucket) so
 * that each row is upserted once per statement. Rows are sorted by key: concurrent batches then lock rollup
 * rows in the same order, which keeps them from deadlocking each other.
 */
final class RollupIncrements {

  private static final int KEYS = 2;
  private static final List<Counter> COUNTERS = HistoryCounters.KEPT;

  private record Key(String agencyId, long bucket) {
  }

  private static final Comparator<Key> ORDER = Comparator.comparing(Key::agencyId).thenComparingLong(Key::bucket);

  private final Map<Key, long[]> rows = new TreeMap<>(ORDER);

  private RollupIncrements() {
  }

  /** The increments of {@code events} for {@code bucket}'s table; events that count nothing are left out. */
  static RollupIncrements of(List<AgencyEvent> events, Bucket bucket, ZoneId zone) {
    RollupIncrements inc = new RollupIncrements();
    for (AgencyEvent e : events) {
      int mask = HistoryCounters.mask(e);
      if (mask == 0) {
        continue;
      }
      long[] counts = inc.rows.computeIfAbsent(new Key(e.agencyId(), bucket.floor(e.occurredAtMillis(), zone)),
          k -> new long[COUNTERS.size()]);
      for (int i = 0; i < COUNTERS.size(); i++) {
        if ((mask & COUNTERS.get(i).bit()) != 0) {
          counts[i]++;
        }
      }
    }
    return inc;
  }

  boolean isEmpty() {
    return rows.isEmpty();
  }

  /** One array per column: agency ids, bucket starts, then each counter in {@link HistoryCounters#KEPT} order. */
  Tuple tuple() {
    int n = rows.size();
    String[] agencies = new String[n];
    OffsetDateTime[] buckets = new OffsetDateTime[n];
    Long[][] counts = new Long[COUNTERS.size()][n];
    int row = 0;
    for (Map.Entry<Key, long[]> e : rows.entrySet()) {
      agencies[row] = e.getKey().agencyId();
      buckets[row] = OffsetDateTime.ofInstant(Instant.ofEpochMilli(e.getKey().bucket()), ZoneOffset.UTC);
      for (int c = 0; c < COUNTERS.size(); c++) {
        counts[c][row] = e.getValue()[c];
      }
      row++;
    }
    Tuple t = Tuple.tuple().addValue(agencies).addValue(buckets);
    for (Long[] column : counts) {
      t.addValue(column);
    }
    return t;
  }

  /** The upsert into {@code table}: {@code INSERT ... SELECT * FROM unnest(...) ON CONFLICT DO UPDATE} adding. */
  static String upsert(String table) {
    String columns = COUNTERS.stream().map(HistoryCounters::column).collect(Collectors.joining(", "));
    StringBuilder arrays = new StringBuilder("$1::text[], $2::timestamptz[]");
    for (int i = 0; i < COUNTERS.size(); i++) {
      arrays.append(", $").append(i + KEYS + 1).append("::bigint[]");
    }
    String adds = COUNTERS.stream().map(HistoryCounters::column).map(c -> c + " = r." + c + " + excluded." + c)
        .collect(Collectors.joining(", "));
    return "INSERT INTO " + table + " AS r (agency_id, bucket, " + columns + ") SELECT * FROM unnest(" + arrays
        + ") ON CONFLICT (agency_id, bucket) DO UPDATE SET " + adds;
  }
}
