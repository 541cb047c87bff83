package cn.cq.ipmonitor.broker;

import static cn.cq.ipmonitor.broker.KafkaTestClients.HOST;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("EmbeddedKafka")
class EmbeddedKafkaTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  @Test
  @DisplayName("a broker restarted on the same data directory still has its records")
  void restartKeepsRecords(@TempDir Path dataDir) throws Exception {
    String topic = "kept-events";
    List<String> sent = KafkaTestClients.values(topic, 500);
    try (EmbeddedKafka first = EmbeddedKafka.start(HOST, dataDir)) {
      TopicAdmin.ensureTopics(first.bootstrapServers(), Map.of(topic, 2), TIMEOUT);
      KafkaTestClients.produce(first.bootstrapServers(), topic, sent);
    }
    assertTrue(Files.exists(dataDir.resolve(StorageFormat.META_PROPERTIES)), "storage stays formatted");

    try (EmbeddedKafka second = EmbeddedKafka.start(HOST, dataDir)) {
      TopicAdmin.ensureTopics(second.bootstrapServers(), Map.of(topic, 2), TIMEOUT);
      List<String> received = KafkaTestClients.consume(second.bootstrapServers(), topic, sent.size(), TIMEOUT);
      assertEquals(sent.size(), received.size(), "records received");
      assertEquals(new HashSet<>(sent), new HashSet<>(received), "distinct values received");
    }
  }

  @Test
  @DisplayName("close can be called twice and deletes a temporary data directory")
  void closeIsIdempotent() {
    EmbeddedKafka kafka = EmbeddedKafka.start(HOST, null);
    Path dataDir = kafka.dataDir();
    assertTrue(Files.isDirectory(dataDir), "temporary data directory exists while running");
    assertFalse(kafka.fatalFaultReported(), "no fatal fault");

    kafka.close();
    assertDoesNotThrow(kafka::close);
    assertFalse(Files.exists(dataDir), "temporary data directory deleted");
  }

  @Test
  @DisplayName("bootstrap servers name the requested host")
  void bootstrapServersUseHost() {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(HOST, null)) {
      assertTrue(kafka.bootstrapServers().startsWith(HOST + ":"), kafka.bootstrapServers());
    }
  }
}
