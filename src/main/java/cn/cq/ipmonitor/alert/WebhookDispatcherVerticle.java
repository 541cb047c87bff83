package cn.cq.ipmonitor.alert;

import cn.cq.ipmonitor.config.AlertConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import io.vertx.kafka.client.producer.KafkaHeader;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers alert changes to subscribers' webhooks, at least once. It reads the alert-change topic with a
 * consumer group of its own, POSTs each change to every matching subscription (signed, retried with
 * exponential back-off, and after the last try written to {@code <topic>.dlq} with the reason), and commits a
 * batch only when each of its deliveries has succeeded or been dead-lettered. Changes muted by a silence are
 * not sent. A node that dies mid-delivery
 * leaves its batch uncommitted, and another node delivers it again; receivers drop repeats by fingerprint.
 */
public final class WebhookDispatcherVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcherVerticle.class);

  private final Map<String, String> consumerConfig;
  private final String topic;
  private final AlertConfig.Webhook cfg;
  private final IMap<String, String> subscriptions;
  private final IMap<String, String> silences;
  private final KafkaProducer<String, byte[]> deadLetters;
  private KafkaConsumer<String, byte[]> consumer;
  private WebhookSender http;

  public WebhookDispatcherVerticle(Map<String, String> consumerConfig, String topic, AlertConfig.Webhook cfg,
                                   HazelcastInstance hz, KafkaProducer<String, byte[]> deadLetters) {
    this.consumerConfig = Map.copyOf(consumerConfig);
    this.topic = topic;
    this.cfg = cfg;
    this.subscriptions = hz.getMap(SubscriptionApi.MAP);
    this.silences = hz.getMap(SilenceApi.MAP);
    this.deadLetters = deadLetters;
  }

  @Override
  public Future<?> start() {
    http = new WebhookSender(vertx, cfg.timeoutMs());
    consumer = KafkaConsumer.create(vertx, consumerConfig);
    consumer.batchHandler(this::onBatch);
    consumer.exceptionHandler(e -> LOG.warn("Alert-change consumer error: {}", e.getMessage()));
    return consumer.subscribe(Set.of(topic));
  }

  @Override
  public Future<?> stop() {
    return consumer.close().eventually(() -> {
      http.close();
      return Future.succeededFuture();
    });
  }

  private void onBatch(KafkaConsumerRecords<String, byte[]> records) {
    consumer.pause();
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    List<Silence> muted = new java.util.ArrayList<>();
    vertx.executeBlocking(() -> {
      silences.values().forEach(j -> muted.add(Silence.fromJson(new JsonObject(j))));
      return List.copyOf(subscriptions.values());
    }, false)
        .map(all -> all.stream().map(j -> Subscription.fromJson(new JsonObject(j))).toList())
        .compose(subs -> {
          long now = System.currentTimeMillis();
          Future<Void> chain = Future.succeededFuture();
          for (int i = 0; i < records.size(); i++) {
            KafkaConsumerRecord<String, byte[]> r = records.recordAt(i);
            offsets.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1, ""));
            Alert a = AlertJson.fromJson(new JsonObject(Buffer.buffer(r.value())));
            if (muted.stream().anyMatch(m -> m.mutes(a, now))) {
              continue;
            }
            for (Subscription s : subs) {
              // Websocket subscriptions are saved filters for live clients: nothing to POST.
              if (s.webhook() && s.matches(a)) {
                chain = chain.compose(x -> deliver(s, a));
              }
            }
          }
          return chain;
        })
        .compose(x -> consumer.commit(offsets).otherwiseEmpty())
        .onFailure(e -> LOG.warn("Alert-change batch not delivered; it will be read again: {}", e.toString()))
        .onComplete(x -> consumer.resume());
  }

  /** Delivers one change to one subscription; completes when delivered or dead-lettered. */
  private Future<Void> deliver(Subscription s, Alert a) {
    byte[] body = WebhookPayload.of(a, s.id(), cfg.externalUrl()).encode().getBytes(StandardCharsets.UTF_8);
    Promise<Void> done = Promise.promise();
    attempt(s, a, body, 1, cfg.initialBackoffMs(), done);
    return done.future();
  }

  private void attempt(Subscription s, Alert a, byte[] body, int n, long backoffMs, Promise<Void> done) {
    http.post(s, body, WebhookPayload.fingerprint(a))
        .onSuccess(outcome -> {
          if (outcome.delivered()) {
            done.complete();
            return;
          }
          String why = outcome.error();
          if (n >= cfg.maxAttempts()) {
            deadLetter(s, a, body, n + " tries, last: " + why).onComplete(x -> done.complete());
          } else {
            vertx.setTimer(backoffMs, id -> attempt(s, a, body, n + 1, Math.min(backoffMs * 2, cfg.maxBackoffMs()),
                done));
          }
        });
  }

  private Future<?> deadLetter(Subscription s, Alert a, byte[] body, String reason) {
    LOG.warn("Webhook of subscription {} for alert {} dead-lettered: {}", s.id(), a.id(), reason);
    KafkaProducerRecord<String, byte[]> r = KafkaProducerRecord.create(topic + ".dlq", a.agencyId(), body);
    r.addHeaders(List.of(KafkaHeader.header("ipmon.reason", reason), KafkaHeader.header("ipmon.subscription", s.id()),
        KafkaHeader.header("ipmon.url", s.url())));
    return deadLetters.send(r);
  }
}
