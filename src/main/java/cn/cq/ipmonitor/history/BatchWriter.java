package cn.cq.ipmonitor.history;

import cn.cq.ipmonitor.event.AgencyEvent;
import cn.cq.ipmonitor.event.EventType;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Stores one batch of events in one transaction: the raw events ({@code ON CONFLICT DO NOTHING RETURNING}
 * tells which are new), then, in the plain fallback, the rollup increments of the new ones only, then the
 * agencies' districts. Writing the same batch again therefore changes nothing, which is what makes Kafka's
 * redelivery after a failure harmless. Each statement is one multi-row insert over arrays ({@code unnest}),
 * the fastest way through vertx-pg-client (INFRA-NOTES).
 */
public final class BatchWriter {

  /** What a batch did. */
  public record Result(int stored, int duplicates) {
  }

  private static final String INSERT_RAW = "INSERT INTO raw_events (event_id, occurred_at, agency_id, type,"
      + " ip_type, route, application_no, attorney_id, district, payload)"
      + " SELECT e.event_id, e.occurred_at, e.agency_id, e.type, e.ip_type, e.route, e.application_no,"
      + " e.attorney_id, e.district, e.payload::jsonb"
      + " FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],"
      + " $8::text[], $9::text[], $10::text[])"
      + " AS e(event_id, occurred_at, agency_id, type, ip_type, route, application_no, attorney_id, district,"
      + " payload)"
      + " ON CONFLICT DO NOTHING RETURNING event_id";
  /** The latest registration wins; a status change only fills in the district of an agency never registered. */
  private static final String UPSERT_AGENCIES = "INSERT INTO agencies AS a (agency_id, district, name,"
      + " registered_at) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[])"
      + " ON CONFLICT (agency_id) DO UPDATE SET district = excluded.district, name = excluded.name,"
      + " registered_at = excluded.registered_at, updated_at = now()"
      + " WHERE excluded.registered_at IS NOT NULL"
      + " AND (a.registered_at IS NULL OR a.registered_at <= excluded.registered_at)";
  private static final List<Bucket> ROLLUPS = List.of(Bucket.MINUTE, Bucket.HOUR, Bucket.DAY);
  private static final Map<Bucket, String> UPSERT_ROLLUP = new EnumMap<>(Bucket.class);

  static {
    ROLLUPS.forEach(b -> UPSERT_ROLLUP.put(b, RollupIncrements.upsert(b.table)));
  }

  private final Pool pool;
  private final StorageMode mode;
  private final ZoneId zone;

  public BatchWriter(Pool pool, StorageMode mode, ZoneId zone) {
    this.pool = pool;
    this.mode = mode;
    this.zone = zone;
  }

  /** Writes {@code rows} (repeats of an eventId within them count as duplicates) in one transaction. */
  public Future<Result> write(List<EventRow> rows) {
    Map<String, EventRow> unique = new LinkedHashMap<>();
    rows.forEach(r -> unique.putIfAbsent(EventRow.storable(r.event().eventId()), r));
    if (unique.isEmpty()) {
      return Future.succeededFuture(new Result(0, 0));
    }
    List<EventRow> batch = new ArrayList<>(unique.values());
    return pool.withTransaction(c -> c.preparedQuery(INSERT_RAW).execute(rawTuple(batch))
        .compose(inserted -> {
          List<AgencyEvent> fresh = fresh(batch, inserted);
          return rollups(c, fresh)
              .compose(x -> agencies(c, batch))
              .map(x -> new Result(fresh.size(), rows.size() - fresh.size()));
        }));
  }

  private static List<AgencyEvent> fresh(List<EventRow> batch, RowSet<Row> inserted) {
    Set<String> ids = new HashSet<>(inserted.size() * 2);
    inserted.forEach(r -> ids.add(r.getString(0)));
    List<AgencyEvent> fresh = new ArrayList<>(ids.size());
    batch.forEach(r -> {
      if (ids.contains(EventRow.storable(r.event().eventId()))) {
        fresh.add(r.event());
      }
    });
    return fresh;
  }

  private Future<Void> rollups(SqlConnection c, List<AgencyEvent> fresh) {
    // With TimescaleDB the continuous aggregates follow the raw events by themselves.
    Future<Void> chain = Future.succeededFuture();
    if (mode != StorageMode.PLAIN || fresh.isEmpty()) {
      return chain;
    }
    for (Bucket b : ROLLUPS) {
      chain = chain.compose(x -> {
        RollupIncrements inc = RollupIncrements.of(fresh, b, zone);
        return inc.isEmpty() ? Future.<Void>succeededFuture()
            : c.preparedQuery(UPSERT_ROLLUP.get(b)).execute(inc.tuple()).mapEmpty();
      });
    }
    return chain;
  }

  private static Future<Void> agencies(SqlConnection c, List<EventRow> batch) {
    // One row per agency (an upsert may not touch a row twice), sorted so that batches lock rows in one order.
    Map<String, AgencyEvent> latest = new TreeMap<>();
    for (EventRow r : batch) {
      AgencyEvent e = r.event();
      boolean registration = e.type() == EventType.AGENCY_REGISTERED;
      if (!registration && !(e.type() == EventType.AGENCY_STATUS_CHANGED && e.district() != null)) {
        continue;
      }
      latest.merge(e.agencyId(), e, (old, now) -> wins(now, old) ? now : old);
    }
    if (latest.isEmpty()) {
      return Future.succeededFuture();
    }
    int n = latest.size();
    String[] ids = new String[n];
    String[] districts = new String[n];
    String[] names = new String[n];
    OffsetDateTime[] registeredAt = new OffsetDateTime[n];
    int i = 0;
    for (AgencyEvent e : latest.values()) {
      boolean registration = e.type() == EventType.AGENCY_REGISTERED;
      ids[i] = e.agencyId();
      districts[i] = e.district();
      names[i] = registration ? EventRow.storable(e.registry().name()) : null;
      registeredAt[i] = registration ? utc(e.occurredAtMillis()) : null;
      i++;
    }
    return c.preparedQuery(UPSERT_AGENCIES)
        .execute(Tuple.tuple().addValue(ids).addValue(districts).addValue(names).addValue(registeredAt)).mapEmpty();
  }

  /** A registration beats a status change; between registrations, the later one wins. */
  private static boolean wins(AgencyEvent candidate, AgencyEvent current) {
    boolean candReg = candidate.type() == EventType.AGENCY_REGISTERED;
    boolean curReg = current.type() == EventType.AGENCY_REGISTERED;
    if (candReg != curReg) {
      return candReg;
    }
    return candidate.occurredAtMillis() >= current.occurredAtMillis();
  }

  private static Tuple rawTuple(List<EventRow> batch) {
    int n = batch.size();
    String[] ids = new String[n];
    OffsetDateTime[] at = new OffsetDateTime[n];
    String[] agencies = new String[n];
    String[] types = new String[n];
    String[] ipTypes = new String[n];
    String[] routes = new String[n];
    String[] applications = new String[n];
    String[] attorneys = new String[n];
    String[] districts = new String[n];
    String[] payloads = new String[n];
    for (int i = 0; i < n; i++) {
      AgencyEvent e = batch.get(i).event();
      ids[i] = EventRow.storable(e.eventId());
      at[i] = utc(e.occurredAtMillis());
      agencies[i] = e.agencyId();
      types[i] = e.type().name();
      ipTypes[i] = e.ipType() == null ? null : e.ipType().name();
      routes[i] = e.route().name();
      applications[i] = EventRow.storable(e.applicationNo());
      attorneys[i] = EventRow.storable(e.attorneyId());
      districts[i] = e.district();
      payloads[i] = EventRow.storable(batch.get(i).payload());
    }
    return Tuple.tuple().addValue(ids).addValue(at).addValue(agencies).addValue(types).addValue(ipTypes)
        .addValue(routes).addValue(applications).addValue(attorneys).addValue(districts).addValue(payloads);
  }

  private static OffsetDateTime utc(long millis) {
    return OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
  }
}
