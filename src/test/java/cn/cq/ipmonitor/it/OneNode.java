package cn.cq.ipmonitor.it;

import cn.cq.ipmonitor.app.MonitorNode;
import cn.cq.ipmonitor.broker.EmbeddedKafka;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.util.List;
import java.util.function.Consumer;

/** A test class's embedded broker, one monitor node on it, and a Vert.x with a web client to talk to it. */
record OneNode(EmbeddedKafka broker, MonitorNode node, Vertx client, WebClient web) implements AutoCloseable {

  static OneNode start() {
    return start(o -> { });
  }

  /** With {@code tweak} changing the node's configuration JSON (see {@link TestNodes#config}). */
  static OneNode start(Consumer<ObjectNode> tweak) {
    EmbeddedKafka broker = EmbeddedKafka.start(TestNodes.LOOPBACK, null);
    TestNodes.Scope scope = TestNodes.Scope.fresh();
    MonitorNode node = TestNodes.start(TestNodes.config(broker.bootstrapServers(), scope, scope.clusterPort(), 20,
        List.of(), 1, tweak));
    Vertx client = Vertx.vertx();
    return new OneNode(broker, node, client, WebClient.create(client));
  }

  int port() {
    return node.httpPort();
  }

  @Override
  public void close() {
    client.close().await();
    node.close().await();
    broker.close();
  }
}
