package cn.cq.ipmonitor.it;

import cn.cq.ipmonitor.app.MonitorNode;
import cn.cq.ipmonitor.broker.TopicAdmin;
import cn.cq.ipmonitor.config.AppConfig;
import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Several monitor nodes in one JVM, each a real Hazelcast member and Kafka consumer, on free ports. */
final class TestCluster implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TestCluster.class);
  private static final long CLOSE_TIMEOUT_S = 30;

  final String bootstrap;
  final TestNodes.Scope scope;
  private final List<Integer> ports = new ArrayList<>();
  private final List<String> members = new ArrayList<>();
  private final MonitorNode[] nodes;
  private final int minMembers;

  TestCluster(String bootstrap, TestNodes.Scope scope, int size, int minMembers) {
    this.bootstrap = bootstrap;
    this.scope = scope;
    this.minMembers = minMembers;
    this.nodes = new MonitorNode[size];
    for (int i = 0; i < size; i++) {
      int p = TestNodes.freePort();
      ports.add(p);
      members.add(TestNodes.LOOPBACK + ":" + p);
    }
  }

  MonitorNode start(int i) {
    return start(i, UnaryOperator.identity());
  }

  /** Starts node {@code i} with its configuration changed by {@code tweak}. */
  MonitorNode start(int i, UnaryOperator<AppConfig> tweak) {
    nodes[i] = TestNodes.start(tweak.apply(TestNodes.config(bootstrap, scope, ports.get(i), 1, members, minMembers)));
    return nodes[i];
  }

  MonitorNode node(int i) {
    return nodes[i];
  }

  /**
   * As close to {@code kill -9} as one JVM allows: the Hazelcast member is terminated without migrating
   * anything and the node's batches in flight fail, so nothing it had not committed is committed.
   */
  void kill(int i) {
    MonitorNode n = nodes[i];
    nodes[i] = null;
    n.cluster().getHazelcastInstance().getLifecycleService().terminate();
    try {
      n.close().await(CLOSE_TIMEOUT_S, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.info("Killed node {} closed with {}", i, e.toString());
    }
  }

  /** A graceful stop: batches written and committed, partitions migrated. */
  void stop(int i) {
    MonitorNode n = nodes[i];
    nodes[i] = null;
    n.close().await();
  }

  /** Blocks until the group's committed offsets reach the end of every partition of the topic. */
  void awaitConsumed(Vertx vertx, Duration timeout) {
    awaitConsumed(vertx, timeout, scope.group());
  }

  /** Blocks until {@code group}'s committed offsets reach the end of every partition of the topic. */
  void awaitConsumed(Vertx vertx, Duration timeout, String group) {
    awaitConsumed(vertx, timeout, group, scope.topic());
  }

  /** Blocks until {@code group}'s committed offsets reach the end of every partition of {@code topic}. */
  void awaitConsumed(Vertx vertx, Duration timeout, String group, String topic) {
    Map<TopicPartition, Long> ends = TopicAdmin.endOffsets(bootstrap, List.of(topic));
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    try (Admin admin = Admin.create(p)) {
      Poll.until(vertx, timeout, "group " + group + " to commit every record",
          () -> Future.fromCompletionStage(admin.listConsumerGroupOffsets(group)
              .partitionsToOffsetAndMetadata().toCompletionStage()).map(committed -> {
                long behind = 0;
                for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
                  OffsetAndMetadata c = committed.get(e.getKey());
                  behind += e.getValue() - (c == null ? 0 : c.offset());
                }
                return behind;
              }),
          behind -> behind == 0);
    }
  }

  @Override
  public void close() {
    for (int i = 0; i < nodes.length; i++) {
      if (nodes[i] != null) {
        try {
          nodes[i].close().await(CLOSE_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (Exception e) {
          LOG.warn("Node {} did not close cleanly: {}", i, e.toString());
        }
        nodes[i] = null;
      }
    }
  }
}
