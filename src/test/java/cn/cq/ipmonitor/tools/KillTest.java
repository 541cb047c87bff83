package cn.cq.ipmonitor.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The three-node kill test with real processes (issue 3), outside the unit tests: starts three monitor nodes
 * from the fat jar (the first also runs the embedded broker), streams events with repeats, kills one node
 * with SIGKILL mid-stream, starts it again mid-stream, and when the group has committed everything compares
 * every agency's counts on every node with what the events say. Prints what it compared; exits 1 on any
 * difference. Run by {@code scripts/cluster-kill-test.sh}.
 */
public final class KillTest {

  private static final String TOKEN = "kill-test-city-token-0123456789";
  private static final String HOST = "127.0.0.1";
  private static final String TOPIC = "ip.agency.events";
  private static final String GROUP = "ip-agency-monitor";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

  private KillTest() {
  }

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args.length > 0 ? args[0] : "target/ip-agency-monitor.jar");
    int events = args.length > 1 ? Integer.parseInt(args[1]) : 300_000;
    int agencies = args.length > 2 ? Integer.parseInt(args[2]) : 500;
    Path work = Files.createTempDirectory(Path.of("target"), "kill-test-");
    int kafkaPort = freePort();
    int[] cluster = {freePort(), freePort(), freePort()};
    int[] http = {freePort(), freePort(), freePort()};
    String members = "[\"" + HOST + ":" + cluster[0] + "\",\"" + HOST + ":" + cluster[1] + "\",\"" + HOST + ":"
        + cluster[2] + "\"]";
    Process[] nodes = new Process[3];
    try {
      nodes[0] = start(jar, work, 0, kafkaPort, cluster[0], http[0], members, true);
      awaitReady(http[0]);
      nodes[1] = start(jar, work, 1, kafkaPort, cluster[1], http[1], members, false);
      nodes[2] = start(jar, work, 2, kafkaPort, cluster[2], http[2], members, false);
      awaitReady(http[1]);
      awaitReady(http[2]);
      System.out.printf("3 nodes ready (HTTP %d, %d, %d; Kafka %s:%d)%n", http[0], http[1], http[2], HOST, kafkaPort);

      List<String[]> stream = events(events, agencies);
      String bootstrap = HOST + ":" + kafkaPort;
      int third = stream.size() / 3;
      send(bootstrap, stream.subList(0, third));
      nodes[1].destroyForcibly().waitFor();
      System.out.printf("kill -9 node 2 after %,d of %,d records%n", third, stream.size());
      send(bootstrap, stream.subList(third, 2 * third));
      nodes[1] = start(jar, work, 1, kafkaPort, cluster[1], http[1], members, false);
      System.out.printf("node 2 started again after %,d records%n", 2 * third);
      send(bootstrap, stream.subList(2 * third, stream.size()));
      awaitReady(http[1]);
      awaitCommitted(bootstrap);
      System.out.println("group committed every record");

      Map<String, long[]> expected = expected(stream);
      boolean ok = true;
      for (int i = 0; i < 3; i++) {
        ok &= compare(i + 1, http[i], expected);
      }
      System.out.println(ok ? "RESULT OK: every node shows exactly the counts of the events sent, none lost, none doubled"
          : "RESULT FAILED: see the differences above");
      System.exit(ok ? 0 : 1);
    } finally {
      for (Process p : nodes) {
        if (p != null) {
          p.destroyForcibly();
        }
      }
    }
  }

  private static Process start(Path jar, Path work, int i, int kafkaPort, int clusterPort, int httpPort,
                               String members, boolean broker) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("java", "-Xmx1g", "-Dvertx.cacheDirBase=" + work.resolve("vertx-" + i),
        "-jar", jar.toString());
    Map<String, String> env = pb.environment();
    env.put("IPMON_KAFKA__EMBEDDED", Boolean.toString(broker));
    env.put("IPMON_KAFKA__EMBEDDEDPORT", Integer.toString(kafkaPort));
    env.put("IPMON_KAFKA__BOOTSTRAPSERVERS", HOST + ":" + kafkaPort);
    env.put("IPMON_CLUSTER__PORT", Integer.toString(clusterPort));
    env.put("IPMON_CLUSTER__PORTCOUNT", "1");
    env.put("IPMON_CLUSTER__MEMBERS", members);
    env.put("IPMON_HTTP__PORT", Integer.toString(httpPort));
    env.put("IPMON_SIMULATOR__ENABLED", "false");
    // The live state is what this test compares; history would need one database shared by the three nodes.
    env.put("IPMON_HISTORY__ENABLED", "false");
    env.put("IPMON_AUTH__GENERATEDEMOTOKENS", "false");
    env.put("IPMON_AUTH__TOKENS", "[{\"token\":\"" + TOKEN + "\",\"role\":\"city\",\"name\":\"kill-test\"}]");
    File log = work.resolve("node-" + (i + 1) + ".log").toFile();
    pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log));
    return pb.start();
  }

  /** Registrations, then filings 2-20 hours old, with one record in twenty sent twice. */
  private static List<String[]> events(int n, int agencies) {
    Random rnd = new Random(42);
    long now = System.currentTimeMillis();
    List<String[]> out = new ArrayList<>();
    for (int a = 0; a < agencies; a++) {
      String id = "K" + (10000 + a);
      out.add(new String[] {id, "{\"eventId\":\"reg-" + id + "\",\"type\":\"AGENCY_REGISTERED\",\"occurredAt\":\""
          + ts(now - Duration.ofDays(30).toMillis()) + "\",\"agencyId\":\"" + id + "\",\"district\":\"500105\","
          + "\"detail\":{\"name\":\"Kill test " + id + "\",\"kind\":\"PATENT\",\"attorneys\":5}}"});
    }
    for (int i = 0; i < n; i++) {
      String id = "K" + (10000 + rnd.nextInt(agencies));
      long at = now - Duration.ofHours(2).toMillis() - (long) (rnd.nextDouble() * Duration.ofHours(18).toMillis());
      String[] e = {id, "{\"eventId\":\"kt-" + i + "\",\"type\":\"FILING_SUBMITTED\",\"occurredAt\":\"" + ts(at)
          + "\",\"agencyId\":\"" + id + "\",\"applicationNo\":\"2026" + (1000000 + i) + "\",\"ipType\":\"INVENTION\"}"};
      out.add(e);
      if (i % 20 == 0) {
        out.add(e);
      }
    }
    return out;
  }

  private static Map<String, long[]> expected(List<String[]> stream) throws Exception {
    Map<String, long[]> out = new TreeMap<>();
    Set<String> seen = new HashSet<>();
    for (String[] e : stream) {
      JsonNode n = JSON.readTree(e[1]);
      if (!seen.add(n.get("eventId").asText())) {
        continue;
      }
      long[] c = out.computeIfAbsent(e[0], k -> new long[2]);
      c[0]++;
      if (n.get("type").asText().equals("FILING_SUBMITTED")) {
        c[1]++;
      }
    }
    return out;
  }

  private static boolean compare(int node, int port, Map<String, long[]> expected) throws Exception {
    JsonNode body = JSON.readTree(get(port, "/api/v1/agencies?sort=id&limit=1000").body());
    Map<String, JsonNode> actual = new HashMap<>();
    body.get("items").forEach(a -> actual.put(a.get("agencyId").asText(), a));
    long expectedEvents = 0;
    long seenEvents = 0;
    int differences = 0;
    for (Map.Entry<String, long[]> e : expected.entrySet()) {
      JsonNode a = actual.get(e.getKey());
      long events = a == null ? 0 : a.get("events").asLong();
      long filings = a == null ? 0 : a.get("indicators").get("filings").get("24h").asLong();
      expectedEvents += e.getValue()[0];
      seenEvents += events;
      if (events != e.getValue()[0] || filings != e.getValue()[1]) {
        if (differences++ < 10) {
          System.out.printf("  node %d %s: events %d (expected %d), filings 24h %d (expected %d)%n", node,
              e.getKey(), events, e.getValue()[0], filings, e.getValue()[1]);
        }
      }
    }
    System.out.printf("node %d: %d agencies compared, %,d distinct events expected, %,d counted, %d agencies differ%n",
        node, expected.size(), expectedEvents, seenEvents, differences);
    return differences == 0 && actual.size() == expected.size();
  }

  private static void send(String bootstrap, List<String[]> records) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("acks", "all");
    p.put("linger.ms", "5");
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
      for (String[] r : records) {
        producer.send(new ProducerRecord<>(TOPIC, r[0], r[1].getBytes(StandardCharsets.UTF_8)));
      }
    }
  }

  private static void awaitCommitted(String bootstrap) throws Exception {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    try (Admin admin = Admin.create(p)) {
      long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
      while (true) {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
            .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(List.of(TOPIC)).allTopicNames().get(10, TimeUnit.SECONDS).get(TOPIC).partitions()
            .forEach(pi -> latest.put(new TopicPartition(TOPIC, pi.partition()), OffsetSpec.latest()));
        long behind = 0;
        for (var e : admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet()) {
          OffsetAndMetadata c = committed.get(e.getKey());
          behind += e.getValue().offset() - (c == null ? 0 : c.offset());
        }
        if (behind == 0) {
          return;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("still " + behind + " records behind");
        }
        TimeUnit.MILLISECONDS.sleep(200);
      }
    }
  }

  private static void awaitReady(int port) throws Exception {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (get(port, "/health/ready").statusCode() == 200) {
          return;
        }
      } catch (java.io.IOException notYet) {
        // not listening yet
      }
      TimeUnit.MILLISECONDS.sleep(250);
    }
    throw new IllegalStateException("node on HTTP port " + port + " not ready after " + READY_TIMEOUT);
  }

  private static HttpResponse<String> get(int port, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + port + path))
        .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String ts(long millis) {
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis),
        ZoneOffset.ofHours(8)));
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
