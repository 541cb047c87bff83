package cn.cq.ipmonitor.history;

import cn.cq.ipmonitor.config.HistoryConfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The TimescaleDB path, against a real TimescaleDB server named by {@code IPMON_TEST_TIMESCALE_URL}
 * ({@code postgresql://user:password@host:port/database}, a role allowed to create databases). There is none
 * on our build machines, so it is skipped there.
 */
@DisplayName("History migrations and rollups on TimescaleDB")
class TimescaleMigrationsTest {

  private static final String ENV = "IPMON_TEST_TIMESCALE_URL";
  private Vertx vertx;
  private HistoryDatabase db;
  private PgConnectOptions server;

  @BeforeEach
  void open() {
    String url = System.getenv(ENV);
    Assumptions.assumeTrue(url != null && !url.isBlank(),
        "TimescaleDB tests skipped: set " + ENV + " to a TimescaleDB server (postgresql://user:pw@host:port/db)");
    server = PgConnectOptions.fromUri(url);
    vertx = Vertx.vertx();
    String name = "ipmon_ts_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    Pool admin = PgBuilder.pool().connectingTo(server).using(vertx).build();
    admin.query("CREATE DATABASE " + name).execute().await();
    admin.close().await();
    HistoryConfig c = TestHistory.config(server.getPort(), name);
    HistoryConfig cfg = new HistoryConfig(true, false, "", server.getHost(), server.getPort(), name, server.getUser(),
        server.getPassword() == null ? "" : server.getPassword(), c.poolSize(), c.batchRows(), c.maxInFlightBatches(),
        c.maxPendingRows(), c.maxPollRecords(), c.groupSuffix(), c.retryInitialMs(), c.retryMaxMs(), c.zone(),
        c.timescale());
    db = HistoryDatabase.open(vertx, cfg, server.getHost(), server.getPort());
  }

  @AfterEach
  void close() {
    if (db != null) {
      db.close().await();
    }
    if (vertx != null) {
      vertx.close().await();
    }
  }

  @Test
  @DisplayName("the hypertable, continuous aggregates and policies are created, a re-run changes nothing, and the aggregates count like the fallback")
  void timescale() {
    assertEquals(StorageMode.TIMESCALE, db.ready().await());
    assertEquals(StorageMode.TIMESCALE, new Migrations(db.pool(), db.config()).apply().await());
    assertEquals(1, scalar("SELECT count(*) FROM timescaledb_information.hypertables WHERE hypertable_name = 'raw_events'"));
    assertEquals(3, scalar("SELECT count(*) FROM timescaledb_information.continuous_aggregates"));
    assertTrue(scalar("SELECT count(*) FROM timescaledb_information.jobs WHERE proc_name IN"
        + " ('policy_retention', 'policy_compression', 'policy_refresh_continuous_aggregate')") >= 5);

    BatchWriter w = new BatchWriter(db.pool(), StorageMode.TIMESCALE, db.zone());
    long now = System.currentTimeMillis();
    List<JsonObject> events = new ArrayList<>();
    java.util.Random rnd = new java.util.Random(1);
    for (int i = 0; i < 500; i++) {
      events.add(TestHistory.random(rnd, "A" + rnd.nextInt(5), now - rnd.nextInt(48 * 3600) * 1000L));
    }
    List<EventRow> rows = TestHistory.rows(events);
    assertEquals(500, w.write(rows).await().stored());
    assertEquals(0, w.write(rows).await().stored(), "redelivery refused by (event_id, occurred_at)");
    long filings = events.stream().filter(e -> e.getString("type").equals("FILING_SUBMITTED")).count();
    // Real-time aggregation: the rollups answer before any refresh has run.
    assertEquals(filings, scalar("SELECT coalesce(sum(filings), 0) FROM rollup_day"));
    assertEquals(filings, scalar("SELECT coalesce(sum(filings), 0) FROM rollup_minute"));
  }

  private long scalar(String sql) {
    return db.pool().query(sql).execute().await().iterator().next().getLong(0);
  }
}
