package cn.cq.ipmonitor.broker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * The configuration of the single-node KRaft broker that {@link EmbeddedKafka} runs: one process acting as
 * both broker and sole controller, so every replication factor and minimum ISR is 1.
 */
final class BrokerSettings {

  static final int NODE_ID = 1;
  static final String BROKER_LISTENER = "PLAINTEXT";
  static final String CONTROLLER_LISTENER = "CONTROLLER";

  /**
   * Time-based retention. Records keep their producer's timestamp (CreateTime, the default): that is the
   * event time, which consumers may read from the record. Kafka deletes a segment once its newest timestamp
   * is older than the retention, so with the 7-day default a year of backfilled events would be deleted
   * minutes after it was written. 400 days keeps a full backfilled year. LogAppendTime would also protect
   * it, but would overwrite the event time every consumer sees; we prefer the long retention.
   */
  static final Duration RETENTION = Duration.ofDays(400);

  /**
   * The log cleaner (needed for the compacted __consumer_offsets) allocates its dedupe buffer at start-up;
   * the 128 MiB default is heap the monitor's own state needs more than a few internal compactions do.
   */
  static final long CLEANER_DEDUPE_BUFFER_BYTES = 16L * 1024 * 1024;

  /**
   * Internal topics (consumer offsets, transactions, share state) have 50 partitions by default; on one
   * broker that is 50 directories and a slower first group join for no gain. Set when they are first created.
   */
  static final int INTERNAL_TOPIC_PARTITIONS = 8;

  private BrokerSettings() {
  }

  static Properties of(String host, int brokerPort, int controllerPort, Path dataDir) {
    String address = listenerHost(host);
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", Integer.toString(NODE_ID));
    p.put("controller.quorum.voters", NODE_ID + "@" + address + ":" + controllerPort);
    p.put("listeners", BROKER_LISTENER + "://" + address + ":" + brokerPort + ","
        + CONTROLLER_LISTENER + "://" + address + ":" + controllerPort);
    p.put("advertised.listeners", BROKER_LISTENER + "://" + address + ":" + brokerPort);
    p.put("listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    p.put("controller.listener.names", CONTROLLER_LISTENER);
    p.put("inter.broker.listener.name", BROKER_LISTENER);
    p.put("log.dirs", dataDir.toString());
    p.put("metadata.log.dir", dataDir.toString());

    // One broker: internal topics cannot have more replicas than that, or they are never created.
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", Integer.toString(INTERNAL_TOPIC_PARTITIONS));
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", Integer.toString(INTERNAL_TOPIC_PARTITIONS));
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("share.coordinator.state.topic.num.partitions", Integer.toString(INTERNAL_TOPIC_PARTITIONS));
    p.put("default.replication.factor", "1");
    p.put("min.insync.replicas", "1");

    // Nobody else will join the group: the default 3 s wait for more members only delays the first poll.
    p.put("group.initial.rebalance.delay.ms", "0");
    // Topics are created explicitly (TopicAdmin) with their partition count; a typo must not create one.
    p.put("auto.create.topics.enable", "false");
    p.put("num.partitions", "1");

    p.put("log.retention.ms", Long.toString(RETENTION.toMillis()));
    p.put("log.retention.bytes", "-1");
    p.put("log.message.timestamp.type", "CreateTime");
    p.put("log.cleaner.dedupe.buffer.size", Long.toString(CLEANER_DEDUPE_BUFFER_BYTES));
    return p;
  }

  /** Listener strings need an IPv6 literal in brackets. */
  static String listenerHost(String host) {
    return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
  }
}
