package cn.cq.ipmonitor.history;

import cn.cq.ipmonitor.config.HistoryConfig;

import cn.cq.ipmonitor.config.KafkaConfig;
import cn.cq.ipmonitor.event.Decoded;
import cn.cq.ipmonitor.event.EventDecoder;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the event topics into the history database, off the live path: it has its own consumer group (its
 * own durable position), so a slow or absent database delays history and nothing else. Records are decoded
 * with the shared {@link EventDecoder}; invalid ones are skipped here (the live path dead-letters them).
 *
 * <p>Valid events are cut into batches of {@code batchRows}; up to {@code maxInFlightBatches} are written at
 * once, each in one transaction ({@link BatchWriter}), and offsets are committed in order, only past batches
 * whose transaction has committed. A failed batch is retried with exponential back-off, never dropped, and
 * the consumer is paused while any batch is failing or {@code maxPendingRows} events wait, which bounds
 * memory. A crash between the database commit and the offset commit only redelivers events the database
 * then refuses as duplicates: every event is stored exactly once.
 */
public final class HistoryWriterVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(HistoryWriterVerticle.class);
  private static final long STOP_FLUSH_TIMEOUT_MS = 10_000;
  /** Back-off doubles at most this many times; beyond it retryMaxMs applies anyway. */
  private static final int MAX_BACKOFF_DOUBLINGS = 20;

  private final HistoryDatabase db;
  private final Map<String, String> consumerConfig;
  private final List<String> topics;
  private final EventDecoder decoder;
  private final HistoryMetrics metrics;
  private final HistoryConfig cfg;

  private KafkaConsumer<String, byte[]> consumer;
  private BatchWriter writer;
  private WriterBatch open = new WriterBatch();
  private final Deque<WriterBatch> queue = new ArrayDeque<>();
  private long waitingRows;
  private long writingRows;
  private int inFlight;
  private int failing;
  private boolean paused;
  private boolean stopping;
  private boolean closed;
  private final Promise<Void> drained = Promise.promise();

  /**
   * @param consumerConfig from {@link #consumerConfig(KafkaConfig, HistoryConfig)}
   * @param metrics        shared by the writers of a node
   */
  public HistoryWriterVerticle(HistoryDatabase db, Map<String, String> consumerConfig, List<String> topics,
                               EventDecoder decoder, HistoryMetrics metrics) {
    this.db = db;
    this.consumerConfig = Map.copyOf(consumerConfig);
    this.topics = List.copyOf(topics);
    this.decoder = decoder;
    this.metrics = metrics;
    this.cfg = db.config();
  }

  /** The writer's consumer: its own group, manual commits only; the user's pass-through properties apply. */
  public static Map<String, String> consumerConfig(KafkaConfig kafka, HistoryConfig cfg) {
    Map<String, String> p = new HashMap<>();
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(cfg.maxPollRecords()));
    p.putAll(kafka.consumer());
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, cfg.groupId(kafka.groupId()));
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return p;
  }

  /** Returns at once; the consumer subscribes when the schema is ready, so a down database delays nothing. */
  @Override
  public Future<?> start() {
    consumer = KafkaConsumer.create(vertx, consumerConfig);
    // A batch handler only: a record handler as well would make vertx-kafka-client walk the records ten per
    // event-loop turn before polling again.
    consumer.batchHandler(this::onRecords);
    consumer.exceptionHandler(e -> LOG.warn("History consumer error: {}", e.getMessage()));
    db.ready()
        .compose(mode -> {
          writer = new BatchWriter(db.pool(), mode, db.zone());
          return stopping ? Future.succeededFuture() : consumer.subscribe(Set.copyOf(topics));
        })
        .onSuccess(x -> LOG.info("History writer consuming {} as group {}", topics,
            consumerConfig.get(ConsumerConfig.GROUP_ID_CONFIG)))
        .onFailure(e -> LOG.error("History writer not started: {}", e.getMessage()));
    return Future.succeededFuture();
  }

  /** Stores and commits what was read, for a while; what is left is read again at the next start. */
  @Override
  public Future<?> stop() {
    stopping = true;
    seal();
    flush();
    checkDrained();
    return drained.future().timeout(STOP_FLUSH_TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .transform(x -> commitStored())
        .transform(x -> {
          closed = true;
          return consumer.close();
        });
  }

  private void onRecords(KafkaConsumerRecords<String, byte[]> records) {
    for (int i = 0; i < records.size(); i++) {
      KafkaConsumerRecord<String, byte[]> r = records.recordAt(i);
      Decoded d = decoder.decode(r.value());
      if (d.isValid()) {
        open.rows.add(new EventRow(d.event(), new String(r.value(), StandardCharsets.UTF_8)));
      } else {
        metrics.skipped();
      }
      open.track(r.topic(), r.partition(), r.offset());
      if (open.rows.size() >= cfg.batchRows()) {
        seal();
      }
    }
    flush();
    updateFlow();
  }

  /** Moves the open batch to the queue. */
  private void seal() {
    if (open.isEmpty()) {
      return;
    }
    open.state = WriterBatch.State.WAITING;
    waitingRows += open.rows.size();
    queue.addLast(open);
    open = new WriterBatch();
  }

  /**
   * Starts waiting batches while a slot is free, sealing the open one when nothing else waits: under load the
   * batches fill up to {@code batchRows}, when idle an event is written at once.
   */
  private void flush() {
    if (writer == null) {
      return;
    }
    while (inFlight < cfg.maxInFlightBatches()) {
      WriterBatch next = queue.stream().filter(b -> b.state == WriterBatch.State.WAITING).findFirst().orElse(null);
      if (next == null) {
        if (open.isEmpty()) {
          return;
        }
        seal();
        continue;
      }
      next.state = WriterBatch.State.WRITING;
      waitingRows -= next.rows.size();
      writingRows += next.rows.size();
      inFlight++;
      write(next);
    }
  }

  private void write(WriterBatch b) {
    long started = System.nanoTime();
    writer.write(b.rows)
        .onSuccess(result -> {
          metrics.written(result, System.nanoTime() - started);
          if (b.attempts > 0) {
            failing--;
            LOG.info("History batch of {} events stored after {} retries", b.rows.size(), b.attempts);
          }
          b.state = WriterBatch.State.STORED;
          inFlight--;
          writingRows -= b.rows.size();
          commitStored();
          flush();
          updateFlow();
          checkDrained();
        })
        .onFailure(e -> retry(b, e));
  }

  private void retry(WriterBatch b, Throwable e) {
    metrics.failed();
    if (b.attempts++ == 0) {
      failing++;
    }
    long delay = Math.min(cfg.retryMaxMs(),
        cfg.retryInitialMs() << Math.min(b.attempts - 1, MAX_BACKOFF_DOUBLINGS));
    LOG.warn("Writing a history batch of {} events failed (attempt {}, offsets {}); retrying in {} ms: {}",
        b.rows.size(), b.attempts, b.offsets, delay, e.getMessage());
    updateFlow();
    vertx.setTimer(delay, id -> {
      if (!closed) {
        write(b);
      }
    });
  }

  /** Commits the offsets of the stored batches at the head of the queue: offsets never pass an unstored event. */
  private Future<?> commitStored() {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    while (!queue.isEmpty() && queue.peekFirst().state == WriterBatch.State.STORED) {
      offsets.putAll(queue.pollFirst().offsets);
    }
    // A commit refused after a rebalance is harmless: the new owner re-reads and the database deduplicates.
    return offsets.isEmpty() ? Future.succeededFuture() : consumer.commit(offsets).otherwiseEmpty();
  }

  private void updateFlow() {
    long pending = waitingRows + writingRows + open.rows.size();
    metrics.pending(pending);
    boolean hold = failing > 0 || waitingRows + open.rows.size() >= cfg.maxPendingRows();
    if (hold && !paused) {
      paused = true;
      consumer.pause();
    } else if (!hold && paused && !stopping) {
      paused = false;
      consumer.resume();
    }
  }

  private void checkDrained() {
    if (stopping && queue.isEmpty() && open.isEmpty()) {
      drained.tryComplete();
    }
  }
}
