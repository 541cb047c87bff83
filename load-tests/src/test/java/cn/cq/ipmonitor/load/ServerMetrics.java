package cn.cq.ipmonitor.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The monitor's own live-push and ingest counters after the run, for comparison with what Gatling saw. */
final class ServerMetrics {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private ServerMetrics() {
  }

  static void print(String baseUrl) {
    URI uri = URI.create(baseUrl + "/metrics");
    try {
      String body = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()
          .send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString())
          .body();
      System.out.println("Server metrics after the run (" + uri + "):");
      body.lines()
          .filter(l -> l.startsWith("ipmon_ws_") || l.startsWith("ipmon_events_applied_total")
              || l.startsWith("ipmon_consumer_lag_records"))
          .forEach(l -> System.out.println("  " + l));
    } catch (IOException e) {
      System.out.println("Could not read " + uri + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
