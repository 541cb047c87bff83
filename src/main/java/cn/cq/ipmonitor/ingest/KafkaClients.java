package cn.cq.ipmonitor.ingest;

import cn.cq.ipmonitor.config.IngestConfig;
import cn.cq.ipmonitor.config.KafkaConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Kafka client properties, built in one place from configuration; user properties win. */
public final class KafkaClients {

  private static final String LINGER_MS = "5";
  private static final String SESSION_TIMEOUT_MS = "15000";
  private static final String HEARTBEAT_MS = "3000";

  private KafkaClients() {
  }

  /** Manual commits only: offsets move after the state they produced is in Hazelcast. */
  public static Map<String, String> consumer(KafkaConfig k, IngestConfig ingest) {
    Map<String, String> p = new HashMap<>();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, k.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, k.groupId());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(ingest.maxPollRecords()));
    // A dead node's partitions move after the session timeout: 15 s rather than Kafka's 45 s, so a control
    // room sees at most a quarter of a minute's delay on the agencies that node consumed.
    p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, SESSION_TIMEOUT_MS);
    p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, HEARTBEAT_MS);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.putAll(k.consumer());
    return p;
  }

  /** An admin client's properties: the brokers and the consumer's security settings, nothing else. */
  public static Map<String, Object> admin(KafkaConfig k) {
    Map<String, Object> p = new HashMap<>();
    p.put("bootstrap.servers", k.bootstrapServers());
    k.consumer().forEach((key, v) -> {
      if (key.startsWith("security.") || key.startsWith("sasl.") || key.startsWith("ssl.")) {
        p.put(key, v);
      }
    });
    return p;
  }

  /** Idempotent, acks from all replicas: an accepted event or dead letter is not lost by the broker. */
  public static Map<String, String> producer(KafkaConfig k) {
    Map<String, String> p = new HashMap<>();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, k.bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.putAll(k.producer());
    return p;
  }
}
