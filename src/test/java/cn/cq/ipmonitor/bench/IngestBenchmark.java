package cn.cq.ipmonitor.bench;

import cn.cq.ipmonitor.app.MonitorNode;
import cn.cq.ipmonitor.broker.EmbeddedKafka;
import cn.cq.ipmonitor.broker.TopicAdmin;
import cn.cq.ipmonitor.config.AppConfig;
import cn.cq.ipmonitor.config.ConfigLoader;
import cn.cq.ipmonitor.history.EmbeddedPostgres;
import cn.cq.ipmonitor.indicator.AgencyReading;
import cn.cq.ipmonitor.indicator.Counter;
import cn.cq.ipmonitor.indicator.Window;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The ingest benchmark of issue 2. Fills an embedded broker with contract events over a year of event time,
 * then measures one monitor node consuming them to zero lag with state written to Hazelcast, and the heap
 * used once 10,000 agencies hold a year of history. Run with {@code mvn -Pbench test-compile exec:exec}
 * (see BENCHMARKS.md). Arguments: events (2,000,000), agencies (3,000), heapAgencies (10,000).
 */
public final class IngestBenchmark {

  private static final int PARTITIONS = 12;
  private static final long YEAR_MS = Duration.ofDays(365).toMillis();
  private static final String[] IP_TYPES = {"INVENTION", "UTILITY_MODEL", "DESIGN", "TRADEMARK"};
  private static final String[] DISTRICTS = {"500103", "500105", "500106", "500107", "500108", "500112",
      "500109", "500113", "500104", "500116", "500101", "500114"};

  private IngestBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    long events = args.length > 0 ? Long.parseLong(args[0]) : 2_000_000L;
    int agencies = args.length > 1 ? Integer.parseInt(args[1]) : 3_000;
    int heapAgencies = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
    System.out.printf("Machine: %d cores, max heap %d MiB, %s %s%n", Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.vm.name"), System.getProperty("java.version"));
    boolean history = Boolean.getBoolean("bench.history");
    try (EmbeddedKafka broker = EmbeddedKafka.start("127.0.0.1", null);
         AutoCloseable pg = history ? EmbeddedPostgres.start("127.0.0.1", null, 0, "ipmonitor") : () -> { }) {
      String topic = "bench-" + UUID.randomUUID().toString().substring(0, 6);
      TopicAdmin.ensureTopics(broker.bootstrapServers(), Map.of(topic, PARTITIONS, topic + ".dlq", PARTITIONS),
          Duration.ofSeconds(60));
      long now = System.currentTimeMillis();
      long t = System.nanoTime();
      long sampleEvents = fill(broker.bootstrapServers(), topic, events, 0, agencies, now, 1);
      System.out.printf("Filled %,d events over %,d agencies in %.1f s%n", events, agencies, secs(t));

      int nodeCount = Integer.getInteger("bench.nodes", 1);
      List<Integer> ports = new java.util.ArrayList<>();
      for (int i = 0; i < nodeCount; i++) {
        ports.add(freePort());
      }
      // Nodes start together, so that their consumers join the group at about the same time.
      List<io.vertx.core.Future<MonitorNode>> starting = new java.util.ArrayList<>();
      for (int port : ports) {
        starting.add(MonitorNode.start(config(broker.bootstrapServers(), topic, port, ports,
            history ? (EmbeddedPostgres) pg : null)));
      }
      io.vertx.core.Future.all(starting).await();
      List<MonitorNode> nodes = new java.util.ArrayList<>(starting.stream().map(io.vertx.core.Future::result).toList());
      MonitorNode node = nodes.get(0);
      try {
        long started = System.nanoTime();
        while (nodes.stream().allMatch(n -> n.metrics().consumedCount() == 0)) {
          TimeUnit.MILLISECONDS.sleep(1);
        }
        long firstRecord = System.nanoTime();
        long cpuAtFirst = cpuNanos();
        awaitCaughtUp(broker.bootstrapServers(), topic, node.config().kafka().groupId());
        double s = secs(firstRecord);
        double cpuMicrosPerEvent = (cpuNanos() - cpuAtFirst) / 1e3 / events;
        System.out.printf("RESULT consume+state: %,d events in %.2f s = %,.0f events/s from the first record to zero "
            + "lag (%d node(s) in one JVM, %d consumer instances each; %.2f s more to join the group)%n",
            events, s, events / s, nodeCount, node.config().ingest().instances(), (firstRecord - started) / 1e9);
        System.out.printf("RESULT CPU time of the whole JVM (broker included): %.2f µs per event%n", cpuMicrosPerEvent);
        System.out.printf("       applied=%,.0f consumed=%,.0f%n", node.metrics().appliedCount(),
            node.metrics().consumedCount());
        check(nodes, events, sampleEvents);
        if (history) {
          // The history writer runs beside the live path from the start, with its own consumer group.
          awaitCaughtUp(broker.bootstrapServers(), topic, node.config().history().groupId(node.config().kafka().groupId()));
          double hs = secs(firstRecord);
          System.out.printf("RESULT history: %,d events stored (raw rows + minute/hour/day rollups, one transaction a "
              + "batch) in %.2f s from the first record = %,.0f rows/s, while the live path ran beside it%n",
              events, hs, events / hs);
          rebuildFromHistory(broker.bootstrapServers(), topic, (EmbeddedPostgres) pg, nodes, agencies);
          return;
        }

        long extra = nodeCount > 1 ? 0 : (long) ((double) events / agencies * (heapAgencies - agencies));
        if (extra > 0) {
          t = System.nanoTime();
          fill(broker.bootstrapServers(), topic, extra, agencies, heapAgencies - agencies, now, 2);
          awaitCaughtUp(broker.bootstrapServers(), topic, node.config().kafka().groupId());
          System.out.printf("Added %,d events for %,d more agencies in %.1f s%n", extra, heapAgencies - agencies, secs(t));
        }
        if (nodeCount > 1) {
          return;
        }
        for (int i = 0; i < 3; i++) {
          System.gc();
        }
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        System.out.printf("RESULT heap used after GC with %,d agencies holding a year (%,d events; broker, Hazelcast "
            + "and Vert.x in the same JVM): %,d MiB%n", node.store().size(), events + extra, used >> 20);
      } finally {
        for (MonitorNode n : nodes) {
          n.close().await();
        }
      }
    }
    System.exit(0);
  }

  /**
   * Stops the cluster and starts a new one (an empty Hazelcast cluster, same groups): it rebuilds the live
   * state from history before its consumers start. Reports how long that took and checks the agencies.
   */
  private static void rebuildFromHistory(String bootstrap, String topic, EmbeddedPostgres pg, List<MonitorNode> nodes,
                                         int agencies) {
    long before = nodes.get(0).store().read(agencyId(0), System.currentTimeMillis()).await().applied();
    for (MonitorNode n : nodes) {
      n.close().await();
    }
    nodes.clear();
    int port = freePortUnchecked();
    long t = System.nanoTime();
    MonitorNode fresh = MonitorNode.start(config(bootstrap, topic, port, List.of(port), pg, "-restarted")).await();
    double s = secs(t);
    nodes.add(fresh);
    AgencyReading r = fresh.store().read(agencyId(0), System.currentTimeMillis()).await();
    System.out.printf("RESULT rebuild from history after a whole-cluster stop: node started with %,d agencies' state "
        + "in %.2f s (Hazelcast join, schema check, streaming the year from PostgreSQL into the state); sample %s "
        + "has %d events%n", fresh.store().size(), s, r.agencyId(), r.applied());
    boolean ok = fresh.store().size() == agencies && r.applied() == before;
    System.out.println(ok ? "CHECK OK: every agency back, the sample with exactly its " + before + " events"
        : "CHECK FAILED: " + fresh.store().size() + " agencies, sample " + r.applied() + " events, was " + before);
  }

  /** The benchmark counts only if nothing was lost or counted twice. */
  private static void check(List<MonitorNode> nodes, long events, long sampleEvents) {
    AgencyReading r = nodes.get(nodes.size() - 1).store().read(agencyId(0), System.currentTimeMillis()).await();
    long applied = nodes.stream().mapToLong(n -> (long) n.metrics().appliedCount()).sum();
    System.out.printf("       sample %s: %d events applied (%d produced), filings 365d=%d, 30d=%d%n", r.agencyId(),
        r.applied(), sampleEvents, r.measures().count(Window.D365, Counter.FILINGS),
        r.measures().count(Window.D30, Counter.FILINGS));
    boolean ok = r.applied() == sampleEvents && applied == events;
    System.out.println(ok ? "CHECK OK: every event applied exactly once" : "CHECK FAILED: applied " + applied + " of " + events);
  }

  private static AppConfig config(String bootstrap, String topic, int port, List<Integer> ports,
                                  EmbeddedPostgres pg) {
    return config(bootstrap, topic, port, ports, pg, "");
  }

  private static AppConfig config(String bootstrap, String topic, int port, List<Integer> ports,
                                  EmbeddedPostgres pg, String clusterSuffix) {
    ObjectMapper m = new ObjectMapper();
    ObjectNode o = m.createObjectNode();
    ObjectNode kafka = o.putObject("kafka");
    kafka.put("embedded", false).put("bootstrapServers", bootstrap).put("groupId", "bench-" + topic)
        .put("createTopics", true); // the event topic exists already; this creates the alerts topic of the run
    kafka.putArray("topics").add(topic);
    ObjectNode cluster = o.putObject("cluster").put("name", "bench-" + topic + clusterSuffix).put("port", port)
        .put("portCount", 1);
    ports.forEach(p -> cluster.withArray("members").add("127.0.0.1:" + p));
    o.putObject("http").put("port", 0);
    o.putObject("simulator").put("enabled", false);
    // -Dbench.alerts=false measures ingest without the alert evaluator beside it.
    o.putObject("alerts").put("topic", topic + ".alerts")
        .put("enabled", Boolean.parseBoolean(System.getProperty("bench.alerts", "true")));
    if (pg == null) {
      o.putObject("history").put("enabled", false);
    } else {
      ObjectNode h = o.putObject("history").put("enabled", true).put("embedded", false).put("host", pg.host())
          .put("port", pg.port());
      // -Dbench.historyBatch=rows,inFlight tries other writer settings.
      String batch = System.getProperty("bench.historyBatch");
      if (batch != null && !batch.isBlank()) {
        String[] v = batch.split(",");
        h.put("batchRows", Integer.parseInt(v[0])).put("maxInFlightBatches", Integer.parseInt(v[1]))
            .put("poolSize", Integer.parseInt(v[1]) + 4).put("maxPendingRows", Integer.parseInt(v[0]) * 20);
      }
    }
    // -Dbench.ingest=maxInFlightBatches=8,instances=1 tries other ingest settings without editing the defaults.
    String ingest = System.getProperty("bench.ingest");
    if (ingest != null && !ingest.isBlank()) {
      ObjectNode in = o.putObject("ingest");
      for (String kv : ingest.split(",")) {
        String[] p = kv.split("=", 2);
        in.put(p[0].trim(), Long.parseLong(p[1].trim()));
      }
    }
    return ConfigLoader.withOverrides(o);
  }

  private static void awaitCaughtUp(String bootstrap, String topic, String group) throws Exception {
    Map<TopicPartition, Long> ends = TopicAdmin.endOffsets(bootstrap, List.of(topic));
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(p)) {
      while (true) {
        Map<TopicPartition, OffsetAndMetadata> committed =
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        long behind = 0;
        for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
          OffsetAndMetadata c = committed.get(e.getKey());
          behind += e.getValue() - (c == null ? 0 : c.offset());
        }
        if (behind == 0) {
          return;
        }
        TimeUnit.MILLISECONDS.sleep(20);
      }
    }
  }

  /**
   * Produces {@code n} events for agencies {@code first..first+count-1}, in event-time order over the last year.
   *
   * @return how many of them are about agency {@code first}
   */
  private static long fill(String bootstrap, String topic, long n, int first, int count, long now, long seed)
      throws Exception {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("acks", "1");
    p.put("linger.ms", "20");
    p.put("batch.size", "262144");
    p.put("compression.type", "lz4");
    SplittableRandom rnd = new SplittableRandom(seed);
    long start = now - YEAR_MS + 60_000;
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
      for (int a = 0; a < count; a++) {
        String id = agencyId(first + a);
        producer.send(new ProducerRecord<>(topic, id, registered(id, DISTRICTS[(first + a) % DISTRICTS.length], start)));
      }
      long registries = count;
      long sample = 1;
      for (long i = registries; i < n; i++) {
        long at = start + (long) ((double) (i - registries) / (n - registries) * (YEAR_MS - 120_000));
        int a = rnd.nextInt(count);
        sample += a == 0 ? 1 : 0;
        String id = agencyId(first + a);
        producer.send(new ProducerRecord<>(topic, id, event(seed + "-" + i, id, at, rnd)));
      }
      producer.flush();
      return sample;
    }
  }

  static String agencyId(int i) {
    return "B" + (10000 + i);
  }

  private static byte[] registered(String id, String district, long at) {
    return ("{\"eventId\":\"reg-" + id + "\",\"type\":\"AGENCY_REGISTERED\",\"occurredAt\":\"" + ts(at)
        + "\",\"agencyId\":\"" + id + "\",\"district\":\"" + district + "\",\"detail\":{\"name\":\"Bench agency "
        + id + "\",\"kind\":\"PATENT\",\"attorneys\":8,\"status\":\"ACTIVE\",\"zones\":[]}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] event(String eventId, String id, long at, SplittableRandom rnd) {
    int roll = rnd.nextInt(100);
    String type;
    if (roll < 62) {
      type = "FILING_SUBMITTED";
    } else if (roll < 82) {
      type = "FILING_GRANTED";
    } else if (roll < 90) {
      type = "FILING_REJECTED";
    } else if (roll < 95) {
      type = "FILING_WITHDRAWN";
    } else if (roll < 98) {
      type = "ABNORMAL_NOTIFIED";
    } else {
      type = "COMPLAINT_RECEIVED";
    }
    String ip = IP_TYPES[rnd.nextInt(IP_TYPES.length)];
    StringBuilder s = new StringBuilder(220).append("{\"eventId\":\"").append(eventId).append("\",\"type\":\"")
        .append(type).append("\",\"occurredAt\":\"").append(ts(at)).append("\",\"agencyId\":\"").append(id)
        .append('"');
    if (!type.equals("COMPLAINT_RECEIVED")) {
      s.append(",\"applicationNo\":\"2026").append(rnd.nextInt(10_000_000)).append(".").append(rnd.nextInt(10))
          .append("\",\"ipType\":\"").append(ip).append("\",\"attorneyId\":\"").append(id).append("00001\"");
    }
    if (type.equals("ABNORMAL_NOTIFIED")) {
      s.append(",\"detail\":{\"category\":").append(1 + rnd.nextInt(10)).append(",\"batchId\":\"B1\"}");
    } else if (type.equals("COMPLAINT_RECEIVED")) {
      s.append(",\"detail\":{\"channel\":\"12345\",\"summary\":\"solicitation\"}");
    }
    return s.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String ts(long millis) {
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.ofHours(8)));
  }

  private static double secs(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static int freePortUnchecked() {
    try {
      return freePort();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
