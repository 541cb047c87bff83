package cn.cq.ipmonitor.history;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** A real embedded PostgreSQL on a free port and a Vert.x, for the whole test class. */
abstract class PostgresTestBase {

  protected static EmbeddedPostgres pg;
  protected static Vertx vertx;

  @BeforeAll
  static void startPostgres() {
    pg = EmbeddedPostgres.start("127.0.0.1", null, 0, "postgres");
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopPostgres() {
    if (vertx != null) {
      vertx.close().await();
    }
    if (pg != null) {
      pg.close();
    }
  }
}
