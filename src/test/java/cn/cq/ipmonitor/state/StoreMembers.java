package cn.cq.ipmonitor.state;

import cn.cq.ipmonitor.config.ClusterConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Real Hazelcast members on free loopback ports, each with an {@link AgencyStore}. */
final class StoreMembers implements AutoCloseable {

  final Vertx vertx = Vertx.vertx();
  final List<HazelcastInstance> members = new ArrayList<>();
  final List<AgencyStore> stores = new ArrayList<>();

  StoreMembers(int count) {
    String name = "store-" + UUID.randomUUID();
    List<Integer> ports = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ports.add(freePort());
    }
    List<String> addresses = ports.stream().map(p -> "127.0.0.1:" + p).toList();
    for (int port : ports) {
      HazelcastInstance hz = Hazelcast.newHazelcastInstance(HazelcastSetup.config(
          new ClusterConfig(name, "127.0.0.1", port, 1, addresses, 1, 1, 1)));
      members.add(hz);
      stores.add(new AgencyStore(vertx, hz, "Asia/Shanghai", 7));
    }
  }

  @Override
  public void close() {
    members.forEach(HazelcastInstance::shutdown);
    vertx.close().await();
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
