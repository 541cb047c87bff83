package cn.cq.ipmonitor.broker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plain Kafka clients for the broker tests: the settings the monitor itself will use where it matters. */
final class KafkaTestClients {

  /** The loopback address every test broker binds to. */
  static final String HOST = "127.0.0.1";

  private static final Duration POLL = Duration.ofMillis(100);

  private KafkaTestClients() {
  }

  /** Sends {@code values} with an idempotent producer (acks=all) and waits for every acknowledgement. */
  static void produce(String bootstrapServers, String topic, List<String> values)
      throws ExecutionException, InterruptedException {
    Map<String, Object> config = Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.LINGER_MS_CONFIG, 5);
    try (KafkaProducer<String, String> producer =
             new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      List<Future<RecordMetadata>> acks = new ArrayList<>(values.size());
      for (String value : values) {
        acks.add(producer.send(new ProducerRecord<>(topic, value, value)));
      }
      for (Future<RecordMetadata> ack : acks) {
        ack.get();
      }
    }
  }

  /**
   * Reads {@code topic} from the start with a new consumer group until {@code expected} records arrived or
   * {@code timeout} passed; returns every value read, duplicates included.
   */
  static List<String> consume(String bootstrapServers, String topic, int expected, Duration timeout) {
    Map<String, Object> config = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    List<String> values = new ArrayList<>();
    long end = System.nanoTime() + timeout.toNanos();
    try (KafkaConsumer<String, String> consumer =
             new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      while (values.size() < expected && System.nanoTime() - end < 0) {
        for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
          values.add(record.value());
        }
      }
    }
    return values;
  }

  static List<String> values(String prefix, int count) {
    List<String> values = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      values.add(prefix + "-" + i);
    }
    return values;
  }
}
