package cn.cq.ipmonitor.it;

import cn.cq.ipmonitor.app.MonitorNode;
import cn.cq.ipmonitor.config.AppConfig;
import cn.cq.ipmonitor.config.ConfigLoader;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.UUID;

/** Configuration of monitor nodes for tests: unique topics, group and cluster name, free ports. */
public final class TestNodes {

  public static final String CITY_TOKEN = "test-city-token-0123456789";
  public static final String DISPLAY_TOKEN = "test-display-token-0123456789";
  public static final String JIANGBEI_TOKEN = "test-jiangbei-token-0123456789";
  public static final String YUZHONG_TOKEN = "test-yuzhong-token-0123456789";
  public static final String INGEST_TOKEN = "test-ingest-token-0123456789";
  public static final String LOOPBACK = "127.0.0.1";

  private static final ObjectMapper JSON = new ObjectMapper();

  private TestNodes() {
  }

  /** One test's topic, group and cluster, shared by all nodes of that test. */
  public record Scope(String topic, String group, String clusterName, int clusterPort) {
    public static Scope fresh() {
      String id = UUID.randomUUID().toString().substring(0, 8);
      return new Scope("events-" + id, "group-" + id, "cluster-" + id, freePort());
    }
  }

  /** A node's configuration; {@code members} empty means a cluster of one. */
  public static AppConfig config(String bootstrap, Scope scope, List<String> members) {
    return config(bootstrap, scope, scope.clusterPort(), 20, members, 1);
  }

  /** A node of a several-node test: its own cluster port, the others as members. */
  public static AppConfig config(String bootstrap, Scope scope, int port, int portCount, List<String> members,
                                 int minMembers) {
    return config(bootstrap, scope, port, portCount, members, minMembers, o -> { });
  }

  /** As above, with {@code tweak} changing the configuration's JSON before it is bound and validated. */
  public static AppConfig config(String bootstrap, Scope scope, int port, int portCount, List<String> members,
                                 int minMembers, java.util.function.Consumer<ObjectNode> tweak) {
    ObjectNode o = JSON.createObjectNode();
    ObjectNode kafka = o.putObject("kafka");
    kafka.put("embedded", false).put("bootstrapServers", bootstrap).put("groupId", scope.group())
        .put("partitions", 4);
    kafka.putArray("topics").add(scope.topic());
    kafka.putObject("consumer").put("session.timeout.ms", "10000").put("heartbeat.interval.ms", "1000");
    ObjectNode cluster = o.putObject("cluster");
    cluster.put("name", scope.clusterName()).put("host", LOOPBACK).put("port", port)
        .put("portCount", portCount).put("minMembers", minMembers);
    var m = cluster.putArray("members");
    members.forEach(m::add);
    o.putObject("http").put("host", LOOPBACK).put("port", 0);
    o.putObject("ingest").put("instances", 1).put("lagIntervalMs", 500);
    ObjectNode auth = o.putObject("auth");
    auth.put("generateDemoTokens", false);
    var tokens = auth.putArray("tokens");
    tokens.addObject().put("token", CITY_TOKEN).put("role", "city").put("name", "city");
    tokens.addObject().put("token", DISPLAY_TOKEN).put("role", "display").put("name", "wall");
    tokens.addObject().put("token", JIANGBEI_TOKEN).put("role", "district:500105").put("name", "jiangbei");
    tokens.addObject().put("token", YUZHONG_TOKEN).put("role", "district:500103").put("name", "yuzhong");
    tokens.addObject().put("token", INGEST_TOKEN).put("role", "ingest").put("name", "source");
    o.putObject("simulator").put("enabled", false);
    // History has tests of its own (and HistoryEndToEndTest); most node tests do without a database.
    o.putObject("history").put("enabled", false);
    o.putObject("alerts").put("evaluateIntervalMs", 200).put("clearForMs", 1000)
        .put("topic", scope.topic() + ".alerts")
        .putObject("webhook").put("initialBackoffMs", 100).put("maxBackoffMs", 400).put("maxAttempts", 6);
    // Snapshots every 100 ms: live tests see the next one quickly.
    o.putObject("live").put("snapshotIntervalMs", 100);
    tweak.accept(o);
    return ConfigLoader.withOverrides(o);
  }

  public static MonitorNode start(AppConfig cfg) {
    return MonitorNode.start(cfg).await();
  }

  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
