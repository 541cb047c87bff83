package cn.cq.ipmonitor.history;

import cn.cq.ipmonitor.config.HistoryConfig;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.time.ZoneId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The history database: a connection pool and the schema, migrated in the background. The pool exists at
 * once and connects lazily, so a database that is down at start delays history only: {@link #ready()}
 * completes once migrations have run, retried with back-off until they do. Owned by the node; close it after
 * the writer has stopped.
 */
public final class HistoryDatabase {

  private static final Logger LOG = LoggerFactory.getLogger(HistoryDatabase.class);

  private final Vertx vertx;
  private final HistoryConfig cfg;
  private final Pool pool;
  private final ZoneId zone;
  private final Promise<StorageMode> ready = Promise.promise();
  private volatile boolean closed;

  private HistoryDatabase(Vertx vertx, HistoryConfig cfg, Pool pool) {
    this.vertx = vertx;
    this.cfg = cfg;
    this.pool = pool;
    this.zone = ZoneId.of(cfg.zone());
  }

  /**
   * Creates the pool and starts migrating; never fails: watch {@link #ready()}.
   *
   * @param host where the server is (the embedded one's, or {@code cfg.host()})
   * @param port its port
   */
  public static HistoryDatabase open(Vertx vertx, HistoryConfig cfg, String host, int port) {
    PgConnectOptions connect = new PgConnectOptions().setHost(host).setPort(port).setDatabase(cfg.database())
        .setUser(cfg.user()).setPassword(cfg.password())
        // The writer sends the same few statements for every batch: parse them once per connection.
        .setCachePreparedStatements(true)
        // "already exists, skipping" notices of re-run migrations would be logged as warnings by the client.
        .addProperty("client_min_messages", "warning");
    Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(cfg.poolSize())).connectingTo(connect)
        .using(vertx).build();
    HistoryDatabase db = new HistoryDatabase(vertx, cfg, pool);
    db.migrate(cfg.retryInitialMs());
    return db;
  }

  private void migrate(long delayMs) {
    if (closed) {
      ready.tryFail("history database closed before its schema was ready");
      return;
    }
    new Migrations(pool, cfg).apply()
        .onSuccess(ready::tryComplete)
        .onFailure(e -> {
          if (e instanceof IllegalArgumentException) {
            ready.tryFail(e);
            return;
          }
          LOG.warn("History database not ready ({}); retrying in {} ms", e.getMessage(), delayMs);
          vertx.setTimer(delayMs, id -> migrate(Math.min(cfg.retryMaxMs(), delayMs * 2)));
        });
  }

  /** Completes with the storage mode once the schema is up to date. */
  public Future<StorageMode> ready() {
    return ready.future();
  }

  /** Whether the schema is ready, for readiness checks and answers that cannot wait. */
  public boolean isReady() {
    return ready.future().succeeded();
  }

  public Pool pool() {
    return pool;
  }

  public HistoryConfig config() {
    return cfg;
  }

  /** The zone of day and month buckets. */
  public ZoneId zone() {
    return zone;
  }

  public Future<Void> close() {
    closed = true;
    return pool.close();
  }
}
