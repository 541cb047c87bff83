package cn.cq.ipmonitor.broker;

import java.io.IOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka broker (KRaft, broker and controller in one) running inside this JVM: the demo's
 * default, so the monitor runs without any external service, and the tests' broker.
 *
 * <p>{@link #start} blocks until the broker accepts clients (about 1–2 s); {@link #close} blocks until it has
 * stopped (well under a second). Neither may run on an event loop. A given data directory keeps its records
 * across restarts; without one, a temporary directory is used and deleted on close.
 *
 * <p>A fatal broker fault no longer halts the JVM (see {@link #fatalFaultReported()}).
 */
public final class EmbeddedKafka implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

  /** Ports are picked free but can be taken before the broker binds them; another pick usually succeeds. */
  private static final int MAX_START_ATTEMPTS = 3;

  private final KafkaRaftServer server;
  private final String bootstrapServers;
  private final Path dataDir;
  private final boolean temporaryDataDir;
  private final long faultsAtStart;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers, Path dataDir, boolean temporaryDataDir,
                        long faultsAtStart) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
    this.dataDir = dataDir;
    this.temporaryDataDir = temporaryDataDir;
    this.faultsAtStart = faultsAtStart;
  }

  /**
   * Starts a broker listening on free ports of {@code host}; blocks until it serves clients.
   *
   * @param host    the address to bind and advertise, e.g. the loopback address for a local demo
   * @param dataDir where the logs live; formatted on first use and reused as is afterwards, so records survive
   *                restarts. {@code null} for a temporary directory deleted by {@link #close()}
   * @return the running broker
   * @throws IllegalStateException if the broker cannot be started (directory not writable or held by another
   *                               broker, no port on {@code host}, ...)
   */
  public static EmbeddedKafka start(String host, Path dataDir) {
    return start(host, 0, dataDir);
  }

  /**
   * Starts a broker whose client listener is on {@code port} (0 for a free one), so that other nodes can be
   * pointed at it by configuration; the controller listener always takes a free port.
   */
  public static EmbeddedKafka start(String host, int port, Path dataDir) {
    Objects.requireNonNull(host, "host");
    KafkaExitGuard.install();
    long startNanos = System.nanoTime();
    boolean temporary = dataDir == null;
    Path dir = null;
    try {
      dir = temporary ? Files.createTempDirectory("embedded-kafka-") : Files.createDirectories(dataDir);
      prepareStorage(dir);
      EmbeddedKafka kafka = startOnFreePorts(host, port, dir, temporary);
      LOG.info("Embedded Kafka broker serving {} after {} ms (data in {})", kafka.bootstrapServers,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos), dir);
      return kafka;
    } catch (Exception e) {
      if (temporary && dir != null) {
        deleteQuietly(dir);
      }
      throw new IllegalStateException("Embedded Kafka broker failed to start on " + host + " with data in "
          + (dir != null ? dir : dataDir), e);
    }
  }

  private static void prepareStorage(Path dir) throws Exception {
    if (StorageFormat.isFormatted(dir)) {
      LOG.info("Reusing formatted Kafka storage in {}", dir);
    } else {
      StorageFormat.format(dir, BrokerSettings.NODE_ID, BrokerSettings.CONTROLLER_LISTENER);
    }
  }

  private static EmbeddedKafka startOnFreePorts(String host, int clientPort, Path dir, boolean temporary) {
    for (int attempt = 1; ; attempt++) {
      int[] ports = FreePorts.pick(host, 2);
      if (clientPort > 0) {
        ports[0] = clientPort;
      }
      KafkaConfig config = new KafkaConfig(BrokerSettings.of(host, ports[0], ports[1], dir), false);
      long faultsAtStart = KafkaExitGuard.faults();
      KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
      try {
        server.startup();
        String bootstrap = BrokerSettings.listenerHost(host) + ":" + ports[0];
        return new EmbeddedKafka(server, bootstrap, dir, temporary, faultsAtStart);
      } catch (RuntimeException e) {
        stop(server);
        if (attempt >= MAX_START_ATTEMPTS || !isBindFailure(e)) {
          throw e;
        }
        LOG.warn("Kafka ports {} and {} on {} were taken before the broker bound them; retrying", ports[0],
            ports[1], host);
      }
    }
  }

  private static boolean isBindFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException) {
        return true;
      }
    }
    return false;
  }

  /** The {@code host:port} list clients use to reach this broker. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** The directory holding the broker's logs and metadata. */
  public Path dataDir() {
    return dataDir;
  }

  /**
   * Whether Kafka has reported a fatal fault (a halt or exit request, suppressed to keep the JVM alive)
   * since this broker started. After one the broker no longer works: health checks should report it.
   */
  public boolean fatalFaultReported() {
    return KafkaExitGuard.faults() > faultsAtStart;
  }

  /**
   * Stops the broker and waits until it has stopped, then deletes a temporary data directory. Clients should
   * be closed first, or they will retry for their own timeouts. Calling it again does nothing.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    long startNanos = System.nanoTime();
    stop(server);
    if (temporaryDataDir) {
      deleteQuietly(dataDir);
    }
    LOG.info("Embedded Kafka broker {} stopped in {} ms", bootstrapServers,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
  }

  private static void stop(KafkaRaftServer server) {
    try {
      server.shutdown();
      server.awaitShutdown();
    } catch (RuntimeException e) {
      // Shutting down must not fail the caller's own shutdown: report and carry on.
      LOG.warn("Embedded Kafka broker did not shut down cleanly", e);
    }
  }

  private static void deleteQuietly(Path dir) {
    try {
      Utils.delete(dir.toFile());
    } catch (IOException e) {
      LOG.warn("Could not delete the temporary Kafka directory {}", dir, e);
    }
  }
}
