package cn.cq.ipmonitor.app;

import cn.cq.ipmonitor.alert.AlertApi;
import cn.cq.ipmonitor.alert.AlertChanges;
import cn.cq.ipmonitor.alert.RuleReloadVerticle;
import cn.cq.ipmonitor.alert.RulesApi;
import cn.cq.ipmonitor.alert.RulesInForce;
import cn.cq.ipmonitor.alert.SilenceApi;
import cn.cq.ipmonitor.alert.SubscriptionApi;
import cn.cq.ipmonitor.alert.WebhookDispatcherVerticle;
import cn.cq.ipmonitor.alert.AlertEvaluatorVerticle;
import cn.cq.ipmonitor.alert.AlertStore;
import cn.cq.ipmonitor.alert.Lifecycle;
import cn.cq.ipmonitor.alert.RuleSet;
import cn.cq.ipmonitor.alert.RuleSetException;
import cn.cq.ipmonitor.broker.TopicAdmin;
import cn.cq.ipmonitor.config.AlertConfig;
import cn.cq.ipmonitor.config.ConfigException;
import cn.cq.ipmonitor.config.AppConfig;
import cn.cq.ipmonitor.config.KafkaConfig;
import cn.cq.ipmonitor.event.EventDecoder;
import cn.cq.ipmonitor.indicator.Assessment;
import cn.cq.ipmonitor.ingest.EventPublisher;
import cn.cq.ipmonitor.ingest.IngestMetrics;
import cn.cq.ipmonitor.ingest.IngestVerticle;
import cn.cq.ipmonitor.ingest.KafkaClients;
import cn.cq.ipmonitor.ingest.LagProbe;
import cn.cq.ipmonitor.history.AlertAuditVerticle;
import cn.cq.ipmonitor.history.HistoryApi;
import cn.cq.ipmonitor.history.HistoryDatabase;
import cn.cq.ipmonitor.history.HistoryMetrics;
import cn.cq.ipmonitor.history.HistoryRebuild;
import cn.cq.ipmonitor.history.HistoryStore;
import cn.cq.ipmonitor.history.HistoryWriterVerticle;
import cn.cq.ipmonitor.history.ReplayApi;
import cn.cq.ipmonitor.ingest.Rebuild;
import cn.cq.ipmonitor.live.LiveHub;
import cn.cq.ipmonitor.sim.SimulatorVerticle;
import cn.cq.ipmonitor.state.AgencyStore;
import cn.cq.ipmonitor.state.HazelcastSetup;
import cn.cq.ipmonitor.web.ApiVerticle;
import cn.cq.ipmonitor.web.Readiness;
import cn.cq.ipmonitor.web.TokenAuth;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One monitor node: a clustered Vert.x on a Hazelcast member, the Kafka consumers, the API and, when
 * configured, the simulator. {@link Main} starts one; tests start several.
 */
public final class MonitorNode {

  private static final Logger LOG = LoggerFactory.getLogger(MonitorNode.class);
  private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(60);
  private static final long COMPACT_INTERVAL_MS = Duration.ofHours(1).toMillis();
  /** Largest array accepted by POST /api/v1/events. */
  private static final int MAX_EVENTS_PER_REQUEST = 10_000;
  private static final Duration REBUILD_TIMEOUT = Duration.ofMinutes(2);
  private static final String WEBHOOK_GROUP_SUFFIX = "-webhooks";
  /** Deliveries of a batch run one after the other: small batches keep a slow receiver's backlog short. */
  private static final int WEBHOOK_POLL_RECORDS = 100;
  /** History older than the longest window only matters for registry events, which are loaded whatever their age. */
  private static final int HISTORY_REBUILD_DAYS = 367;
  /** How long a new cluster waits for its history database before it rebuilds from Kafka instead. */
  private static final Duration HISTORY_READY_TIMEOUT = Duration.ofSeconds(30);

  private final AppConfig cfg;
  private final Vertx vertx;
  private final HazelcastClusterManager cluster;
  private final AgencyStore store;
  private final IngestMetrics metrics;
  private final Readiness readiness;
  private final int httpPort;
  private final KafkaProducer<String, byte[]> producer;
  private final LagProbe lagProbe;
  private final HistoryDatabase history;

  private MonitorNode(AppConfig cfg, Vertx vertx, HazelcastClusterManager cluster, AgencyStore store,
                      IngestMetrics metrics, Readiness readiness, int httpPort, KafkaProducer<String, byte[]> producer,
                     LagProbe lagProbe, HistoryDatabase history) {
    this.cfg = cfg;
    this.vertx = vertx;
    this.cluster = cluster;
    this.store = store;
    this.metrics = metrics;
    this.readiness = readiness;
    this.httpPort = httpPort;
    this.producer = producer;
    this.lagProbe = lagProbe;
    this.history = history;
  }

  /** Starts a node; {@code cfg.kafka().bootstrapServers()} must already point at a running broker. */
  public static Future<MonitorNode> start(AppConfig cfg) {
    LongSupplier clock = System::currentTimeMillis;
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    com.hazelcast.config.Config hzConfig = HazelcastSetup.config(cfg.cluster());
    AlertStore.configure(hzConfig, cfg.cluster().backupCount(), cfg.alerts().keepResolvedDays());
    // Rules are read and validated before anything starts: a bad rule file stops the start with its reasons.
    RulesInForce rules;
    try {
      rules = loadRules(cfg, clock.getAsLong());
    } catch (ConfigException e) {
      return Future.failedFuture(e);
    }
    HazelcastClusterManager cm = new HazelcastClusterManager(hzConfig);
    Readiness readiness = new Readiness();
    readiness.require("cluster");
    readiness.require("ingest");
    readiness.require("http");
    readiness.require("members");
    readiness.require("caughtUp");
    return Vertx.builder()
        // The event bus crosses the cluster (alert changes and the feed watermark reach every node's live push):
        // it listens on the cluster's interface, like Hazelcast.
        .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true))
            .setEventBusOptions(new io.vertx.core.eventbus.EventBusOptions().setHost(cfg.cluster().host())))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .withClusterManager(cm)
        .buildClustered()
        .compose(vertx -> {
          readiness.set("cluster", true);
          Gauge.builder("ipmon_cluster_members", cm, MonitorNode::members)
              .description("members of the Hazelcast cluster").register(registry);
          Gauge.builder("ipmon_hazelcast_partitions_owned", cm, MonitorNode::ownedPartitions)
              .description("Hazelcast partitions whose primary copy this member holds").register(registry);
          return createTopics(vertx, cfg.kafka(), cfg.alerts())
              .compose(x -> deploy(cfg, vertx, cm, registry, readiness, clock, rules))
              .onFailure(e -> vertx.close());
        });
  }

  private static Future<MonitorNode> deploy(AppConfig cfg, Vertx vertx, HazelcastClusterManager cm,
                                            PrometheusMeterRegistry registry, Readiness readiness,
                                            LongSupplier clock, RulesInForce rules) {
    AgencyStore store = new AgencyStore(vertx, cm.getHazelcastInstance(), cfg.indicators().zone(),
        cfg.ingest().dedupRetentionDays());
    Gauge.builder("ipmon_agencies", store, AgencyStore::size).description("agencies in the shared state")
        .register(registry);
    EventDecoder decoder = new EventDecoder(clock, cfg.ingest().maxFutureSkewMs(),
        new HashSet<>(cfg.indicators().abnormalCategories()));
    IngestMetrics metrics = new IngestMetrics(registry);
    LagProbe lagProbe = new LagProbe(cfg.kafka());
    KafkaProducer<String, byte[]> producer = KafkaProducer.create(vertx, KafkaClients.producer(cfg.kafka()));
    // Failed sends fail their own futures (and are handled there); this only keeps the client's errors out of
    // Vert.x's "unhandled exception" log.
    producer.exceptionHandler(e -> LOG.warn("Kafka producer: {}", e.toString()));
    EventPublisher publisher = new EventPublisher(producer, decoder, cfg.kafka().primaryTopic(),
        MAX_EVENTS_PER_REQUEST);
    HistoryDatabase history = cfg.history().enabled()
        ? HistoryDatabase.open(vertx, cfg.history(), cfg.history().host(), cfg.history().port()) : null;
    Assessment.Assessor assessor = new Assessment.Assessor(cfg.indicators());
    AlertStore alerts = new AlertStore(vertx, cm.getHazelcastInstance());
    Lifecycle lifecycle = new Lifecycle(cfg.alerts().clearForMs());
    AlertChanges alertChanges = new AlertChanges(vertx, producer, cfg.alerts().topic());
    TokenAuth tokens = new TokenAuth(cfg.auth());
    LiveHub live = !cfg.live().enabled() ? null : new LiveHub(vertx, cfg.live(), tokens, store,
        cfg.alerts().enabled() ? alerts : null, cm.getHazelcastInstance(), assessor, clock, registry, cm.getNodeId());
    Consumer<Router> historyRoutes = r -> {
      if (live != null) {
        live.mount(r);
      }
      if (history != null) {
        new HistoryApi(new HistoryStore(history), history.zone(), clock).mount(r);
        new ReplayApi(history, decoder, store, clock).mount(r);
      }
      if (cfg.alerts().enabled()) {
        new AlertApi(vertx, alerts, lifecycle, clock, alertChanges).mount(r);
        Set<String> ruleNames = rules.names();
        new RulesApi(rules, watchesRules(cfg) ? cfg.alerts().rulesReloadMs() : 0).mount(r);
        new SubscriptionApi(vertx, cm.getHazelcastInstance(), ruleNames, clock, cfg.alerts().webhook()).mount(r);
        new SilenceApi(vertx, cm.getHazelcastInstance(), store, ruleNames, clock).mount(r);
      }
    };
    ApiVerticle api = new ApiVerticle(cfg.http(), store, assessor,
        tokens, publisher, readiness, registry, clock, historyRoutes);
    Future<Void> rebuilt = rebuildIfNew(cfg, vertx, cm, store, decoder, history, clock);
    Future<String> ingest = rebuilt.compose(r -> vertx.deployVerticle(
        () -> new IngestVerticle(cfg.kafka(), cfg.ingest(), store, decoder, metrics, lagProbe, clock),
        new DeploymentOptions().setInstances(cfg.ingest().instances())))
        .onSuccess(id -> readiness.set("ingest", true));
    Future<String> http = vertx.deployVerticle(api).onSuccess(id -> readiness.set("http", true));
    // History keeps its own consumer group and position: a slow or absent database delays nothing else.
    Future<String> writer = history == null ? Future.succeededFuture()
        : rebuilt.compose(r -> vertx.deployVerticle(new HistoryWriterVerticle(history,
            HistoryWriterVerticle.consumerConfig(cfg.kafka(), cfg.history()), cfg.kafka().topics(), decoder,
            new HistoryMetrics(registry))));
    if (history != null) {
      readiness.require("history");
    }
    vertx.setPeriodic(cfg.ingest().lagIntervalMs(), id -> {
      readiness.set("members", members(cm) >= cfg.cluster().minMembers());
      readiness.set("caughtUp", metrics.caughtUp(cfg.ingest().readyMaxLag()));
      if (history != null) {
        readiness.set("history", history.isReady());
      }
    });
    vertx.setPeriodic(COMPACT_INTERVAL_MS, id -> store.compact(clock.getAsLong())
        .onFailure(e -> LOG.warn("Compaction failed: {}", e.toString())));
    Future<String> audit = history == null || !cfg.alerts().enabled() ? Future.succeededFuture()
        : vertx.deployVerticle(new AlertAuditVerticle(history));
    Future<String> evaluator = !cfg.alerts().enabled() ? Future.succeededFuture()
        : rebuilt.compose(r -> vertx.deployVerticle(new AlertEvaluatorVerticle(store, alerts,
            rules::engine, lifecycle, assessor, cfg.alerts().evaluateIntervalMs(), clock,
            alertChanges, cfg.alerts().escalateAfterMs())));
    Future<String> webhooks = !cfg.alerts().enabled() ? Future.succeededFuture()
        : vertx.deployVerticle(new WebhookDispatcherVerticle(webhookConsumer(cfg), cfg.alerts().topic(),
            cfg.alerts().webhook(), cm.getHazelcastInstance(), producer));
    Future<String> reload = !watchesRules(cfg) ? Future.succeededFuture()
        : vertx.deployVerticle(new RuleReloadVerticle(rules, java.nio.file.Path.of(cfg.alerts().rulesFile()),
            cfg.alerts().rulesReloadMs(), clock, registry));
    return Future.all(List.of(ingest, http, writer, audit, evaluator, webhooks, reload))
        .compose(x -> cfg.simulator().enabled()
            ? vertx.deployVerticle(new SimulatorVerticle(cfg.simulator(), cfg.kafka(), Map.of())).mapEmpty()
            : Future.succeededFuture())
        .map(x -> new MonitorNode(cfg, vertx, cm, store, metrics, readiness, api.port(), producer, lagProbe,
            history));
  }

  /**
   * Refills the state when this node starts a new cluster (see {@link Rebuild}): from history when there is
   * one and it has a position, else from Kafka. A failed history rebuild falls back to Kafka.
   */
  private static Future<Void> rebuildIfNew(AppConfig cfg, Vertx vertx, HazelcastClusterManager cm, AgencyStore store,
                                           EventDecoder decoder, HistoryDatabase history, LongSupplier clock) {
    var hz = cm.getHazelcastInstance();
    long now = clock.getAsLong();
    Future<Boolean> mine = vertx.executeBlocking(() -> Rebuild.claim(hz, REBUILD_TIMEOUT), false);
    return mine.compose(owner -> {
      if (!owner) {
        return Future.succeededFuture();
      }
      Future<Void> done = history == null ? rewind(cfg, vertx, now)
          : fromHistory(cfg, vertx, store, decoder, history, now).recover(e -> {
            LOG.warn("Rebuilding from history failed ({}); rebuilding from Kafka", e.getMessage());
            return rewind(cfg, vertx, now);
          });
      return done.compose(x -> vertx.executeBlocking(() -> {
        Rebuild.markReady(hz);
        return null;
      }, false));
    });
  }

  private static Future<Void> rewind(AppConfig cfg, Vertx vertx, long now) {
    if (!cfg.ingest().rebuildFromKafka()) {
      return Future.succeededFuture();
    }
    return vertx.executeBlocking(() -> {
      Rebuild.rewind(cfg.kafka(), cfg.ingest(), now, REBUILD_TIMEOUT);
      return null;
    }, false);
  }

  private static Future<Void> fromHistory(AppConfig cfg, Vertx vertx, AgencyStore store, EventDecoder decoder,
                                          HistoryDatabase history, long now) {
    String writerGroup = cfg.history().groupId(cfg.kafka().groupId());
    return history.ready().timeout(HISTORY_READY_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
        .compose(mode -> vertx.executeBlocking(() -> Rebuild.positionOf(cfg.kafka(), writerGroup), false))
        .compose(position -> {
          if (position.isEmpty()) {
            return Future.failedFuture("the history writer has stored nothing yet");
          }
          long since = now - Duration.ofDays(HISTORY_REBUILD_DAYS).toMillis();
          return HistoryRebuild.load(history, decoder, store, since, now)
              .compose(n -> vertx.executeBlocking(() -> {
                Rebuild.moveTo(cfg.kafka(), position, REBUILD_TIMEOUT);
                return null;
              }, false));
        });
  }

  /** The webhook dispatcher's consumer: a group of its own, which commits only after delivering. */
  private static Map<String, String> webhookConsumer(AppConfig cfg) {
    Map<String, String> p = new HashMap<>(KafkaClients.consumer(cfg.kafka(), cfg.ingest()));
    p.put("group.id", cfg.kafka().groupId() + WEBHOOK_GROUP_SUFFIX);
    p.put("max.poll.records", Integer.toString(WEBHOOK_POLL_RECORDS));
    return p;
  }

  private static boolean watchesRules(AppConfig cfg) {
    return cfg.alerts().enabled() && cfg.alerts().rulesFile() != null && !cfg.alerts().rulesFile().isBlank();
  }

  /** The rules at start; a bad file stops the start (later, a bad file only fails its reload). */
  private static RulesInForce loadRules(AppConfig cfg, long now) {
    AlertConfig alerts = cfg.alerts();
    if (alerts.rulesFile() == null || alerts.rulesFile().isBlank()) {
      return new RulesInForce(RuleSet.defaults(), "classpath:" + RuleSet.RESOURCE, null, cfg.indicators(), now);
    }
    try {
      byte[] contents = java.nio.file.Files.readAllBytes(java.nio.file.Path.of(alerts.rulesFile()));
      return new RulesInForce(RuleSet.parse(contents), alerts.rulesFile(), contents, cfg.indicators(), now);
    } catch (java.io.IOException e) {
      throw new ConfigException("alerts.rulesFile: cannot read " + alerts.rulesFile() + ": " + e.getMessage(), e);
    } catch (RuleSetException e) {
      throw new ConfigException("alerts.rulesFile " + alerts.rulesFile() + ": " + e.getMessage(), e);
    }
  }

  /** Members of the cluster as this node sees them; 0 once its member is down. */
  private static int members(HazelcastClusterManager cm) {
    var hz = cm.getHazelcastInstance();
    return hz != null && hz.getLifecycleService().isRunning() ? hz.getCluster().getMembers().size() : 0;
  }

  private static int ownedPartitions(HazelcastClusterManager cm) {
    var hz = cm.getHazelcastInstance();
    if (hz == null || !hz.getLifecycleService().isRunning()) {
      return 0;
    }
    var me = hz.getCluster().getLocalMember();
    return (int) hz.getPartitionService().getPartitions().stream().filter(p -> me.equals(p.getOwner())).count();
  }

  private static Future<Void> createTopics(Vertx vertx, KafkaConfig k, AlertConfig alerts) {
    if (!k.createTopics()) {
      return Future.succeededFuture();
    }
    Map<String, Integer> topics = new HashMap<>();
    for (String t : k.topics()) {
      topics.put(t, k.partitions());
      topics.put(k.dlqTopic(t), k.partitions());
    }
    if (alerts.enabled()) {
      topics.put(alerts.topic(), k.partitions());
      topics.put(alerts.topic() + ".dlq", k.partitions());
    }
    return vertx.executeBlocking(() -> {
      TopicAdmin.ensureTopics(k.bootstrapServers(), topics, TOPIC_TIMEOUT);
      return null;
    }, false);
  }

  public int httpPort() {
    return httpPort;
  }

  public Vertx vertx() {
    return vertx;
  }

  public AgencyStore store() {
    return store;
  }

  public IngestMetrics metrics() {
    return metrics;
  }

  public Readiness readiness() {
    return readiness;
  }

  public HazelcastClusterManager cluster() {
    return cluster;
  }

  public AppConfig config() {
    return cfg;
  }

  /**
   * Stops consumers and the history writer first (they write, commit and close their Kafka clients, which
   * vertx.close() alone would not), then the database pool, then leaves the cluster.
   */
  public Future<Void> close() {
    List<Future<?>> undeployed = new ArrayList<>();
    vertx.deploymentIDs().forEach(id -> undeployed.add(vertx.undeploy(id)));
    return Future.join(undeployed)
        .transform(x -> producer.close())
        .transform(x -> history == null ? Future.succeededFuture() : history.close())
        .transform(x -> vertx.close())
        .andThen(x -> lagProbe.close());
  }
}
