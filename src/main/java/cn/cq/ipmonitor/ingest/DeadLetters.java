package cn.cq.ipmonitor.ingest;

import cn.cq.ipmonitor.config.KafkaConfig;
import io.vertx.core.Future;
import io.vertx.kafka.client.producer.KafkaHeader;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.util.List;

/**
 * Writes refused records to {@code <topic><dlqSuffix>} with their original bytes and why, so nothing is
 * dropped silently and an operator can fix and replay them.
 */
public final class DeadLetters {

  /** Header names on dead-letter records. */
  public static final String REASON = "ipmon.reason";
  public static final String SOURCE_TOPIC = "ipmon.source.topic";
  public static final String SOURCE_PARTITION = "ipmon.source.partition";
  public static final String SOURCE_OFFSET = "ipmon.source.offset";

  private final KafkaProducer<String, byte[]> producer;
  private final KafkaConfig kafka;

  public DeadLetters(KafkaProducer<String, byte[]> producer, KafkaConfig kafka) {
    this.producer = producer;
    this.kafka = kafka;
  }

  public Future<?> send(String topic, int partition, long offset, String key, byte[] value, String reason) {
    KafkaProducerRecord<String, byte[]> r = KafkaProducerRecord.create(kafka.dlqTopic(topic), key,
        value == null ? new byte[0] : value);
    r.addHeaders(List.of(
        KafkaHeader.header(REASON, reason),
        KafkaHeader.header(SOURCE_TOPIC, topic),
        KafkaHeader.header(SOURCE_PARTITION, Integer.toString(partition)),
        KafkaHeader.header(SOURCE_OFFSET, Long.toString(offset))));
    return producer.send(r);
  }
}
