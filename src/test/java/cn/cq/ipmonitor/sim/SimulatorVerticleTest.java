package cn.cq.ipmonitor.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.cq.ipmonitor.config.KafkaConfig;
import cn.cq.ipmonitor.config.SimulatorConfig;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.kafka.client.producer.KafkaProducer;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The verticle's pumping against Kafka's in-memory MockProducer; the real broker is tested elsewhere. */
@ExtendWith(VertxExtension.class)
@DisplayName("The simulator verticle")
class SimulatorVerticleTest {

  private static final String TOPIC = "ip.agency.events";
  private static final KafkaConfig KAFKA = new KafkaConfig(false, "localhost:1", 0, "", List.of(TOPIC), ".dlq",
      "monitor", 1, false, Map.of(), Map.of("compression.type", "lz4"));
  /** A small city, a month of history, and a fixed live rate so live events show up at once. */
  private static final SimulatorConfig SMALL = new SimulatorConfig(true, 42L, 12, 40, 30, 200.0, 1.0, 4.0, 0.45);

  private static MockProducer<String, String> mock() {
    return new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());
  }

  @Test
  @DisplayName("produces the whole backfill keyed by agency, then keeps producing live events")
  void backfillThenLive(Vertx vertx, VertxTestContext ctx) {
    MockProducer<String, String> mock = mock();
    SimulatorVerticle verticle = new SimulatorVerticle(SMALL, KAFKA, vx -> KafkaProducer.create(vx, mock));
    vertx.deployVerticle(verticle).compose(id -> verticle.backfillDone()).onComplete(ctx.succeeding(done -> {
      long afterBackfill = verticle.produced();
      ctx.verify(() -> {
        assertTrue(afterBackfill > 1_000, "backfill of " + afterBackfill);
        List<ProducerRecord<String, String>> sent = mock.history();
        assertEquals(afterBackfill, sent.size());
        for (ProducerRecord<String, String> r : sent) {
          assertEquals(TOPIC, r.topic());
          assertTrue(r.value().contains("\"agencyId\":\"" + r.key() + "\""), r::toString);
        }
        assertEquals(0, verticle.failed());
      });
      vertx.setPeriodic(20, timer -> {
        if (verticle.produced() > afterBackfill) {
          vertx.cancelTimer(timer);
          ctx.completeNow();
        }
      });
    }));
  }

  @Test
  @DisplayName("counts failed sends without failing itself")
  void survivesFailedSends(Vertx vertx, VertxTestContext ctx) {
    MockProducer<String, String> mock = mock();
    mock.sendException = new KafkaException("broker unavailable");
    SimulatorVerticle verticle = new SimulatorVerticle(SMALL, KAFKA, vx -> KafkaProducer.create(vx, mock));
    vertx.deployVerticle(verticle).compose(id -> verticle.backfillDone()).onComplete(ctx.succeeding(done ->
        ctx.verify(() -> {
          assertEquals(0, verticle.produced());
          assertTrue(verticle.failed() > 1_000, "failed " + verticle.failed());
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("configures an idempotent producer that waits for all replicas, then applies overrides")
  void producerProperties() {
    Properties p = SimulatorVerticle.producerProperties(KAFKA, Map.of(ProducerConfig.LINGER_MS_CONFIG, "20"));
    assertEquals("localhost:1", p.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG));
    assertEquals("all", p.get(ProducerConfig.ACKS_CONFIG));
    assertEquals("true", p.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG));
    assertEquals("lz4", p.get("compression.type"));
    assertEquals("20", p.get(ProducerConfig.LINGER_MS_CONFIG));
  }
}
