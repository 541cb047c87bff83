package cn.cq.ipmonitor.sim;

import cn.cq.ipmonitor.config.KafkaConfig;
import cn.cq.ipmonitor.config.SimulatorConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the event topic with the simulated city: the backfill as fast as the broker takes it,
 * then the present on a timer. Generation runs on a worker ({@code executeBlocking}, ordered, so
 * the generator is used by one thread at a time); sending runs on the event loop.
 *
 * <p>Pass a {@link KafkaConfig} whose {@code bootstrapServers} is resolved (the embedded broker's
 * address, when embedded).
 */
public final class SimulatorVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(SimulatorVerticle.class);

  /** Events generated per worker job and all acknowledged before the next job: the in-flight bound. */
  static final int CHUNK = 20_000;
  static final long TICK_MS = 200;
  /** After a stall (a slow broker, a long backfill) each tick catches up at most this much event time. */
  static final long MAX_TICK_SPAN_MS = 5_000;
  private static final String LINGER_MS = "5";
  /** A broker outage fails every send: log the first failure, then one line per this many. */
  private static final long FAILURE_LOG_EVERY = 10_000;

  private final SimulatorConfig sim;
  private final KafkaConfig kafka;
  private final Function<Vertx, KafkaProducer<String, String>> producerFactory;
  private final AtomicLong produced = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final Promise<Void> backfillDone = Promise.promise();
  private EventGenerator generator;
  private KafkaProducer<String, String> producer;
  private long timerId = -1;
  private long liveFrom;
  private boolean ticking;
  private volatile boolean stopped;

  public SimulatorVerticle(SimulatorConfig sim, KafkaConfig kafka) {
    this(sim, kafka, Map.of());
  }

  /** @param extraProducerProperties Kafka producer properties applied last (tests: timeouts, client id); may be null */
  public SimulatorVerticle(SimulatorConfig sim, KafkaConfig kafka, Map<String, Object> extraProducerProperties) {
    this(sim, kafka, vertx -> KafkaProducer.create(vertx, producerProperties(kafka, extraProducerProperties),
        String.class, String.class));
  }

  /** With a producer of the caller's making (tests use Kafka's {@code MockProducer}). */
  SimulatorVerticle(SimulatorConfig sim, KafkaConfig kafka, Function<Vertx, KafkaProducer<String, String>> producers) {
    this.sim = sim;
    this.kafka = kafka;
    this.producerFactory = producers;
  }

  @Override
  public Future<?> start() {
    if (!sim.enabled()) {
      LOG.info("Simulator disabled");
      backfillDone.complete();
      return Future.succeededFuture();
    }
    producer = producerFactory.apply(vertx);
    return vertx.executeBlocking(() -> new EventGenerator(sim)).onSuccess(g -> {
      generator = g;
      LOG.info("Simulator: {} agencies, seed {}, scale {}, backfill {} days to {}; misbehaving: {}",
          g.agencies().size(), sim.seed(), sim.scale(), sim.backfillDays(), kafka.primaryTopic(),
          g.misbehaving().stream().map(a -> a.id() + "=" + a.misbehaviour()).collect(Collectors.joining(", ")));
      runBackfill();
    });
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
    }
    backfillDone.tryFail("simulator stopped");
    return producer == null ? Future.succeededFuture() : producer.close();
  }

  /** Events the broker acknowledged. */
  public long produced() {
    return produced.get();
  }

  /** Sends that failed (counted, logged sampled, never retried by the simulator itself). */
  public long failed() {
    return failed.get();
  }

  /** Completes when the whole backfill is acknowledged (readiness); the simulator then goes live. */
  public Future<Void> backfillDone() {
    return backfillDone.future();
  }

  static Properties producerProperties(KafkaConfig kafka, Map<String, Object> extraProducerProperties) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    // acks=all with idempotence: a retried send never duplicates nor reorders one agency's events.
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
    p.putAll(kafka.producer());
    if (extraProducerProperties != null) {
      p.putAll(extraProducerProperties);
    }
    return p;
  }

  private void runBackfill() {
    long now = System.currentTimeMillis();
    long started = System.nanoTime();
    Promise<Void> pumped = Promise.promise();
    vertx.executeBlocking(() -> generator.backfill(now)).onSuccess(it -> pump(it, pumped)).onFailure(pumped::fail);
    pumped.future().onComplete(ar -> {
      long millis = (System.nanoTime() - started) / 1_000_000;
      if (ar.failed()) {
        LOG.error("Backfill stopped after {} events in {} ms", produced.get(), millis, ar.cause());
        backfillDone.tryFail(ar.cause());
        return;
      }
      LOG.info("Backfill done: {} events produced, {} failed, in {} ms; going live", produced.get(), failed.get(),
          millis);
      backfillDone.tryComplete();
      liveFrom = now;
      if (!stopped) {
        timerId = vertx.setPeriodic(TICK_MS, id -> tick());
      }
    });
  }

  /** Generates a chunk on a worker, sends it, waits for its acknowledgements, repeats. */
  private void pump(Iterator<SimEvent> it, Promise<Void> done) {
    if (stopped) {
      done.tryFail("simulator stopped");
      return;
    }
    vertx.executeBlocking(() -> take(it))
        .compose(this::sendAll)
        .onSuccess(sent -> {
          if (sent < CHUNK) {
            done.tryComplete();
          } else {
            pump(it, done);
          }
        })
        .onFailure(done::tryFail);
  }

  private static List<SimEvent> take(Iterator<SimEvent> it) {
    List<SimEvent> chunk = new ArrayList<>(CHUNK);
    while (chunk.size() < CHUNK && it.hasNext()) {
      chunk.add(it.next());
    }
    return chunk;
  }

  private void tick() {
    if (ticking || stopped) {
      return; // the previous tick is still sending; this one's interval is covered by the next
    }
    long from = liveFrom;
    long to = Math.min(System.currentTimeMillis(), from + MAX_TICK_SPAN_MS);
    if (to <= from) {
      return;
    }
    ticking = true;
    vertx.executeBlocking(() -> generator.live(from, to))
        .compose(events -> {
          liveFrom = to;
          return sendAll(events);
        })
        .onComplete(ar -> {
          ticking = false;
          if (ar.failed()) {
            LOG.warn("Live tick [{}, {}] failed", from, to, ar.cause());
          }
        });
  }

  /** Sends every event and completes, with their number, once all are acknowledged or failed. */
  private Future<Integer> sendAll(List<SimEvent> events) {
    List<Future<?>> sends = new ArrayList<>(events.size());
    for (SimEvent e : events) {
      // No record timestamp: the broker's time keeps a year-old backfill clear of time-based retention.
      sends.add(producer.send(KafkaProducerRecord.create(kafka.primaryTopic(), e.key(), e.json()))
          .onSuccess(m -> produced.incrementAndGet())
          .onFailure(this::countFailure));
    }
    return Future.join(sends).transform(ar -> Future.succeededFuture(events.size()));
  }

  private void countFailure(Throwable cause) {
    long n = failed.incrementAndGet();
    if (n == 1 || n % FAILURE_LOG_EVERY == 0) {
      LOG.warn("Kafka send failed ({} failures so far): {}", n, cause.toString());
    }
  }
}
