package cn.cq.ipmonitor.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The agencies the running monitor knows, so that posted events are about real agencies (the
 * simulator's patent agencies have 5-digit {@code 50xxx} codes, its trademark agencies credit codes).
 */
final class Agencies {

  /** The API's largest page. */
  private static final int LIMIT = 1000;
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private Agencies() {
  }

  static List<String> fetch(String baseUrl, String token) {
    URI uri = URI.create(baseUrl + "/api/v1/agencies?sort=id&limit=" + LIMIT);
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
        .header("Authorization", "Bearer " + token).GET().build();
    HttpResponse<String> response;
    try {
      response = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()
          .send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("cannot reach the monitor at " + uri + " (is it running? -DbaseUrl=...)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while listing agencies", e);
    }
    if (response.statusCode() != 200) {
      throw new IllegalStateException("GET " + uri + " answered " + response.statusCode() + " " + response.body()
          + " (is -Dtoken.display a display or city token of this monitor?)");
    }
    List<String> ids = new ArrayList<>();
    try {
      for (JsonNode item : new ObjectMapper().readTree(response.body()).path("items")) {
        ids.add(item.path("agencyId").asText());
      }
    } catch (IOException e) {
      throw new IllegalStateException("GET " + uri + " did not answer JSON", e);
    }
    if (ids.isEmpty()) {
      throw new IllegalStateException("the monitor at " + baseUrl + " knows no agency yet (wait for the simulator's backfill)");
    }
    return List.copyOf(ids);
  }
}
