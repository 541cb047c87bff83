package cn.cq.ipmonitor.history;

import cn.cq.ipmonitor.config.HistoryConfig;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the schema up to date at start, safe to run again and from several nodes at once: each script runs
 * in its own transaction under a transaction-level advisory lock, and is recorded in {@code schema_version}
 * in that transaction, so it is applied exactly once even when nodes start together.
 *
 * <p>The common scripts ({@code db/migration}) come first; then those of the storage mode: {@code db/timescale}
 * when the server has TimescaleDB (the extension is available and preloaded) and it is enabled, else
 * {@code db/plain}, the fallback whose rollup tables the writer maintains. The mode is decided when the schema
 * is first created and kept afterwards (switching a populated database is a manual migration); TimescaleDB
 * policies are re-applied at every start so that changed settings take effect.
 */
public final class Migrations {

  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
  /** Advisory lock key shared by every node migrating this database ("ipmonh" in ASCII). */
  private static final long LOCK_KEY = 0x6970_6d6f_6e68L;
  private static final String LOCK = "SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")";
  private static final String VERSION_TABLE = "CREATE TABLE IF NOT EXISTS schema_version ("
      + "version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())";
  private static final String TIMESCALE_AVAILABLE = "SELECT EXISTS (SELECT 1 FROM pg_available_extensions"
      + " WHERE name = 'timescaledb') AS available,"
      + " current_setting('shared_preload_libraries', true) LIKE '%timescaledb%' AS preloaded";
  private static final String TIMESCALE_FOLDER = "timescale";
  private static final String PLAIN_FOLDER = "plain";

  private final Pool pool;
  private final HistoryConfig cfg;

  public Migrations(Pool pool, HistoryConfig cfg) {
    this.pool = pool;
    this.cfg = cfg;
  }

  /** Applies what is missing and returns the storage mode in force. */
  public Future<StorageMode> apply() {
    Map<String, String> values = placeholders(cfg);
    return pool.withTransaction(c -> c.query(LOCK).execute().compose(x -> c.query(VERSION_TABLE).execute()))
        .compose(x -> Future.all(applied(), timescaleUsable()))
        .compose(all -> {
          Set<String> done = all.resultAt(0);
          boolean usable = all.resultAt(1);
          StorageMode mode = decide(done, usable);
          List<SqlScripts.Script> scripts = new java.util.ArrayList<>(SqlScripts.load("migration", values));
          scripts.addAll(SqlScripts.load(mode == StorageMode.TIMESCALE ? TIMESCALE_FOLDER : PLAIN_FOLDER, values));
          Future<Void> chain = Future.succeededFuture();
          for (SqlScripts.Script s : scripts) {
            chain = chain.compose(x -> applyOnce(s));
          }
          if (mode == StorageMode.TIMESCALE) {
            SqlScripts.Script policies = SqlScripts.one(TIMESCALE_FOLDER, "policies", values);
            chain = chain.compose(x -> pool.withTransaction(c -> c.query(policies.sql()).execute()).mapEmpty());
          }
          return chain.map(mode);
        })
        .onSuccess(mode -> LOG.info("History schema up to date; storage mode {}", mode == StorageMode.TIMESCALE
            ? "TIMESCALE (hypertable, continuous aggregates, retention and compression policies)"
            : "PLAIN (no TimescaleDB: rollup tables maintained by the history writer)"));
  }

  private StorageMode decide(Set<String> done, boolean timescaleUsable) {
    boolean hasTimescale = done.stream().anyMatch(v -> v.startsWith("T"));
    boolean hasPlain = done.stream().anyMatch(v -> v.startsWith("P"));
    if (hasTimescale) {
      return StorageMode.TIMESCALE;
    }
    if (hasPlain) {
      if (timescaleUsable && cfg.timescale().enabled()) {
        LOG.warn("TimescaleDB is available but this history database was created without it; it stays on the"
            + " plain fallback (moving it to TimescaleDB is a manual migration)");
      }
      return StorageMode.PLAIN;
    }
    if (timescaleUsable && !cfg.timescale().enabled()) {
      LOG.info("TimescaleDB is available but disabled by history.timescale.enabled");
    }
    return timescaleUsable && cfg.timescale().enabled() ? StorageMode.TIMESCALE : StorageMode.PLAIN;
  }

  private Future<Set<String>> applied() {
    return pool.query("SELECT version FROM schema_version").execute().map(rows -> {
      Set<String> versions = new HashSet<>();
      rows.forEach(r -> versions.add(r.getString(0)));
      return versions;
    });
  }

  private Future<Boolean> timescaleUsable() {
    return pool.query(TIMESCALE_AVAILABLE).execute().map(rows -> {
      Row r = rows.iterator().next();
      boolean available = r.getBoolean("available");
      boolean preloaded = Boolean.TRUE.equals(r.getBoolean("preloaded"));
      LOG.info("TimescaleDB extension: {}", available && preloaded ? "available"
          : available ? "installed but not in shared_preload_libraries, so not usable" : "not available");
      return available && preloaded;
    });
  }

  /** Runs a script and records it, unless another node (or an earlier start) already did. */
  private Future<Void> applyOnce(SqlScripts.Script s) {
    return pool.withTransaction(c -> c.query(LOCK).execute()
        .compose(x -> c.preparedQuery("SELECT 1 FROM schema_version WHERE version = $1").execute(Tuple.of(s.name())))
        .compose(rows -> {
          if (rows.size() > 0) {
            return Future.<Void>succeededFuture();
          }
          LOG.info("Applying history migration {}", s.name());
          return c.query(s.sql()).execute()
              .compose(x -> c.preparedQuery("INSERT INTO schema_version (version) VALUES ($1)")
                  .execute(Tuple.of(s.name())))
              .mapEmpty();
        }))
        .recover(e -> Future.failedFuture(new IllegalStateException("History migration " + s.name() + " failed: "
            + e.getMessage(), e)));
  }

  /** Values of the scripts' placeholders. */
  static Map<String, String> placeholders(HistoryConfig cfg) {
    HistoryConfig.Timescale t = cfg.timescale();
    if (t.refreshWindowDays() >= t.retentionDays()) {
      throw new IllegalArgumentException("history.timescale.refreshWindowDays (" + t.refreshWindowDays()
          + ") must be below retentionDays (" + t.retentionDays() + ")");
    }
    return Map.of(
        "counterColumns", HistoryCounters.columnDefinitions(),
        "sumExpressions", HistoryCounters.sumExpressions(),
        // A ZoneId is letters, digits, '/', '_', '+', '-': nothing that could end the SQL literal.
        "zone", java.time.ZoneId.of(cfg.zone()).getId(),
        "chunkDays", Integer.toString(t.chunkDays()),
        "retentionDays", Integer.toString(t.retentionDays()),
        "compressAfterDays", Integer.toString(t.compressAfterDays()),
        "refreshIntervalMinutes", Integer.toString(t.refreshIntervalMinutes()),
        "refreshWindowDays", Integer.toString(t.refreshWindowDays()));
  }
}
