package cn.cq.ipmonitor.history;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers history questions from the rollups (tables in the plain fallback, continuous aggregates with
 * TimescaleDB: the same names and columns). Districts and the city are sums over agencies, a district's
 * agencies being those the {@code agencies} table puts there. Month buckets are summed from day rollups.
 */
public final class HistoryStore {

  /** One bucket of a series. */
  public record Point(long startMillis, long value) {
  }

  private final HistoryDatabase db;

  public HistoryStore(HistoryDatabase db) {
    this.db = db;
  }

  /** Whether the database is ready to answer. */
  public boolean isReady() {
    return db.isReady();
  }

  /** The district the agency registered in; completes with null when it never registered. */
  public Future<String> districtOf(String agencyId) {
    return db.pool().preparedQuery("SELECT district FROM agencies WHERE agency_id = $1").execute(Tuple.of(agencyId))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0));
  }

  /** The series, one point per bucket of the range, zeros included. */
  public Future<List<Point>> series(HistoryRequest q) {
    Tuple params = Tuple.tuple().addValue(utc(q.fromMillis())).addValue(utc(q.toMillis()));
    if (q.scopeId() != null) {
      params.addValue(q.scopeId());
    }
    if (q.bucket() == Bucket.MONTH) {
      params.addValue(db.zone().getId());
    }
    return db.pool().preparedQuery(sql(q)).execute(params).map(rows -> {
      Map<Long, Long> byStart = new HashMap<>();
      for (Row r : rows) {
        byStart.put(r.getOffsetDateTime(0).toInstant().toEpochMilli(), r.getLong(1));
      }
      return dense(q, byStart);
    });
  }

  private List<Point> dense(HistoryRequest q, Map<Long, Long> byStart) {
    List<Point> points = new ArrayList<>();
    for (long t = q.fromMillis(); t < q.toMillis(); t = q.bucket().next(t, db.zone())) {
      points.add(new Point(t, byStart.getOrDefault(t, 0L)));
    }
    return points;
  }

  /**
   * The query; the column and table come from enums, never from the request. $1 and $2 are the range, $3 the
   * district or agency, and the last one the zone of month buckets.
   */
  static String sql(HistoryRequest q) {
    String col = HistoryCounters.column(q.metric());
    String table = q.bucket().table;
    int zoneParam = q.scopeId() == null ? 3 : 4;
    String bucket = q.bucket() == Bucket.MONTH
        ? "(date_trunc('month', r.bucket AT TIME ZONE $" + zoneParam + ") AT TIME ZONE $" + zoneParam + ")"
        : "r.bucket";
    String from = " FROM " + table + " r";
    String where = " WHERE r.bucket >= $1 AND r.bucket < $2";
    switch (q.scopeKind()) {
      case AGENCY -> where += " AND r.agency_id = $3";
      case DISTRICT -> {
        from += " JOIN agencies a ON a.agency_id = r.agency_id";
        where += " AND a.district = $3";
      }
      case CITY -> {
      }
    }
    return "SELECT " + bucket + " AS b, sum(r." + col + ")::bigint AS v" + from + where + " GROUP BY 1 ORDER BY 1";
  }

  private static OffsetDateTime utc(long millis) {
    return OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
  }
}
