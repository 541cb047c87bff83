package cn.cq.ipmonitor.load;

import java.time.Duration;
import java.util.Locale;

/**
 * Every parameter of the load test, read once from system properties ({@code -Dname=value} on the
 * Maven command line; the Gatling plugin hands them to the forked JVM). The defaults are the
 * acceptance targets of issue 6 and the tokens of the documented start command (load-tests/README.md).
 */
record LoadSettings(
    String baseUrl,
    String ingestToken,
    String readToken,
    double ingestRequestsPerSecond,
    int eventsPerRequest,
    double apiRequestsPerSecond,
    int wsClients,
    double wsAlertsShare,
    Duration ramp,
    Duration duration,
    Duration wsPollInterval,
    Duration wsStallAfter,
    int maxDelayP99Ms,
    int maxHttpP99Ms,
    double maxFailedPercent) {

  static LoadSettings fromSystemProperties() {
    String baseUrl = text("baseUrl", "http://127.0.0.1:8080");
    return new LoadSettings(
        baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl,
        text("token.ingest", "load-test-ingest-token-0001"),
        text("token.display", "load-test-display-token-0001"),
        number("ingest.rate", 20),
        (int) number("ingest.batch", 1),
        number("api.rate", 20),
        (int) number("ws.clients", 2000),
        number("ws.alertsShare", 0.25),
        Duration.ofSeconds((long) number("ramp", 60)),
        Duration.ofSeconds((long) number("duration", 300)),
        Duration.ofMillis((long) number("ws.pollMs", 1000)),
        Duration.ofMillis((long) number("ws.stallMs", 10_000)),
        (int) number("assert.delayP99Ms", 1000),
        (int) number("assert.httpP99Ms", 500),
        number("assert.maxFailedPercent", 1.0));
  }

  /** The websocket URL of the same server: http becomes ws, https becomes wss. */
  String wsBaseUrl() {
    return baseUrl.replaceFirst("^http", "ws");
  }

  /** Ramp plus steady state: how long the HTTP scenarios inject, and roughly how long the run lasts. */
  Duration total() {
    return ramp.plus(duration);
  }

  String describe() {
    return String.format(Locale.ROOT,
        "baseUrl=%s ingest.rate=%.1f req/s x ingest.batch=%d event(s) api.rate=%.1f req/s ws.clients=%d "
            + "(ws.alertsShare=%.2f) ramp=%ds duration=%ds; assertions: push delay p99 < %d ms, HTTP p99 < %d ms, "
            + "failed < %.2f%%, no websocket client dropped",
        baseUrl, ingestRequestsPerSecond, eventsPerRequest, apiRequestsPerSecond, wsClients, wsAlertsShare,
        ramp.toSeconds(), duration.toSeconds(), maxDelayP99Ms, maxHttpP99Ms, maxFailedPercent);
  }

  private static String text(String name, String fallback) {
    String v = System.getProperty(name);
    return v == null || v.isBlank() ? fallback : v.trim();
  }

  private static double number(String name, double fallback) {
    String v = System.getProperty(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("-D" + name + " must be a number, not '" + v + "'", e);
    }
  }
}
