package cn.cq.ipmonitor.browser;

import cn.cq.ipmonitor.app.MonitorNode;
import cn.cq.ipmonitor.broker.EmbeddedKafka;
import cn.cq.ipmonitor.config.AppConfig;
import cn.cq.ipmonitor.config.HttpConfig;
import cn.cq.ipmonitor.history.EmbeddedPostgres;
import cn.cq.ipmonitor.it.Poll;
import cn.cq.ipmonitor.it.TestNodes;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.List;

/**
 * What the pages talk to: a real broker, history database and monitor node, the node's HTTP port picked once so a
 * node started again (after {@link #stopNode()}) answers on the same address, as a restarted server would.
 */
final class Stack implements AutoCloseable {

  static final Duration WAIT = Duration.ofSeconds(90);

  final EmbeddedKafka broker;
  final EmbeddedPostgres pg;
  final int httpPort = TestNodes.freePort();
  final Vertx client = Vertx.vertx();
  final WebClient web = WebClient.create(client);
  private final TestNodes.Scope scope = TestNodes.Scope.fresh();
  private MonitorNode node;

  Stack() {
    broker = EmbeddedKafka.start(TestNodes.LOOPBACK, null);
    pg = EmbeddedPostgres.start(TestNodes.LOOPBACK, null, 0, "ipmonitor");
    startNode();
  }

  String url(String path) {
    return "http://" + TestNodes.LOOPBACK + ":" + httpPort + path;
  }

  void startNode() {
    AppConfig c = TestNodes.config(broker.bootstrapServers(), scope, List.of());
    c = c.withHistory(c.history().enabledAt(pg.host(), pg.port()));
    HttpConfig h = c.http();
    node = TestNodes.start(withHttp(c, new HttpConfig(h.host(), httpPort, h.maxBodyBytes(), h.publicUrl())));
  }

  /** A copy of {@code c} with another HTTP section, whatever other sections the record gains. */
  private static AppConfig withHttp(AppConfig c, HttpConfig http) {
    try {
      RecordComponent[] parts = AppConfig.class.getRecordComponents();
      Object[] values = new Object[parts.length];
      Class<?>[] types = new Class<?>[parts.length];
      for (int i = 0; i < parts.length; i++) {
        types[i] = parts[i].getType();
        values[i] = types[i] == HttpConfig.class ? http : parts[i].getAccessor().invoke(c);
      }
      return AppConfig.class.getDeclaredConstructor(types).newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A graceful stop of the whole node: its websocket clients see the connection close. */
  void stopNode() {
    node.close().await();
    node = null;
  }

  void post(JsonArray events) {
    HttpResponse<Buffer> r = web.post(httpPort, TestNodes.LOOPBACK, "/api/v1/events")
        .bearerTokenAuthentication(TestNodes.CITY_TOKEN).putHeader("Content-Type", "application/json")
        .sendBuffer(events.toBuffer()).await();
    if (r.statusCode() != 202) {
      throw new AssertionError("events refused: " + r.statusCode() + " " + r.bodyAsString());
    }
  }

  JsonObject get(String path, String token) {
    return web.get(httpPort, TestNodes.LOOPBACK, path).bearerTokenAuthentication(token).send().await()
        .bodyAsJsonObject();
  }

  /** Waits until the API shows {@code agencies} agencies in the city view. */
  void awaitAgencies(int agencies) {
    Poll.until(client, WAIT, agencies + " agencies in the city view",
        () -> web.get(httpPort, TestNodes.LOOPBACK, "/api/v1/city").bearerTokenAuthentication(TestNodes.CITY_TOKEN)
            .send().map(r -> r.statusCode() == 200 ? r.bodyAsJsonObject().getInteger("agencies", 0) : -1),
        n -> n == agencies);
  }

  /** Waits for an alert of {@code rule} on {@code agencyId} to be listed, and returns it. */
  JsonObject awaitAlert(String agencyId, String rule) {
    return Poll.until(client, WAIT, rule + " on " + agencyId,
        () -> web.get(httpPort, TestNodes.LOOPBACK, "/api/v1/alerts?agencyId=" + agencyId + "&rule=" + rule)
            .bearerTokenAuthentication(TestNodes.CITY_TOKEN).send()
            .map(r -> r.statusCode() == 200 ? r.bodyAsJsonObject().getJsonArray("items") : new JsonArray()),
        items -> !items.isEmpty()).getJsonObject(0);
  }

  @Override
  public void close() {
    try {
      if (node != null) {
        node.close().await();
      }
    } finally {
      client.close().await();
      pg.close();
      broker.close();
    }
  }
}
