package cn.cq.ipmonitor.it;

import cn.cq.ipmonitor.alert.WebhookPayload;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP receiver of webhooks on a free port: answers the first {@code failures} requests with a 500 and
 * the rest with {@code status}, and records (body and signature) every request it answers with {@code status}.
 */
record WebhookReceiver(HttpServer server, List<JsonObject> received, AtomicInteger requests) {

  /** Fails the first {@code failures} requests with a 500, then answers 200. */
  static WebhookReceiver failingFirst(Vertx vertx, int failures) {
    return start(vertx, failures, 200);
  }

  /** Answers every request with {@code status}. */
  static WebhookReceiver answering(Vertx vertx, int status) {
    return start(vertx, 0, status);
  }

  private static WebhookReceiver start(Vertx vertx, int failures, int status) {
    List<JsonObject> got = new CopyOnWriteArrayList<>();
    AtomicInteger n = new AtomicInteger();
    HttpServer s = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      if (n.incrementAndGet() <= failures) {
        req.response().setStatusCode(500).end();
        return;
      }
      got.add(new JsonObject().put("body", body.toString())
          .put("signature", req.getHeader(WebhookPayload.SIGNATURE_HEADER)));
      req.response().setStatusCode(status).end();
    })).listen(0, TestNodes.LOOPBACK).await();
    return new WebhookReceiver(s, got, n);
  }

  String url() {
    return "http://" + TestNodes.LOOPBACK + ":" + server.actualPort() + "/hook";
  }

  /** The test messages of {@code POST /api/v1/subscriptions/{id}/test} among what arrived. */
  List<JsonObject> tests() {
    return received.stream().filter(r -> WebhookPayload.TEST_ALERTNAME.equals(new JsonObject(r.getString("body"))
        .getJsonArray("alerts").getJsonObject(0).getJsonObject("labels").getString("alertname"))).toList();
  }
}
