package cn.cq.ipmonitor.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.cq.ipmonitor.config.AuthConfig;
import cn.cq.ipmonitor.web.TokenAuth;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("GET /api/v1/history/{scope} on a real PostgreSQL")
class HistoryApiTest extends PostgresTestBase {

  private static final String CITY = "history-city-token-0123456789";
  private static final String JIANGBEI = "history-jiangbei-token-0123456789";
  private static final String INGEST = "history-ingest-token-0123456789";
  private static final ZoneId ZONE = ZoneId.of(TestHistory.ZONE);
  /** Fixed "now" of the API: 2026-11-21 12:00 in Chongqing. */
  private static final long NOW = LocalDate.of(2026, 11, 21).atTime(12, 0).atZone(ZONE).toInstant().toEpochMilli();
  private static final long MINUTE = 60_000L;
  private static final long HOUR = 60 * MINUTE;
  private static final long DAY = 24 * HOUR;

  private static HistoryDatabase db;
  private static HttpServer server;
  private static WebClient web;

  @BeforeAll
  static void start() {
    db = TestHistory.open(vertx, pg);
    Router router = Router.router(vertx);
    router.route("/api/v1/*").handler(new TokenAuth(new AuthConfig(List.of(
        new AuthConfig.TokenConfig(CITY, "city", "city"),
        new AuthConfig.TokenConfig(JIANGBEI, "district:500105", "jiangbei"),
        new AuthConfig.TokenConfig(INGEST, "ingest", "source")), false)));
    new HistoryApi(new HistoryStore(db), ZONE, () -> NOW).mount(router);
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
    web = WebClient.create(vertx);

    List<JsonObject> events = new ArrayList<>();
    events.add(TestHistory.registered("J1", "500105", NOW - 400 * DAY));
    events.add(TestHistory.registered("J2", "500105", NOW - 400 * DAY));
    events.add(TestHistory.registered("Y1", "500103", NOW - 400 * DAY));
    // J1: 3 filings this hour (2 PCT), 1 yesterday, 2 in September; J2: 1 this hour; Y1: 4 this hour.
    events.add(TestHistory.filing("J1", "INVENTION", "PCT", NOW - 5 * MINUTE));
    events.add(TestHistory.filing("J1", "INVENTION", "PCT", NOW - 5 * MINUTE));
    events.add(TestHistory.filing("J1", "DESIGN", "DOMESTIC", NOW - 30 * MINUTE));
    events.add(TestHistory.filing("J1", "DESIGN", "DOMESTIC", NOW - DAY));
    events.add(TestHistory.filing("J1", "TRADEMARK", "MADRID", NOW - 60 * DAY));
    events.add(TestHistory.filing("J1", "TRADEMARK", "DOMESTIC", NOW - 61 * DAY));
    events.add(TestHistory.filing("J2", "UTILITY_MODEL", "DOMESTIC", NOW - 10 * MINUTE));
    for (int i = 0; i < 4; i++) {
      events.add(TestHistory.filing("Y1", "INVENTION", "DOMESTIC", NOW - 20 * MINUTE));
    }
    events.add(TestHistory.base("COMPLAINT_RECEIVED", "J1", NOW - 2 * HOUR));
    new BatchWriter(db.pool(), StorageMode.PLAIN, ZONE).write(TestHistory.rows(events)).await();
  }

  @AfterAll
  static void stop() {
    if (db != null) {
      db.close().await();
    }
  }

  private static HttpResponse<Buffer> get(String scope, String query, String token) {
    String path = "/api/v1/history/" + scope + (query.isEmpty() ? "" : "?" + query);
    return web.get(server.actualPort(), "127.0.0.1", path).bearerTokenAuthentication(token).send().await();
  }

  private static String q(String name, String value) {
    return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("an agency's minute series has one point per minute, zeros included, in Chongqing time")
  void agencyMinutes() {
    HttpResponse<Buffer> r = get("agency:J1", "metric=filings&bucket=minute&" + q("from", TestHistory.at(NOW - HOUR))
        + "&" + q("to", TestHistory.at(NOW)), CITY);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    JsonObject body = r.bodyAsJsonObject();
    JsonArray points = body.getJsonArray("points");
    assertEquals(60, points.size());
    assertEquals(3, body.getLong("total"));
    assertEquals(TestHistory.at(NOW - 5 * MINUTE), points.getJsonObject(55).getString("start"));
    assertEquals(2, points.getJsonObject(55).getLong("value"));
    assertTrue(points.getJsonObject(0).getString("start").endsWith("+08:00"));
    assertEquals("agency:J1", body.getString("scope"));
  }

  @Test
  @DisplayName("districts and the city sum their agencies; counters by type and route are there too")
  void aggregates() {
    String range = q("from", TestHistory.at(NOW - HOUR)) + "&" + q("to", TestHistory.at(NOW));
    assertEquals(4, get("district:500105", "bucket=hour&" + range, CITY).bodyAsJsonObject().getLong("total"));
    assertEquals(4, get("district:500103", "bucket=hour&" + range, CITY).bodyAsJsonObject().getLong("total"));
    assertEquals(8, get("city", "bucket=hour&" + range, CITY).bodyAsJsonObject().getLong("total"));
    assertEquals(2, get("city", "metric=pctFilings&bucket=hour&" + range, CITY).bodyAsJsonObject().getLong("total"));
    assertEquals(6, get("city", "metric=filings.INVENTION&bucket=hour&" + range, CITY).bodyAsJsonObject()
        .getLong("total"));
    assertEquals(1, get("agency:J1", "metric=complaints&bucket=day", CITY).bodyAsJsonObject().getLong("total"));
  }

  @Test
  @DisplayName("day and month buckets are calendar days and months of Asia/Shanghai")
  void daysAndMonths() {
    JsonObject days = get("agency:J1", "bucket=day&" + q("from", "2026-11-19T00:00:00+08:00"), CITY)
        .bodyAsJsonObject();
    assertEquals(List.of(0L, 1L, 3L), days.getJsonArray("points").stream()
        .map(p -> ((JsonObject) p).getLong("value")).toList());
    assertEquals("2026-11-21T00:00:00+08:00", days.getJsonArray("points").getJsonObject(2).getString("start"));
    JsonObject months = get("agency:J1", "bucket=month&" + q("from", "2026-09-15T00:00:00+08:00"), CITY)
        .bodyAsJsonObject();
    assertEquals("2026-09-01T00:00:00+08:00", months.getString("from"));
    assertEquals(List.of(2L, 0L, 4L), months.getJsonArray("points").stream()
        .map(p -> ((JsonObject) p).getLong("value")).toList());
  }

  @Test
  @DisplayName("a district token sees its district and its agencies only: 403 elsewhere and on the city")
  void scopes() {
    assertEquals(200, get("agency:J1", "", JIANGBEI).statusCode());
    assertEquals(200, get("district:500105", "", JIANGBEI).statusCode());
    assertEquals(403, get("agency:Y1", "", JIANGBEI).statusCode());
    assertEquals(403, get("agency:NEVER-REGISTERED", "", JIANGBEI).statusCode());
    assertEquals(403, get("district:500103", "", JIANGBEI).statusCode());
    assertEquals(403, get("city", "", JIANGBEI).statusCode());
    assertEquals(403, get("city", "", INGEST).statusCode());
    assertEquals(200, get("agency:NEVER-REGISTERED", "", CITY).statusCode(), "the city sees unregistered agencies");
    assertEquals(401, web.get(server.actualPort(), "127.0.0.1", "/api/v1/history/city").send().await().statusCode());
  }

  @Test
  @DisplayName("bad parameters get a 400 with every reason, never a 500")
  void badParameters() {
    List<String> bad = List.of(
        "metric=nonsense", "metric=unlicensedFilings", "bucket=week", "from=yesterday", "to=2026-13-01T00:00:00Z",
        q("from", "2026-11-21T12:00:00+08:00") + "&" + q("to", "2026-11-21T11:00:00+08:00"),
        "bucket=minute&" + q("from", "2026-11-18T00:00:00+08:00"),
        "bucket=hour&" + q("from", "2026-08-01T00:00:00+08:00"),
        "bucket=day&" + q("from", "2023-01-01T00:00:00+08:00"),
        "bucket=month&" + q("from", "2010-01-01T00:00:00+08:00"));
    for (String query : bad) {
      HttpResponse<Buffer> r = get("city", query, CITY);
      assertEquals(400, r.statusCode(), query);
      JsonObject body = r.bodyAsJsonObject();
      assertEquals("invalid history query", body.getString("error"));
      assertTrue(!body.getJsonArray("details").isEmpty(), query);
    }
    for (String scope : List.of("town", "district:999999", "agency:" + "x".repeat(40), "agency:a%20b", "agency:")) {
      assertEquals(400, get(scope, "", CITY).statusCode(), scope);
    }
    JsonObject two = get("agency:J1", "metric=x&bucket=y", CITY).bodyAsJsonObject();
    assertEquals(2, two.getJsonArray("details").size(), "every problem is reported");
  }
}
