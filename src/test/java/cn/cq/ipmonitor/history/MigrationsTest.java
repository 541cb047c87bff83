package cn.cq.ipmonitor.history;

import cn.cq.ipmonitor.config.HistoryConfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("History migrations on a plain PostgreSQL")
class MigrationsTest {

  private static EmbeddedPostgres pg;
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    pg = EmbeddedPostgres.start("127.0.0.1", null, 0, "postgres");
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    if (vertx != null) {
      vertx.close().await();
    }
    if (pg != null) {
      pg.close();
    }
  }

  @Test
  @DisplayName("an empty database gets every table in the plain fallback mode, and a re-run changes nothing")
  void fromEmptyAndAgain() {
    HistoryDatabase db = TestHistory.open(vertx, pg);
    try {
      assertEquals(StorageMode.PLAIN, db.ready().await(), "no TimescaleDB in the embedded server");
      List<String> versions = versions(db);
      assertEquals(List.of("P1__rollup_tables", "V1__raw_events_and_agencies", "V2__alert_changes",
          "V3__alert_change_note_by"), versions);
      List<String> tables = db.pool().query("SELECT table_name FROM information_schema.tables"
          + " WHERE table_schema = 'public' ORDER BY 1").execute().await().stream().map(r -> r.getString(0)).toList();
      assertEquals(List.of("agencies", "alert_changes", "raw_events", "rollup_day", "rollup_hour", "rollup_minute",
          "schema_version"),
          tables);
      long columns = db.pool().query("SELECT count(*) FROM information_schema.columns WHERE table_name = 'rollup_hour'")
          .execute().await().iterator().next().getLong(0);
      assertEquals(2 + HistoryCounters.KEPT.size(), columns, "agency, bucket and one column per counter");

      assertEquals(StorageMode.PLAIN, new Migrations(db.pool(), db.config()).apply().await());
      assertEquals(versions, versions(db));
    } finally {
      db.close().await();
    }
  }

  @Test
  @DisplayName("nodes migrating the same database at once apply each script once")
  void concurrentNodes() {
    HistoryDatabase db = TestHistory.open(vertx, pg);
    try {
      db.pool().query("DROP TABLE rollup_minute, rollup_hour, rollup_day, raw_events, agencies, schema_version")
          .execute().await();
      List<Future<StorageMode>> runs = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        runs.add(new Migrations(db.pool(), db.config()).apply());
      }
      Future.all(runs).await();
      assertEquals(4, versions(db).size());
    } finally {
      db.close().await();
    }
  }

  @Test
  @DisplayName("a refresh window reaching past the retention is refused, naming the settings")
  void refreshWindowBelowRetention() {
    HistoryConfig c = TestHistory.config(pg.port(), "postgres");
    HistoryConfig bad = new HistoryConfig(c.enabled(), c.embedded(), c.embeddedDataDir(), c.host(), c.port(),
        c.database(), c.user(), c.password(), c.poolSize(), c.batchRows(), c.maxInFlightBatches(), c.maxPendingRows(),
        c.maxPollRecords(), c.groupSuffix(), c.retryInitialMs(), c.retryMaxMs(), c.zone(),
        new HistoryConfig.Timescale(true, 7, 30, 30, 10, 30));
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> Migrations.placeholders(bad));
    assertTrue(e.getMessage().contains("refreshWindowDays"), e.getMessage());
  }

  private static List<String> versions(HistoryDatabase db) {
    List<String> v = new ArrayList<>();
    for (Row r : db.pool().query("SELECT version FROM schema_version ORDER BY version").execute().await()) {
      v.add(r.getString(0));
    }
    return v;
  }
}
