package cn.cq.ipmonitor.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Finds ports nobody listens on, so that brokers never collide with each other or with a fixed port. */
final class FreePorts {

  private FreePorts() {
  }

  /**
   * Picks {@code count} distinct free ports on {@code host}.
   *
   * <p>All sockets stay open until every port is chosen, otherwise the OS could hand out the same port twice.
   * The ports are free when this returns, not guaranteed free later: callers retry on a bind failure.
   */
  static int[] pick(String host, int count) {
    List<ServerSocket> sockets = new ArrayList<>(count);
    try {
      InetAddress address = InetAddress.getByName(host);
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0, 1, address);
        sockets.add(socket);
        ports[i] = socket.getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException("No free port on " + host, e);
    } finally {
      for (ServerSocket socket : sockets) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // Closing a socket that only held a port number: nothing to recover.
        }
      }
    }
  }
}
