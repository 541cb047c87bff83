package cn.cq.ipmonitor.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.cq.ipmonitor.indicator.Counter;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The history batch writer on a plain PostgreSQL")
class BatchWriterTest extends PostgresTestBase {

  private static final long HOUR = 3_600_000L;

  @Test
  @DisplayName("the same batch written twice stores each event once and adds to the rollups once")
  void idempotent() {
    HistoryDatabase db = TestHistory.open(vertx, pg);
    try {
      BatchWriter w = new BatchWriter(db.pool(), StorageMode.PLAIN, db.zone());
      long now = System.currentTimeMillis();
      List<JsonObject> events = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        events.add(TestHistory.filing("50001", "INVENTION", "DOMESTIC", now - i * 60_000L));
      }
      events.add(events.get(0));
      List<EventRow> rows = TestHistory.rows(events);
      assertEquals(new BatchWriter.Result(50, 1), w.write(rows).await());
      assertEquals(new BatchWriter.Result(0, 51), w.write(rows).await());
      assertEquals(50, scalar(db, "SELECT count(*) FROM raw_events"));
      assertEquals(50, scalar(db, "SELECT sum(filings) FROM rollup_minute"));
      assertEquals(50, scalar(db, "SELECT sum(filings_invention) FROM rollup_hour"));
      assertEquals(50, scalar(db, "SELECT sum(filings) FROM rollup_day"));
    } finally {
      db.close().await();
    }
  }

  @Test
  @DisplayName("rollups equal the counts recomputed from the raw events, for random events in random batches")
  void rollupsMatchRawEvents() {
    HistoryDatabase db = TestHistory.open(vertx, pg);
    try {
      BatchWriter w = new BatchWriter(db.pool(), StorageMode.PLAIN, db.zone());
      Random rnd = new Random(20261121);
      long now = System.currentTimeMillis();
      List<JsonObject> events = new ArrayList<>();
      for (int i = 0; i < 5_000; i++) {
        // Three days around local midnights, with repeats: the day buckets' edges get exercised.
        events.add(TestHistory.random(rnd, "A" + rnd.nextInt(12), now - (long) (rnd.nextDouble() * 72 * HOUR)));
        if (rnd.nextInt(20) == 0) {
          events.add(events.get(rnd.nextInt(events.size())));
        }
      }
      List<EventRow> rows = TestHistory.rows(events);
      Collections.shuffle(rows, rnd);
      int unique = (int) rows.stream().map(r -> r.event().eventId()).distinct().count();
      int stored = 0;
      for (int from = 0; from < rows.size(); ) {
        int to = Math.min(rows.size(), from + 1 + rnd.nextInt(1200));
        stored += w.write(rows.subList(from, to)).await().stored();
        from = to;
      }
      assertEquals(unique, stored);
      assertEquals(unique, scalar(db, "SELECT count(*) FROM raw_events"));
      for (Bucket b : List.of(Bucket.MINUTE, Bucket.HOUR, Bucket.DAY)) {
        assertEquals(0, scalar(db, mismatches(b)), "rollup " + b.table + " differs from a recount of raw_events");
      }
      assertEquals(scalar(db, "SELECT count(*) FROM raw_events WHERE type = 'FILING_SUBMITTED'"),
          scalar(db, "SELECT sum(filings) FROM rollup_day"));
    } finally {
      db.close().await();
    }
  }

  @Test
  @DisplayName("the agencies table keeps each agency's latest registration, and a status change only fills in a district")
  void agencies() {
    HistoryDatabase db = TestHistory.open(vertx, pg);
    try {
      BatchWriter w = new BatchWriter(db.pool(), StorageMode.PLAIN, db.zone());
      long now = System.currentTimeMillis();
      w.write(TestHistory.rows(List.of(TestHistory.registered("50001", "500105", now - 10 * HOUR),
          TestHistory.registered("50001", "500103", now - 5 * HOUR),
          TestHistory.base("AGENCY_STATUS_CHANGED", "50002", now).put("district", "500112")
              .put("detail", new JsonObject().put("status", "ACTIVE"))))).await();
      w.write(TestHistory.rows(List.of(TestHistory.registered("50001", "500105", now - 20 * HOUR),
          TestHistory.base("AGENCY_STATUS_CHANGED", "50001", now).put("district", "500101")
              .put("detail", new JsonObject().put("status", "ACTIVE"))))).await();
      assertEquals("500103", new HistoryStore(db).districtOf("50001").await(), "the later registration wins");
      assertEquals("500112", new HistoryStore(db).districtOf("50002").await());
      assertEquals(null, new HistoryStore(db).districtOf("50003").await());
    } finally {
      db.close().await();
    }
  }

  /** Rows of the rollup table and of a recount from raw_events (with HistoryCounters' SQL) that differ. */
  private static String mismatches(Bucket b) {
    String bucket = switch (b) {
      case MINUTE -> "date_trunc('minute', occurred_at, 'UTC')";
      case HOUR -> "date_trunc('hour', occurred_at, 'UTC')";
      default -> "date_trunc('day', occurred_at, '" + TestHistory.ZONE + "')";
    };
    String columns = HistoryCounters.KEPT.stream().map(HistoryCounters::column).collect(Collectors.joining(", "));
    String anyCount = HistoryCounters.KEPT.stream().map(c -> "(" + HistoryCounters.predicate(c) + ")")
        .collect(Collectors.joining(" OR "));
    String recount = "SELECT agency_id, " + bucket + " AS bucket, " + HistoryCounters.sumExpressions()
        + " FROM raw_events WHERE " + anyCount + " GROUP BY 1, 2";
    String rollup = "SELECT agency_id, bucket, " + columns + " FROM " + b.table;
    return "SELECT count(*) FROM ((" + recount + " EXCEPT " + rollup + ") UNION ALL (" + rollup + " EXCEPT "
        + recount + ")) diff";
  }

  private static long scalar(HistoryDatabase db, String sql) {
    Row r = db.pool().query(sql).execute().await().iterator().next();
    return r.getLong(0);
  }

  static {
    // Every counter the live state has, except unlicensed filings, is kept: the mismatch check covers them all.
    assert HistoryCounters.KEPT.size() == Counter.values().length - 1;
  }
}
