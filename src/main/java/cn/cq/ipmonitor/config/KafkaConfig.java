package cn.cq.ipmonitor.config;

import java.util.List;
import java.util.Map;

/**
 * Where the event streams live.
 *
 * @param embedded          start an in-process KRaft broker (the demo default) instead of using {@code bootstrapServers}
 * @param bootstrapServers  external brokers; ignored when {@code embedded}
 * @param embeddedPort      the embedded broker's client port, so other nodes can use it; 0 picks a free one
 * @param dataDir           the embedded broker's log directory; empty for a temporary one
 * @param topics            event topics the monitor consumes
 * @param dlqSuffix         dead-letter topic of a topic is {@code <topic><dlqSuffix>}
 * @param groupId           consumer group shared by every node of a cluster
 * @param partitions        partitions of topics the monitor creates itself
 * @param createTopics      create missing topics (and their dead-letter topics) at start
 * @param consumer          extra Kafka consumer properties, passed through
 * @param producer          extra Kafka producer properties, passed through
 */
public record KafkaConfig(boolean embedded, String bootstrapServers, int embeddedPort, String dataDir,
                          List<String> topics,
                          String dlqSuffix, String groupId, int partitions, boolean createTopics,
                          Map<String, String> consumer, Map<String, String> producer) {

  public KafkaConfig {
    topics = List.copyOf(topics);
    consumer = Map.copyOf(consumer);
    producer = Map.copyOf(producer);
  }

  public String dlqTopic(String topic) {
    return topic + dlqSuffix;
  }

  /** The topic the HTTP ingest and the simulator write to. */
  public String primaryTopic() {
    return topics.get(0);
  }

  public KafkaConfig withBootstrapServers(String servers) {
    return new KafkaConfig(embedded, servers, embeddedPort, dataDir, topics, dlqSuffix, groupId, partitions, createTopics,
        consumer, producer);
  }
}
