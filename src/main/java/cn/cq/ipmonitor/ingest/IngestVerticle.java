package cn.cq.ipmonitor.ingest;

import cn.cq.ipmonitor.config.IngestConfig;
import cn.cq.ipmonitor.config.KafkaConfig;
import cn.cq.ipmonitor.event.Decoded;
import cn.cq.ipmonitor.event.EventDecoder;
import cn.cq.ipmonitor.indicator.Fact;
import cn.cq.ipmonitor.state.AgencyStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import io.vertx.kafka.client.producer.KafkaProducer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes the event topics: decodes every record once, sends refused ones to the dead-letter topic,
 * gathers valid ones per agency and writes them to Hazelcast in batches; the batch's offsets are committed
 * only after its state and its dead letters are stored. If this node dies in between, the records are
 * consumed again elsewhere and the eventId check in the state makes the second write a no-op: at-least-once
 * delivery, exactly-once effect. One flush is in flight at a time, which keeps commits in order; the
 * consumer pauses while too much waits behind it, which bounds memory.
 */
public final class IngestVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(IngestVerticle.class);
  private static final long RETRY_DELAY_MS = 1000;

  private final KafkaConfig kafka;
  private final IngestConfig cfg;
  private final AgencyStore store;
  private final EventDecoder decoder;
  private final IngestMetrics metrics;
  private final LongSupplier clock;
  private final LagProbe lagProbe;

  private KafkaConsumer<String, byte[]> consumer;
  private KafkaProducer<String, byte[]> dlqProducer;
  private DeadLetters deadLetters;
  private PendingBatch pending = new PendingBatch();
  private PendingBatch inFlight;
  private boolean paused;
  private long flushTimer = -1;
  private final Set<TopicPartition> assigned = new HashSet<>();

  public IngestVerticle(KafkaConfig kafka, IngestConfig cfg, AgencyStore store, EventDecoder decoder,
                        IngestMetrics metrics, LagProbe lagProbe, LongSupplier clock) {
    this.kafka = kafka;
    this.cfg = cfg;
    this.store = store;
    this.decoder = decoder;
    this.metrics = metrics;
    this.clock = clock;
    this.lagProbe = lagProbe;
  }

  @Override
  public Future<?> start() {
    dlqProducer = KafkaProducer.create(vertx, KafkaClients.producer(kafka));
    deadLetters = new DeadLetters(dlqProducer, kafka);
    consumer = KafkaConsumer.create(vertx, KafkaClients.consumer(kafka, cfg));
    consumer.handler(r -> { });
    consumer.batchHandler(this::onRecords);
    consumer.exceptionHandler(e -> LOG.warn("Kafka consumer error: {}", e.getMessage()));
    consumer.partitionsAssignedHandler(tps -> {
      assigned.addAll(tps);
      LOG.info("Assigned partitions {}", tps);
    });
    consumer.partitionsRevokedHandler(tps -> {
      assigned.removeAll(tps);
      tps.forEach(tp -> metrics.partitionRevoked(tp.getTopic(), tp.getPartition()));
      LOG.info("Revoked partitions {}", tps);
    });
    vertx.setPeriodic(cfg.lagIntervalMs(), id -> measureLag());
    return consumer.subscribe(Set.copyOf(kafka.topics()));
  }

  @Override
  public Future<?> stop() {
    // Flush what is read so a graceful stop leaves little to redeliver; then close the clients,
    // which vertx.close() would not do.
    Future<?> drained = inFlight == null ? flushNow() : Future.succeededFuture();
    return drained.transform(ar -> Future.all(consumer.close(), dlqProducer.close()));
  }

  private void onRecords(KafkaConsumerRecords<String, byte[]> records) {
    metrics.consumed(records.size());
    for (int i = 0; i < records.size(); i++) {
      KafkaConsumerRecord<String, byte[]> r = records.recordAt(i);
      Decoded d = decoder.decode(r.value());
      if (d.isValid()) {
        pending.add(d.event().agencyId(), Fact.of(d.event()));
      } else {
        metrics.rejected(d.errors().get(0));
        pending.deadLetters.add(new PendingBatch.DeadLetter(r.topic(), r.partition(), r.offset(), r.key(),
            r.value(), d.reason()));
      }
      pending.track(r.topic(), r.partition(), r.offset());
    }
    if (pending.firstAt == 0) {
      pending.firstAt = System.nanoTime();
    }
    scheduleFlush();
    if (!paused && pending.records >= cfg.maxPendingEvents()) {
      paused = true;
      consumer.pause();
    }
  }

  /** Flushes now when the batch is full, else within the flush interval. */
  private void scheduleFlush() {
    if (pending.records >= cfg.flushEvents()) {
      flush();
    } else if (flushTimer < 0 && !pending.isEmpty()) {
      flushTimer = vertx.setTimer(cfg.flushIntervalMs(), id -> {
        flushTimer = -1;
        flush();
      });
    }
  }

  private void flush() {
    if (inFlight == null && !pending.isEmpty()) {
      flushNow();
    }
  }

  private Future<?> flushNow() {
    if (pending.isEmpty()) {
      return Future.succeededFuture();
    }
    PendingBatch batch = pending;
    pending = new PendingBatch();
    inFlight = batch;
    return write(batch);
  }

  private Future<?> write(PendingBatch batch) {
    long started = System.nanoTime();
    List<Future<?>> letters = new ArrayList<>(batch.deadLetters.size());
    for (PendingBatch.DeadLetter l : batch.deadLetters) {
      if (l.sent == null || l.sent.failed()) {
        l.sent = deadLetters.send(l.topic, l.partition, l.offset, l.key, l.value, l.reason)
            .onSuccess(x -> metrics.deadLettered());
      }
      letters.add(l.sent);
    }
    return Future.all(store.apply(batch.facts, clock.getAsLong()), Future.all(letters))
        .compose(done -> {
          AgencyStore.ApplyStats stats = done.resultAt(0);
          metrics.flushed(stats.applied(), stats.duplicates(), stats.outOfWindow(), System.nanoTime() - started);
          // A commit refused after a rebalance is harmless: the new owner re-reads and deduplicates.
          return consumer.commit(batch.offsets).otherwiseEmpty();
        })
        .onSuccess(x -> afterFlush())
        .onFailure(e -> retry(batch, e));
  }

  private void retry(PendingBatch batch, Throwable e) {
    metrics.flushFailed();
    LOG.warn("Writing a batch of {} records failed, retrying in {} ms: {}", batch.records, RETRY_DELAY_MS,
        e.toString());
    if (!paused) {
      paused = true;
      consumer.pause();
    }
    // Dead letters already sent are not sent again (write() re-sends only failed ones), and re-applying
    // facts is a no-op for those already in the state.
    vertx.setTimer(RETRY_DELAY_MS, id -> write(batch));
  }

  private void afterFlush() {
    inFlight = null;
    if (paused && pending.records < cfg.maxPendingEvents()) {
      paused = false;
      consumer.resume();
    }
    // Records that arrived while this batch was in flight missed their timer's flush: schedule it again.
    scheduleFlush();
  }

  private void measureLag() {
    Set<org.apache.kafka.common.TopicPartition> tps = new HashSet<>();
    assigned.forEach(tp -> tps.add(new org.apache.kafka.common.TopicPartition(tp.getTopic(), tp.getPartition())));
    lagProbe.lag(tps).onSuccess(lag -> lag.forEach((tp, n) -> metrics.lag(tp.topic(), tp.partition(), n)));
  }
}
