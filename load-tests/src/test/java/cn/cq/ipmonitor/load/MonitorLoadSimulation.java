package cn.cq.ipmonitor.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.uniformRandomSwitch;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;
import static io.gatling.javaapi.http.HttpDsl.ws;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Load on one running monitor, three scenarios at once (each can be switched off with a rate or a
 * count of 0):
 *
 * <ol>
 *   <li><b>ingest</b>: {@code POST /api/v1/events} at a constant rate, valid events about the
 *       monitor's own agencies, 202 expected;</li>
 *   <li><b>api reads</b>: {@code GET /api/v1/city}, {@code /districts}, {@code /agencies?sort=risk&limit=20}
 *       and {@code /alerts}, one of them per user at a constant rate, 200 expected;</li>
 *   <li><b>websocket clients</b>: {@code ws.clients} wall screens ramped up on {@code /ws/live}:
 *       authenticate with a message, await {@code welcome}, subscribe to {@code city} (a share also
 *       to {@code alerts}), then check every pushed message for {@code duration} (see
 *       {@link PushTracker}), and finally prove the connection is still alive with a ping.</li>
 * </ol>
 *
 * Parameters and assertions: {@link LoadSettings} and load-tests/README.md.
 */
public class MonitorLoadSimulation extends Simulation {

  static final String INGEST = "ingest POST /api/v1/events";
  static final String API_CITY = "api GET /api/v1/city";
  static final String API_DISTRICTS = "api GET /api/v1/districts";
  static final String API_AGENCIES = "api GET /api/v1/agencies?sort=risk&limit=20";
  static final String API_ALERTS = "api GET /api/v1/alerts";
  static final String WS_CONNECT = "ws connect";
  static final String WS_KEPT = "ws client kept open to the end";

  private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(10);
  private static final int PERCENT = 100;
  private static final int WS_BUFFER_MIN = 5000;

  private final LoadSettings settings = LoadSettings.fromSystemProperties();
  private final StatsSink sink = new StatsSink();
  private final PushBreakdown breakdown = new PushBreakdown();
  private final String bearer = "Bearer ";

  {
    System.out.println("Load test of the IP Agency Monitor: " + settings.describe());
    List<PopulationBuilder> populations = new ArrayList<>();
    List<Assertion> assertions = new ArrayList<>();
    assertions.add(global().failedRequests().percent().lt(settings.maxFailedPercent()));

    HttpProtocolBuilder api = http.baseUrl(settings.baseUrl())
        .acceptHeader("application/json")
        .shareConnections()
        .warmUp(settings.baseUrl() + "/health/live");

    if (settings.ingestRequestsPerSecond() > 0) {
      EventFactory events = new EventFactory(Agencies.fetch(settings.baseUrl(), settings.readToken()),
          UUID.randomUUID().toString().substring(0, 8));
      ScenarioBuilder ingest = scenario("ingest").exec(http(INGEST).post("/api/v1/events")
          .header("Authorization", bearer + settings.ingestToken())
          .header("Content-Type", "application/json")
          .body(StringBody(session -> events.body(settings.eventsPerRequest())))
          .check(status().is(202)));
      populations.add(ingest.injectOpen(constantUsersPerSec(settings.ingestRequestsPerSecond())
          .during(settings.total())).protocols(api));
      assertions.add(details(INGEST).responseTime().percentile(99).lt(settings.maxHttpP99Ms()));
    }

    if (settings.apiRequestsPerSecond() > 0) {
      ScenarioBuilder reads = scenario("api reads").exec(uniformRandomSwitch().on(
          exec(read(API_CITY, "/api/v1/city")),
          exec(read(API_DISTRICTS, "/api/v1/districts")),
          exec(read(API_AGENCIES, "/api/v1/agencies?sort=risk&limit=20")),
          exec(read(API_ALERTS, "/api/v1/alerts"))));
      populations.add(reads.injectOpen(constantUsersPerSec(settings.apiRequestsPerSecond())
          .during(settings.total())).protocols(api));
      for (String name : List.of(API_CITY, API_DISTRICTS, API_AGENCIES, API_ALERTS)) {
        assertions.add(details(name).responseTime().percentile(99).lt(settings.maxHttpP99Ms()));
      }
    }

    if (settings.wsClients() > 0) {
      HttpProtocolBuilder live = http.baseUrl(settings.baseUrl())
          .wsBaseUrl(settings.wsBaseUrl())
          .wsUnmatchedInboundMessageBufferSize(bufferSize())
          .warmUp(settings.baseUrl() + "/health/live");
      populations.add(liveClients().injectOpen(rampUsers(settings.wsClients()).during(settings.ramp()))
          .protocols(live));
      assertions.add(details(PushTracker.DELAY).responseTime().percentile(99).lt(settings.maxDelayP99Ms()));
      assertions.add(details(WS_CONNECT).failedRequests().count().is(0L));
      // Every client connected, authenticated, subscribed, saw snapshots all along and still answered at the end.
      assertions.add(details(WS_KEPT).successfulRequests().count().is((long) settings.wsClients()));
    }

    if (populations.isEmpty()) {
      throw new IllegalArgumentException("nothing to do: ingest.rate, api.rate and ws.clients are all 0");
    }
    setUp(populations).assertions(assertions);
  }

  @Override
  public void after() {
    if (settings.wsClients() > 0) {
      System.out.println(breakdown.describe());
    }
    ServerMetrics.print(settings.baseUrl());
  }

  private HttpRequestActionBuilder read(String name, String path) {
    return http(name).get(path).header("Authorization", bearer + settings.readToken()).check(status().is(200));
  }

  private ScenarioBuilder liveClients() {
    String token = settings.readToken();
    return scenario("websocket clients")
        .exec(sink)
        .exec(ws(WS_CONNECT).connect("/ws/live"))
        .exitHereIfFailed()
        .exec(ws("ws auth").sendText("{\"type\":\"auth\",\"token\":\"" + token + "\"}")
            .await(REPLY_TIMEOUT).on(ws.checkTextMessage("ws welcome")
                .matching(jsonPath("$.type").in("welcome", "error"))
                .check(jsonPath("$.type").is("welcome"))))
        .exitHereIfFailed()
        .exec(subscribe("city"))
        .exitHereIfFailed()
        .doIf(session -> session.userId() % PERCENT < Math.round(settings.wsAlertsShare() * PERCENT))
        .then(exec(subscribe("alerts")).exitHereIfFailed())
        .exec(session -> session
            .set("tracker", new PushTracker(sink, breakdown, settings.wsStallAfter().toMillis(), System.currentTimeMillis()))
            .set("connectedAt", System.currentTimeMillis()))
        .during(settings.duration()).on(
            pause(settings.wsPollInterval())
                .exec(ws.processUnmatchedMessages((messages, session) ->
                    session.<PushTracker>get("tracker").process(messages, session))))
        .exec(ws("ws final ping").sendText("{\"type\":\"ping\",\"id\":\"final\"}")
            .await(REPLY_TIMEOUT).on(ws.checkTextMessage("ws pong")
                .matching(jsonPath("$.type").in("pong", "error"))
                .check(jsonPath("$.id").is("final").saveAs("pong"))))
        .exec(this::logKept)
        .exec(ws("ws close").close());
  }

  private ChainBuilder subscribe(String channel) {
    return exec(ws("ws subscribe " + channel)
        .sendText("{\"type\":\"subscribe\",\"channel\":\"" + channel + "\"}")
        .await(REPLY_TIMEOUT).on(ws.checkTextMessage("ws subscribed " + channel)
            .matching(jsonPath("$.type").in("subscribed", "error"), jsonPath("$.channel").is(channel))
            .check(jsonPath("$.type").is("subscribed"))));
  }

  /** One request per client that reached the end: OK only when it was never stalled and answered the final ping. */
  private Session logKept(Session session) {
    PushTracker tracker = session.get("tracker");
    long connectedAt = session.getLong("connectedAt");
    String failure = null;
    if (tracker.stalls() > 0) {
      failure = "stalled " + tracker.stalls() + " time(s): no city snapshot for " + settings.wsStallAfter().toMillis()
          + " ms (dropped or starved)";
    } else if (!session.contains("pong")) {
      failure = "no pong to the final ping: the connection was closed or the server did not answer";
    } else if (tracker.received() == 0) {
      failure = "no pushed message at all";
    }
    sink.log(session, WS_KEPT, connectedAt, System.currentTimeMillis(), failure);
    return session;
  }

  /**
   * Room for every message between two polls with a wide margin (a full buffer drops the oldest, which would show
   * as seq gaps): at 1,000 events/s the alerts channel alone carries some 70 changes a second.
   */
  private int bufferSize() {
    return (int) Math.max(WS_BUFFER_MIN, settings.wsPollInterval().toMillis() * 2);
  }
}
