package cn.cq.ipmonitor.alert;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Where alert changes go: to a Kafka topic, keyed by agency, the durable source of notifications (a webhook
 * dispatcher commits its position only after delivering, so a node dying mid-delivery loses nothing), and to
 * the local event bus ({@link AlertEvaluatorVerticle#CHANGES}) for the audit trail and live push.
 */
public final class AlertChanges {

  private final Vertx vertx;
  private final KafkaProducer<String, byte[]> producer;
  private final String topic;

  public AlertChanges(Vertx vertx, KafkaProducer<String, byte[]> producer, String topic) {
    this.vertx = vertx;
    this.producer = producer;
    this.topic = topic;
  }

  /** Completes once the broker has every change. */
  public Future<Void> publish(List<Alert> changes) {
    List<Future<?>> sends = new ArrayList<>(changes.size());
    for (Alert a : changes) {
      byte[] json = AlertJson.toJson(a).encode().getBytes(StandardCharsets.UTF_8);
      sends.add(producer.send(KafkaProducerRecord.create(topic, a.agencyId(), json)));
    }
    return Future.all(sends).onSuccess(x -> changes.forEach(a ->
        vertx.eventBus().publish(AlertEvaluatorVerticle.CHANGES, AlertJson.toJson(a)))).mapEmpty();
  }
}
