package cn.cq.ipmonitor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("ConfigLoader")
class ConfigLoaderTest {

  @TempDir
  Path dir;

  private Path file(String json) throws IOException {
    Path p = dir.resolve("ipmonitor.json");
    Files.writeString(p, json, StandardCharsets.UTF_8);
    return p;
  }

  private AppConfig loadFile(String json) throws IOException {
    return ConfigLoader.load(file(json), Map.of());
  }

  private static AppConfig loadEnv(Map<String, String> env) {
    return ConfigLoader.load(null, env);
  }

  private static void assertMentions(ConfigException e, String... fragments) {
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), () -> "'" + f + "' not in: " + e.getMessage());
    }
  }

  // ---------------------------------------------------------------- defaults

  @Test
  @DisplayName("the bundled defaults load and validate")
  void defaults() {
    AppConfig c = ConfigLoader.load(null, Map.of());
    assertTrue(c.kafka().embedded());
    assertEquals(List.of("ip.agency.events"), c.kafka().topics());
    assertEquals("ip.agency.events", c.kafka().primaryTopic());
    assertEquals("ip.agency.events.dlq", c.kafka().dlqTopic("ip.agency.events"));
    assertEquals(12, c.kafka().partitions());
    assertEquals(Map.of(), c.kafka().consumer());
    assertEquals(2, c.ingest().instances());
    assertEquals(300_000, c.ingest().maxFutureSkewMs());
    assertEquals(7, c.ingest().dedupRetentionDays());
    assertEquals("Asia/Shanghai", c.indicators().zone());
    assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), c.indicators().abnormalCategories());
    assertEquals(100, c.indicators().risk().revokedDeduction());
    assertEquals(List.of(), c.auth().tokens());
    assertEquals(8080, c.http().port());
    assertEquals(List.of(), c.cluster().members());
    assertTrue(c.simulator().enabled());
  }

  @Test
  @DisplayName("no file and an environment without IPMON_<SECTION>__<KEY> variables give the defaults")
  void unrelatedEnv() {
    // IPMON_CONFIG (the file's path, read by Main) has no "__" and is not a setting.
    AppConfig c = loadEnv(Map.of("PATH", "/usr/bin", "HOME", "/root", "IPMONX__KAFKA", "x",
        "IPMON_CONFIG", "/etc/ipmonitor.json"));
    assertEquals(ConfigLoader.load(null, Map.of()), c);
  }

  @Test
  @DisplayName("withOverrides merges a tree into the defaults")
  void withOverrides() throws IOException {
    AppConfig c = ConfigLoader.withOverrides(new ObjectMapper().readTree("{\"http\":{\"port\":0}}"));
    assertEquals(0, c.http().port());
    assertEquals("127.0.0.1", c.http().host());
  }

  // ---------------------------------------------------------------- file

  @Nested
  @DisplayName("a file")
  class File {

    @Test
    @DisplayName("overrides a nested key and keeps its siblings")
    void nestedOverride() throws IOException {
      AppConfig c = loadFile("{\"indicators\": {\"risk\": {\"surgeFactor\": 7}}, \"kafka\": {\"partitions\": 3}}");
      assertEquals(7, c.indicators().risk().surgeFactor());
      assertEquals(10, c.indicators().risk().surgeDeduction(), "siblings keep their defaults");
      assertEquals("Asia/Shanghai", c.indicators().zone());
      assertEquals(3, c.kafka().partitions());
      assertEquals(List.of("ip.agency.events"), c.kafka().topics());
    }

    @Test
    @DisplayName("replaces lists as a whole")
    void lists() throws IOException {
      AppConfig c = loadFile("{\"kafka\": {\"topics\": [\"a\", \"b\"]}, \"cluster\": {\"members\": [\"10.0.0.2:5701\"]}}");
      assertEquals(List.of("a", "b"), c.kafka().topics());
      assertEquals(List.of("10.0.0.2:5701"), c.cluster().members());
    }

    @Test
    @DisplayName("an empty object changes nothing")
    void emptyObject() throws IOException {
      assertEquals(ConfigLoader.load(null, Map.of()), loadFile("{}"));
    }

    @Test
    @DisplayName("with an unknown key is an error naming it")
    void unknownKey() {
      assertMentions(assertThrows(ConfigException.class, () -> loadFile("{\"kafka\": {\"bootstrapServer\": \"x\"}}")),
          "kafka.bootstrapServer");
      assertMentions(assertThrows(ConfigException.class, () -> loadFile("{\"kafks\": {}}")), "kafks");
      assertMentions(assertThrows(ConfigException.class,
          () -> loadFile("{\"indicators\": {\"risk\": {\"surgeFactr\": 5}}}")), "indicators.risk.surgeFactr");
    }

    @Test
    @DisplayName("with a wrong type is an error")
    void wrongType() {
      assertThrows(ConfigException.class, () -> loadFile("{\"ingest\": {\"instances\": \"four\"}}"));
      assertThrows(ConfigException.class, () -> loadFile("{\"ingest\": {\"instances\": [4]}}"));
      assertThrows(ConfigException.class, () -> loadFile("{\"kafka\": {\"topics\": {\"a\": 1}}}"));
      assertThrows(ConfigException.class, () -> loadFile("{\"kafka\": 5}"));
      assertThrows(ConfigException.class, () -> loadFile("{\"kafka\": {\"embedded\": \"maybe\"}}"));
      assertThrows(ConfigException.class, () -> loadFile("{\"ingest\": {\"instances\": null}}"));
      assertThrows(ConfigException.class, () -> loadFile("{\"auth\": {\"tokens\": [\"abc\"]}}"));
    }

    @Test
    @DisplayName("with a wrong type is an error naming the setting")
    void wrongTypeNamesSetting() {
      assertMentions(assertThrows(ConfigException.class, () -> loadFile("{\"ingest\": {\"instances\": \"four\"}}")),
          "instances");
    }

    @Test
    @DisplayName("with a fraction for an integer setting is an error")
    void fractionForInteger() {
      assertThrows(ConfigException.class, () -> loadFile("{\"ingest\": {\"instances\": 4.5}}"));
      assertThrows(ConfigException.class, () -> loadEnv(Map.of("IPMON_INGEST__DEDUPRETENTIONDAYS", "7.9")));
    }

    @Test
    @DisplayName("that is not JSON, not an object, or missing is an error naming the file")
    void badFile() throws IOException {
      Path p = file("{kafka:");
      assertMentions(assertThrows(ConfigException.class, () -> ConfigLoader.load(p, Map.of())),
          p.toString(), "not valid JSON");
      Path arr = file("[1, 2]");
      assertMentions(assertThrows(ConfigException.class, () -> ConfigLoader.load(arr, Map.of())),
          arr.toString(), "JSON object");
      Path missing = dir.resolve("nope.json");
      assertMentions(assertThrows(ConfigException.class, () -> ConfigLoader.load(missing, Map.of())),
          missing.toString());
    }

    @Test
    @DisplayName("may set kafka.consumer and kafka.producer free-form properties")
    void freeForm() throws IOException {
      AppConfig c = loadFile("{\"kafka\": {\"consumer\": {\"max.poll.interval.ms\": \"300000\", \"isolation.level\":"
          + " \"read_committed\"}, \"producer\": {\"linger.ms\": \"5\"}}}");
      assertEquals(Map.of("max.poll.interval.ms", "300000", "isolation.level", "read_committed"),
          c.kafka().consumer());
      assertEquals(Map.of("linger.ms", "5"), c.kafka().producer());
    }
  }

  // ---------------------------------------------------------------- environment

  @Nested
  @DisplayName("an environment variable")
  class Env {

    @Test
    @DisplayName("IPMON_KAFKA__BOOTSTRAPSERVERS and IPMON_INGEST__INSTANCES=4 override")
    void override() {
      AppConfig c = loadEnv(Map.of("IPMON_KAFKA__BOOTSTRAPSERVERS", "broker1:9092,broker2:9092",
          "IPMON_INGEST__INSTANCES", "4"));
      assertEquals("broker1:9092,broker2:9092", c.kafka().bootstrapServers());
      assertEquals(4, c.ingest().instances());
    }

    @Test
    @DisplayName("matches names case-insensitively and reaches nested sections")
    void nested() {
      AppConfig c = loadEnv(Map.of("IPMON_indicators__Risk__SURGEFACTOR", "8.5", "IPMON_KAFKA__EMBEDDED", "false",
          "IPMON_KAFKA__BOOTSTRAPSERVERS", "b:9092"));
      assertEquals(8.5, c.indicators().risk().surgeFactor());
      assertFalse(c.kafka().embedded());
    }

    @Test
    @DisplayName("reads JSON values such as arrays")
    void jsonValue() {
      AppConfig c = loadEnv(Map.of("IPMON_KAFKA__TOPICS", "[\"a\",\"b\"]", "IPMON_CLUSTER__MEMBERS",
          "[\"10.0.0.1\",\"10.0.0.2:5702\"]"));
      assertEquals(List.of("a", "b"), c.kafka().topics());
      assertEquals(List.of("10.0.0.1", "10.0.0.2:5702"), c.cluster().members());
    }

    @Test
    @DisplayName("overrides the file")
    void overFile() throws IOException {
      Path p = file("{\"ingest\": {\"instances\": 3, \"maxInFlightBatches\": 5}}");
      AppConfig c = ConfigLoader.load(p, Map.of("IPMON_INGEST__INSTANCES", "4"));
      assertEquals(4, c.ingest().instances());
      assertEquals(5, c.ingest().maxInFlightBatches());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"IPMON_KAFKA__NOPE", "IPMON_NOPE__X", "IPMON_INDICATORS__RISK__NOPE",
        "IPMON_KAFKA__BOOTSTRAP_SERVERS"})
    @DisplayName("naming no setting is an error naming the variable")
    void unknown(String name) {
      assertMentions(assertThrows(ConfigException.class, () -> loadEnv(Map.of(name, "1"))), name);
    }

    @Test
    @DisplayName("going below a value is an error")
    void notASection() {
      assertMentions(assertThrows(ConfigException.class, () -> loadEnv(Map.of("IPMON_KAFKA__PARTITIONS__X", "1"))),
          "IPMON_KAFKA__PARTITIONS__X", "not a section");
    }

    @Test
    @DisplayName("with a wrong type is an error")
    void wrongType() {
      assertThrows(ConfigException.class, () -> loadEnv(Map.of("IPMON_INGEST__INSTANCES", "four")));
      assertThrows(ConfigException.class, () -> loadEnv(Map.of("IPMON_KAFKA__TOPICS", "a,b")));
    }

    @Test
    @DisplayName("sets a kafka.consumer free-form property: IPMON_KAFKA__CONSUMER__FETCH_MIN_BYTES -> fetch.min.bytes")
    void freeForm() {
      AppConfig c = loadEnv(Map.of("IPMON_KAFKA__CONSUMER__FETCH_MIN_BYTES", "1024",
          "IPMON_KAFKA__PRODUCER__COMPRESSION_TYPE", "lz4"));
      assertEquals(Map.of("fetch.min.bytes", "1024"), c.kafka().consumer());
      assertEquals(Map.of("compression.type", "lz4"), c.kafka().producer());
    }

    @Test
    @DisplayName("overrides a free-form property the file set, keeping the others")
    void freeFormOverFile() throws IOException {
      Path p = file("{\"kafka\": {\"consumer\": {\"fetch.min.bytes\": \"1\", \"client.rack\": \"cq-1\"}}}");
      AppConfig c = ConfigLoader.load(p, Map.of("IPMON_KAFKA__CONSUMER__FETCH_MIN_BYTES", "2048"));
      assertEquals(Map.of("fetch.min.bytes", "2048", "client.rack", "cq-1"), c.kafka().consumer());
    }

    @Test
    @DisplayName("that is only partly JSON is taken as the whole string")
    void partlyJson() {
      AppConfig c = loadEnv(Map.of("IPMON_CLUSTER__NAME", "1 2", "IPMON_KAFKA__GROUPID", "2026 monitor"));
      assertEquals("1 2", c.cluster().name());
      assertEquals("2026 monitor", c.kafka().groupId());
    }
  }

  // ---------------------------------------------------------------- validation

  @Nested
  @DisplayName("validation")
  class Validation {

    @Test
    @DisplayName("reports every invalid value together")
    void together() {
      ConfigException e = assertThrows(ConfigException.class, () -> loadFile("""
          {"kafka": {"partitions": -1},
           "indicators": {"zone": "Mars/Olympus_Mons"},
           "auth": {"tokens": [{"token": "short", "role": "district:999999", "name": "bureau"}]}}"""));
      assertMentions(e, "kafka.partitions", "indicators.zone", "Mars/Olympus_Mons", "at least 16", "district:999999");
    }

    @Test
    @DisplayName("reports the same problems when they come from environment variables")
    void togetherFromEnv() {
      ConfigException e = assertThrows(ConfigException.class, () -> loadEnv(Map.of("IPMON_KAFKA__PARTITIONS", "-1",
          "IPMON_INDICATORS__ZONE", "Mars/Olympus_Mons", "IPMON_INGEST__INSTANCES", "0")));
      assertMentions(e, "kafka.partitions", "indicators.zone", "ingest.instances");
    }

    @Test
    @DisplayName("accepts tokens of 16 characters with the city, display and district roles")
    void goodTokens() throws IOException {
      AppConfig c = loadFile("""
          {"auth": {"tokens": [
            {"token": "0123456789abcdef", "role": "city", "name": "city bureau"},
            {"token": "0123456789abcdeg", "role": "display", "name": "wall"},
            {"token": "0123456789abcdeh", "role": "district:500112", "name": "Yubei"}]}}""");
      assertEquals(3, c.auth().tokens().size());
      assertEquals("district:500112", c.auth().tokens().get(2).role());
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"admin", "City", "district:", "district:999999", "district:110101", "district:500112 ",
        "DISTRICT:500112", "display:500112"})
    @DisplayName("refuses any other role")
    void badRoles(String role) {
      assertFalse(ConfigValidator.validRole(role));
      assertThrows(ConfigException.class, () -> loadFile("{\"auth\": {\"tokens\": [{\"token\": \"0123456789abcdef\","
          + " \"role\": \"" + role + "\", \"name\": \"x\"}]}}"));
    }

    @Test
    @DisplayName("knows the good roles")
    void goodRoles() {
      assertTrue(ConfigValidator.validRole("city"));
      assertTrue(ConfigValidator.validRole("display"));
      assertTrue(ConfigValidator.validRole("district:500243"));
      assertFalse(ConfigValidator.validRole(null));
    }

    @Test
    @DisplayName("refuses a token of 15 characters or none")
    void shortToken() {
      assertMentions(assertThrows(ConfigException.class, () -> loadFile("{\"auth\": {\"tokens\": [{\"token\":"
          + " \"0123456789abcde\", \"role\": \"city\", \"name\": \"x\"}]}}")), "at least 16");
      assertMentions(assertThrows(ConfigException.class, () -> loadFile("{\"auth\": {\"tokens\": [{\"role\":"
          + " \"city\", \"name\": \"x\"}]}}")), "at least 16");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "{\"kafka\": {\"embedded\": false, \"bootstrapServers\": \" \"}}|kafka.bootstrapServers",
        "{\"kafka\": {\"topics\": []}}|kafka.topics",
        "{\"kafka\": {\"dlqSuffix\": \"\"}}|kafka.dlqSuffix",
        "{\"http\": {\"port\": 65536}}|http.port",
        "{\"cluster\": {\"port\": -1}}|cluster.port",
        "{\"cluster\": {\"backupCount\": 7}}|cluster.backupCount",
        "{\"cluster\": {\"portCount\": 0}}|cluster.portCount",
        "{\"ingest\": {\"dedupRetentionDays\": 6}}|ingest.dedupRetentionDays",
        "{\"ingest\": {\"maxPendingEvents\": 0}}|ingest.maxPendingEvents",
        "{\"ingest\": {\"maxInFlightBatches\": 0}}|ingest.maxInFlightBatches",
        "{\"ingest\": {\"maxPollRecords\": 0}}|ingest.maxPollRecords",
        "{\"indicators\": {\"zone\": \"\"}}|indicators.zone",
        "{\"indicators\": {\"zone\": null}}|indicators.zone",
        "{\"indicators\": {\"nationalInventionGrantRate\": 1.0}}|indicators.nationalInventionGrantRate",
        "{\"indicators\": {\"nationalInventionGrantRate\": 0}}|indicators.nationalInventionGrantRate",
        "{\"simulator\": {\"backfillDays\": 367}}|simulator",
        "{\"simulator\": {\"scale\": 0}}|simulator"})
    @DisplayName("refuses a value out of range, naming it")
    void outOfRange(String spec) {
      String[] p = spec.split("\\|");
      assertMentions(assertThrows(ConfigException.class, () -> loadFile(p[0])), p[1]);
    }

    @Test
    @DisplayName("accepts the edges of the ranges")
    void edges() throws IOException {
      AppConfig c = loadFile("""
          {"kafka": {"embedded": false, "bootstrapServers": "b:9092", "partitions": 1},
           "http": {"port": 65535}, "cluster": {"port": 0, "backupCount": 6},
           "ingest": {"dedupRetentionDays": 7, "maxInFlightBatches": 1, "maxPendingEvents": 1},
           "indicators": {"zone": "UTC"},
           "simulator": {"enabled": false, "backfillDays": 999}}""");
      assertEquals(65535, c.http().port());
      assertEquals("UTC", c.indicators().zone());
    }
  }
}
