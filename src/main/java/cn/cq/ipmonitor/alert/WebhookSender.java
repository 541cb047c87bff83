package cn.cq.ipmonitor.alert;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/**
 * One signed POST of a webhook body to a subscription's URL, with the configured timeout: what the dispatcher
 * retries and what the test-send endpoint does once. Never fails its future; the outcome says what happened.
 */
final class WebhookSender {

  private static final int HTTP_OK_MIN = 200;
  private static final int HTTP_OK_MAX = 299;

  /**
   * @param status the receiver's HTTP status, null when no answer came (refused, timed out)
   * @param error  why it was not delivered, null when it was
   */
  record Outcome(boolean delivered, Integer status, String error) {
  }

  private final WebClient http;
  private final long timeoutMs;

  WebhookSender(Vertx vertx, long timeoutMs) {
    this.http = WebClient.create(vertx, new WebClientOptions().setConnectTimeout((int) timeoutMs));
    this.timeoutMs = timeoutMs;
  }

  Future<Outcome> post(Subscription s, byte[] body, String fingerprint) {
    return http.postAbs(s.url()).timeout(timeoutMs)
        .putHeader("Content-Type", "application/json")
        .putHeader(WebhookPayload.SIGNATURE_HEADER, WebhookPayload.sign(s.secret(), body))
        .putHeader("X-Ipmon-Fingerprint", fingerprint)
        .sendBuffer(Buffer.buffer(body))
        .map(r -> r.statusCode() >= HTTP_OK_MIN && r.statusCode() <= HTTP_OK_MAX
            ? new Outcome(true, r.statusCode(), null)
            : new Outcome(false, r.statusCode(), "HTTP " + r.statusCode()))
        .otherwise(e -> new Outcome(false, null, e.toString()));
  }

  void close() {
    http.close();
  }
}
