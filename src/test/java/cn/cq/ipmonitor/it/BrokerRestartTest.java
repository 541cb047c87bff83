package cn.cq.ipmonitor.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.cq.ipmonitor.broker.EmbeddedKafka;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Two nodes through a restart of the broker")
class BrokerRestartTest {

  private static final Duration WAIT = Duration.ofSeconds(90);

  @TempDir
  Path dir;

  private static void send(String bootstrap, String topic, List<JsonObject> events) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("acks", "all");
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
      events.forEach(e -> producer.send(new ProducerRecord<>(topic, e.getString("agencyId"),
          e.encode().getBytes(StandardCharsets.UTF_8))));
    }
  }

  @Test
  @DisplayName("events before, during and after a broker restart are all counted once")
  void brokerRestart() throws Exception {
    int kafkaPort = TestNodes.freePort();
    Path data = Files.createDirectories(dir.resolve("kafka"));
    EmbeddedKafka broker = EmbeddedKafka.start(TestNodes.LOOPBACK, kafkaPort, data);
    Vertx client = Vertx.vertx();
    WebClient web = WebClient.create(client);
    TestCluster cluster = new TestCluster(broker.bootstrapServers(), TestNodes.Scope.fresh(), 2, 1);
    try {
      cluster.start(0);
      cluster.start(1);
      Instant now = Instant.now();
      List<JsonObject> before = new ArrayList<>();
      List<JsonObject> after = new ArrayList<>();
      for (int i = 0; i < 2_000; i++) {
        (i < 1_000 ? before : after).add(Events.filing("BR" + (i % 20), "DESIGN", now.minus(3, ChronoUnit.HOURS)));
      }
      send(broker.bootstrapServers(), cluster.scope.topic(), before);
      broker.close();
      broker = EmbeddedKafka.start(TestNodes.LOOPBACK, kafkaPort, data);
      send(broker.bootstrapServers(), cluster.scope.topic(), after);
      send(broker.bootstrapServers(), cluster.scope.topic(), before.subList(0, 100));
      cluster.awaitConsumed(client, WAIT);
      for (int n = 0; n < 2; n++) {
        JsonObject city = web.get(cluster.node(n).httpPort(), TestNodes.LOOPBACK, "/api/v1/city")
            .bearerTokenAuthentication(TestNodes.CITY_TOKEN).send().await().bodyAsJsonObject();
        assertEquals(2_000, city.getJsonObject("indicators").getJsonObject("filings").getLong("24h"));
      }
    } finally {
      cluster.close();
      client.close().await();
      broker.close();
    }
  }
}
