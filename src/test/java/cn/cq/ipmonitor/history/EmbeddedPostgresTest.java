package cn.cq.ipmonitor.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The embedded PostgreSQL")
class EmbeddedPostgresTest {

  @TempDir
  Path tmp;

  @Test
  @DisplayName("starts as root on a free port, creates the database, and keeps its data across a restart on the same port")
  void restartKeepsData() throws Exception {
    Path dir = tmp.resolve("pg");
    int port;
    try (EmbeddedPostgres pg = EmbeddedPostgres.start("127.0.0.1", dir, 0, "ipmon_test")) {
      port = pg.port();
      try (Connection c = connect(pg); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE t (x int)");
        s.execute("INSERT INTO t VALUES (42)");
      }
    }
    assertEquals(true, Files.exists(dir.resolve("PG_VERSION")));
    try (EmbeddedPostgres pg = EmbeddedPostgres.start("127.0.0.1", dir, port, "ipmon_test");
         Connection c = connect(pg); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT x, current_setting('server_version_num')::int FROM t")) {
      assertEquals(port, pg.port());
      rs.next();
      assertEquals(42, rs.getInt(1));
      assertEquals(17, rs.getInt(2) / 10000, "PostgreSQL 17 from the binaries BOM");
    }
  }

  private static Connection connect(EmbeddedPostgres pg) throws Exception {
    return DriverManager.getConnection("jdbc:postgresql://" + pg.host() + ":" + pg.port() + "/ipmon_test",
        EmbeddedPostgres.SUPERUSER, "");
  }
}
