package cn.cq.ipmonitor.ingest;

import cn.cq.ipmonitor.config.Addresses;
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
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes the event topics: decodes every record once, sends refused ones to the dead-letter topic,
 * gathers valid ones per agency and writes them to Hazelcast in batches; the batch's offsets are committed
 * only after its state and its dead letters are stored. If this node dies in between, the records are
 * consumed again elsewhere and the eventId check in the state makes the second write a no-op: at-least-once
 * delivery, exactly-once effect. A few batches are written at once and committed in order; the consumer
 * pauses while too much waits behind them, which bounds memory.
 */
public final class IngestVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(IngestVerticle.class);
  private static final long RETRY_DELAY_MS = 1000;
  private static final long STOP_FLUSH_TIMEOUT_MS = 10_000;

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
  private final Deque<PendingBatch> inFlight = new ArrayDeque<>();
  private boolean paused;
  private long watermark = -1;
  private boolean stopping;
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
    // A batch handler only: with a record handler as well, vertx-kafka-client would also walk every record,
    // ten per event-loop turn, before polling again, which capped ingest at a fifth of what it is now.
    consumer.batchHandler(this::onRecords);
    consumer.exceptionHandler(e -> LOG.warn("Kafka consumer error: {}", e.getMessage()));
    consumer.partitionsAssignedHandler(tps -> {
      assigned.addAll(tps);
      metrics.assigned(tps.size());
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
    // Write and commit what is read, so a graceful stop leaves little to redeliver; then close the clients,
    // which vertx.close() would not do. If the state cannot be written (the member is going down), give up
    // after a while: what was not committed is read again by the node that takes the partitions over.
    startBatch();
    stopping = true;
    List<Future<Void>> writes = new ArrayList<>();
    inFlight.forEach(b -> writes.add(b.applied.future()));
    return Future.all(writes).timeout(STOP_FLUSH_TIMEOUT_MS, TimeUnit.MILLISECONDS).compose(x -> commitCompleted())
        .transform(ar -> Future.all(consumer.close(), dlqProducer.close()));
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
      pending.track(r.topic(), r.partition(), r.offset(), r.timestamp());
    }
    flush();
    if (!paused && pending.records >= cfg.maxPendingEvents()) {
      paused = true;
      consumer.pause();
    }
  }

  /**
   * Starts writing what is pending whenever a slot is free. Up to {@code maxInFlightBatches} batches are
   * written at once; under load the batch size then follows the write latency, with no timer to wait for.
   */
  private void flush() {
    while (inFlight.size() < cfg.maxInFlightBatches() && !pending.isEmpty()) {
      startBatch();
    }
  }

  private void startBatch() {
    if (pending.isEmpty()) {
      return;
    }
    PendingBatch batch = pending;
    pending = new PendingBatch();
    inFlight.addLast(batch);
    write(batch);
  }

  private void write(PendingBatch batch) {
    long started = System.nanoTime();
    List<Future<?>> letters = new ArrayList<>(batch.deadLetters.size());
    for (PendingBatch.DeadLetter l : batch.deadLetters) {
      if (l.sent == null || l.sent.failed()) {
        l.sent = deadLetters.send(l.topic, l.partition, l.offset, l.key, l.value, l.reason)
            .onSuccess(x -> metrics.deadLettered());
      }
      letters.add(l.sent);
    }
    Future.all(store.apply(batch.facts, clock.getAsLong()), Future.all(letters))
        .onSuccess(done -> {
          AgencyStore.ApplyStats stats = done.resultAt(0);
          metrics.flushed(stats.applied(), stats.duplicates(), stats.outOfWindow(), System.nanoTime() - started);
          batch.applied.complete();
          advanceWatermark(batch.newestTimestamp);
          commitCompleted();
          if (paused && pending.records < cfg.maxPendingEvents()) {
            paused = false;
            consumer.resume();
          }
          flush();
        })
        .onFailure(e -> retry(batch, e));
  }

  /** Tells every node's live push how fresh the shared state now is (only when it got fresher). */
  private void advanceWatermark(long newest) {
    if (newest > watermark) {
      watermark = newest;
      vertx.eventBus().publish(Addresses.FEED_WATERMARK, newest);
    }
  }

  /**
   * Commits the offsets of the written batches at the head of the queue. A batch written before an older one
   * waits: offsets only ever move past records whose state is stored.
   */
  private Future<?> commitCompleted() {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    while (!inFlight.isEmpty() && inFlight.peekFirst().applied.future().succeeded()) {
      offsets.putAll(inFlight.pollFirst().offsets);
    }
    // A commit refused after a rebalance is harmless: the new owner re-reads and deduplicates.
    return offsets.isEmpty() ? Future.succeededFuture() : consumer.commit(offsets).otherwiseEmpty();
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
    vertx.setTimer(RETRY_DELAY_MS, id -> {
      if (!stopping) {
        write(batch);
      }
    });
  }

  private void measureLag() {
    Set<org.apache.kafka.common.TopicPartition> tps = new HashSet<>();
    assigned.forEach(tp -> tps.add(new org.apache.kafka.common.TopicPartition(tp.getTopic(), tp.getPartition())));
    lagProbe.lag(tps).onSuccess(lag -> {
      lag.forEach((tp, n) -> metrics.lag(tp.topic(), tp.partition(), n));
      metrics.lagMeasured();
    });
  }
}
