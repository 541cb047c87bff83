package cn.cq.ipmonitor.history;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server run from the binaries zonky ships in a jar: the history store of the demo and of the
 * tests, so neither needs a database installed. It is a separate server process, not durable (fsync is off),
 * and speaks the ordinary protocol on the loopback address, so the monitor reaches it exactly as it reaches an
 * external PostgreSQL.
 *
 * <p>Running as root: PostgreSQL refuses to run as root, and zonky's answer is to start {@code initdb},
 * {@code postgres} and {@code pg_ctl} through {@code unshare -U} (a new user namespace in which the process
 * is an unprivileged user) when the JVM runs as uid 0 and {@code unshare -U id -u} works. That is automatic
 * and is what happens on our machines (root, {@code util-linux} installed, user namespaces allowed); no
 * setting is needed. Where user namespaces are disabled ({@code kernel.unprivileged_userns_clone=0} or
 * {@code user.max_user_namespaces=0}) start fails with initdb's "cannot be run as root": run as another user.
 *
 * <p>Every method blocks (process start and stop, JDBC): call them from {@code main}, a test or
 * {@code executeBlocking}, never from an event loop.
 */
public final class EmbeddedPostgres implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgres.class);
  /** zonky initialises the cluster with this superuser and trust authentication on the loopback address. */
  public static final String SUPERUSER = "postgres";
  /** A cold start (binaries unpacked, initdb) takes 1-4 s; leave room for a loaded CI machine. */
  private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

  private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
  private final String host;
  private final Path dataDir;
  private final boolean temporary;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server, String host, Path dataDir,
                           boolean temporary) {
    this.server = server;
    this.host = host;
    this.dataDir = dataDir;
    this.temporary = temporary;
  }

  /**
   * Starts a server and makes sure {@code database} exists. Blocking.
   *
   * @param host     the address to listen on and advertise (configuration: {@code history.host})
   * @param dataDir  where the cluster lives; initialised on first use and reused afterwards, so data survives a
   *                 restart. {@code null} for a temporary directory deleted by {@link #close()}
   * @param port     the port to listen on (the same one again after a restart); 0 picks a free one
   * @param database created when missing; the superuser owns it
   * @throws IllegalStateException when the server does not start
   */
  public static EmbeddedPostgres start(String host, Path dataDir, int port, String database) {
    long started = System.nanoTime();
    boolean temporary = dataDir == null;
    try {
      Path dir = temporary ? Files.createTempDirectory("embedded-pg-") : Files.createDirectories(dataDir);
      int chosen = port > 0 ? port : freePort(host);
      var server = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
          .setDataDirectory(dir)
          // Keep the cluster when we stop: a restart on the same directory must find its data.
          .setCleanDataDirectory(temporary)
          .setPort(chosen)
          .setPGStartupWait(STARTUP_WAIT)
          .setServerConfig("listen_addresses", host)
          .start();
      EmbeddedPostgres pg = new EmbeddedPostgres(server, host, dir, temporary);
      pg.ensureDatabase(database);
      LOG.info("Embedded PostgreSQL serving {}:{} after {} ms (data in {})", host, chosen,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), dir);
      return pg;
    } catch (IOException | SQLException e) {
      throw new IllegalStateException("Embedded PostgreSQL failed to start with data in " + dataDir
          + " on port " + port, e);
    }
  }

  /** A port free now; PostgreSQL binds it a moment later, which on a test machine is good enough. */
  private static int freePort(String host) throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      return s.getLocalPort();
    }
  }

  private void ensureDatabase(String database) throws SQLException {
    try (Connection c = server.getPostgresDatabase().getConnection();
         PreparedStatement q = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      q.setString(1, database);
      try (ResultSet rs = q.executeQuery()) {
        if (rs.next()) {
          return;
        }
      }
      try (Statement s = c.createStatement()) {
        // Identifiers cannot be bound parameters; quote it the way PostgreSQL does.
        s.execute("CREATE DATABASE \"" + database.replace("\"", "\"\"") + "\"");
      }
    }
  }

  /** The address clients connect to. */
  public String host() {
    return host;
  }

  public int port() {
    return server.getPort();
  }

  public Path dataDir() {
    return dataDir;
  }

  /** Stops the server (fast shutdown) and waits for it; a temporary data directory is deleted. Blocking. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      server.close();
      LOG.info("Embedded PostgreSQL on port {} stopped{}", port(), temporary ? "" : " (data kept in " + dataDir + ")");
    } catch (IOException e) {
      throw new UncheckedIOException("Embedded PostgreSQL on port " + port() + " did not stop cleanly", e);
    }
  }
}
