package cn.cq.ipmonitor.history;

import cn.cq.ipmonitor.config.HistoryConfig;

import cn.cq.ipmonitor.event.Decoded;
import cn.cq.ipmonitor.event.EventDecoder;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** History test fixtures: configuration, a database per test class, and contract events. */
final class TestHistory {

  static final String ZONE = "Asia/Shanghai";
  static final EventDecoder DECODER = new EventDecoder(System::currentTimeMillis, 300_000,
      IntStream.rangeClosed(1, 10).boxed().collect(Collectors.toSet()));
  private static final ZoneOffset SHANGHAI = ZoneOffset.ofHours(8);
  private static final List<String> TYPES = List.of("FILING_SUBMITTED", "FILING_SUBMITTED", "FILING_SUBMITTED",
      "FILING_GRANTED", "FILING_REJECTED", "FILING_WITHDRAWN", "ABNORMAL_NOTIFIED", "MALICIOUS_TRADEMARK_REFUSED",
      "COMPLAINT_RECEIVED", "PENALTY_IMPOSED", "AGENCY_STATUS_CHANGED");
  private static final List<String> IP_TYPES = List.of("INVENTION", "UTILITY_MODEL", "DESIGN", "TRADEMARK");
  private static final List<String> ROUTES = List.of("DOMESTIC", "PCT", "MADRID", "HAGUE", "PARIS");

  private TestHistory() {
  }

  /** Test settings: small retry delays so an outage test recovers quickly. */
  static HistoryConfig config(int port, String database) {
    return new HistoryConfig(true, true, "", "127.0.0.1", port, database, EmbeddedPostgres.SUPERUSER, "", 6, 1000, 4,
        20_000, 5_000, "-history", 100, 1_000, ZONE, new HistoryConfig.Timescale(true, 7, 400, 30, 10, 390));
  }

  /** A fresh database on {@code pg}, opened and migrated. */
  static HistoryDatabase open(Vertx vertx, EmbeddedPostgres pg) {
    String name = "h_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    createDatabase(pg, name);
    HistoryDatabase db = HistoryDatabase.open(vertx, config(pg.port(), name), pg.host(), pg.port());
    db.ready().await();
    return db;
  }

  private static void createDatabase(EmbeddedPostgres pg, String name) {
    try (var c = java.sql.DriverManager.getConnection("jdbc:postgresql://" + pg.host() + ":" + pg.port()
        + "/postgres", EmbeddedPostgres.SUPERUSER, ""); var s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static String at(long millis) {
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), SHANGHAI));
  }

  static JsonObject registered(String agencyId, String district, long at) {
    return base("AGENCY_REGISTERED", agencyId, at).put("district", district)
        .put("detail", new JsonObject().put("name", "测试代理所" + agencyId).put("kind", "PATENT").put("attorneys", 3));
  }

  static JsonObject filing(String agencyId, String ipType, String route, long at) {
    return base("FILING_SUBMITTED", agencyId, at).put("applicationNo", "2026" + UUID.randomUUID().toString()
        .substring(0, 8)).put("ipType", ipType).put("route", route);
  }

  /** A random valid event of any counted type, or a status change, at {@code at}. */
  static JsonObject random(Random rnd, String agencyId, long at) {
    String type = TYPES.get(rnd.nextInt(TYPES.size()));
    JsonObject e = base(type, agencyId, at);
    switch (type) {
      case "FILING_SUBMITTED", "FILING_GRANTED", "FILING_REJECTED", "FILING_WITHDRAWN", "ABNORMAL_NOTIFIED" -> {
        e.put("applicationNo", "APP" + rnd.nextInt(1_000_000)).put("ipType", IP_TYPES.get(rnd.nextInt(IP_TYPES.size())))
            .put("route", ROUTES.get(rnd.nextInt(ROUTES.size())));
        if (type.equals("ABNORMAL_NOTIFIED")) {
          e.put("detail", new JsonObject().put("category", 1 + rnd.nextInt(10)));
        }
      }
      case "MALICIOUS_TRADEMARK_REFUSED" -> e.put("applicationNo", "TM" + rnd.nextInt(1_000_000));
      case "PENALTY_IMPOSED" -> e.put("detail", new JsonObject().put("measure", "WARNING"));
      case "AGENCY_STATUS_CHANGED" -> e.put("detail", new JsonObject().put("status", "ACTIVE"));
      default -> {
      }
    }
    return e;
  }

  static JsonObject base(String type, String agencyId, long at) {
    return new JsonObject().put("eventId", UUID.randomUUID().toString()).put("type", type).put("occurredAt", at(at))
        .put("agencyId", agencyId);
  }

  /** Decodes as the writer does; fails the test on an invalid fixture. */
  static EventRow row(JsonObject json) {
    byte[] bytes = json.encode().getBytes(StandardCharsets.UTF_8);
    Decoded d = DECODER.decode(bytes);
    if (!d.isValid()) {
      throw new IllegalArgumentException(d.reason() + ": " + json);
    }
    return new EventRow(d.event(), json.encode());
  }

  static List<EventRow> rows(List<JsonObject> events) {
    List<EventRow> rows = new ArrayList<>();
    events.forEach(e -> rows.add(row(e)));
    return rows;
  }
}
