package cn.cq.ipmonitor;

import cn.cq.ipmonitor.app.MonitorNode;
import cn.cq.ipmonitor.broker.EmbeddedKafka;
import cn.cq.ipmonitor.config.AppConfig;
import cn.cq.ipmonitor.config.AuthConfig;
import cn.cq.ipmonitor.config.ConfigException;
import cn.cq.ipmonitor.config.ConfigLoader;
import cn.cq.ipmonitor.history.EmbeddedPostgres;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a monitor node. Usage: {@code java -jar ip-agency-monitor.jar [config.json]}; environment
 * variables {@code IPMON_<SECTION>__<KEY>} override the file (see README). With the defaults it runs the
 * whole demo in one process: an embedded Kafka broker, one Hazelcast member, the simulator and the API.
 */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);
  private static final int TOKEN_BYTES = 24;
  private static final String DEMO_DISTRICT = "500105";

  private Main() {
  }

  public static void main(String[] args) {
    AppConfig cfg;
    try {
      String file = args.length > 0 ? args[0] : System.getenv("IPMON_CONFIG");
      cfg = ConfigLoader.load(file == null || file.isBlank() ? null : Path.of(file), System.getenv());
    } catch (ConfigException e) {
      System.err.println("Cannot start: " + e.getMessage());
      System.exit(2);
      return;
    }
    EmbeddedKafka broker = null;
    if (cfg.kafka().embedded()) {
      String dir = cfg.kafka().dataDir();
      broker = EmbeddedKafka.start(cfg.cluster().host(), cfg.kafka().embeddedPort(),
          dir == null || dir.isBlank() ? null : Path.of(dir));
      cfg = cfg.withKafka(cfg.kafka().withBootstrapServers(broker.bootstrapServers()));
    }
    if (cfg.history().enabled() && cfg.history().embedded() && cfg.cluster().members().size() > 1) {
      LOG.warn("history.embedded in a cluster of {} members: this node keeps its own database while the writers "
          + "share one consumer group; point every node at one server (history.embedded=false, history.host/port)",
          cfg.cluster().members().size());
    }
    EmbeddedPostgres database = null;
    if (cfg.history().enabled() && cfg.history().embedded()) {
      String dir = cfg.history().embeddedDataDir();
      database = EmbeddedPostgres.start(cfg.history().host(), dir == null || dir.isBlank() ? null : Path.of(dir),
          cfg.history().port(),
          cfg.history().database());
      cfg = cfg.withHistory(cfg.history().withServer(database.host(), database.port()));
    }
    if (cfg.auth().tokens().isEmpty() && cfg.auth().generateDemoTokens()) {
      cfg = cfg.withAuth(new AuthConfig(List.of(
          new AuthConfig.TokenConfig(randomToken(), "city", "demo-city"),
          new AuthConfig.TokenConfig(randomToken(), "display", "demo-wall-screen"),
          new AuthConfig.TokenConfig(randomToken(), "district:" + DEMO_DISTRICT, "demo-jiangbei-bureau")), true));
    }
    MonitorNode node;
    try {
      node = MonitorNode.start(cfg).await();
    } catch (Exception e) {
      LOG.error("The monitor could not start", e);
      if (database != null) {
        database.close();
      }
      if (broker != null) {
        broker.close();
      }
      System.exit(1);
      return;
    }
    EmbeddedKafka ownedBroker = broker;
    EmbeddedPostgres ownedDatabase = database;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        node.close().await();
      } catch (Exception e) {
        LOG.warn("Unclean stop: {}", e.toString());
      }
      if (ownedDatabase != null) {
        ownedDatabase.close();
      }
      if (ownedBroker != null) {
        ownedBroker.close();
      }
    }, "ipmon-shutdown"));
    printWelcome(cfg, node);
  }

  private static void printWelcome(AppConfig cfg, MonitorNode node) {
    String base = cfg.http().publicUrl().isBlank()
        ? "http://" + cfg.http().host() + ":" + node.httpPort() : cfg.http().publicUrl();
    StringBuilder s = new StringBuilder("\n==== IP Agency Monitor is running ====\n");
    tokenOf(cfg, "display").or(() -> tokenOf(cfg, "city")).ifPresent(t ->
        s.append("Wall       ").append(base).append("/wall/#token=").append(t).append('\n'));
    tokenOf(cfg, "district:").ifPresent(t ->
        s.append("Console    ").append(base).append("/console/#token=").append(t).append('\n'));
    if (cfg.live().enabled()) {
      s.append("Live       ").append(base.replaceFirst("^http", "ws")).append("/ws/live  (dashboards/PROTOCOL.md)\n");
    }
    s.append("API        ").append(base).append("/api/v1/city\n");
    s.append("Health     ").append(base).append("/health/ready\n");
    s.append("Metrics    ").append(base).append("/metrics\n");
    s.append("OpenAPI    ").append(base).append("/api/v1/openapi.yaml\n");
    if (cfg.history().enabled()) {
      s.append("History    ").append(base).append("/api/v1/history/city?metric=filings&bucket=day  (PostgreSQL ")
          .append(cfg.history().host()).append(':').append(cfg.history().port()).append(")\n");
    }
    s.append("Kafka      ").append(cfg.kafka().bootstrapServers()).append(" topic ")
        .append(cfg.kafka().primaryTopic()).append('\n');
    for (AuthConfig.TokenConfig t : cfg.auth().tokens()) {
      s.append("Token      ").append(String.format("%-18s", t.role())).append(t.token()).append('\n');
    }
    if (!cfg.auth().tokens().isEmpty()) {
      s.append("Try        curl -H 'Authorization: Bearer ").append(cfg.auth().tokens().get(0).token())
          .append("' '").append(base).append("/api/v1/agencies?sort=risk&limit=5'\n");
    }
    System.out.println(s);
  }

  /** The first configured token whose role starts with {@code role}. */
  private static java.util.Optional<String> tokenOf(AppConfig cfg, String role) {
    return cfg.auth().tokens().stream().filter(t -> t.role().startsWith(role))
        .map(AuthConfig.TokenConfig::token).findFirst();
  }

  private static String randomToken() {
    byte[] b = new byte[TOKEN_BYTES];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
