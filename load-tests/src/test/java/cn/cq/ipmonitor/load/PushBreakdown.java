package cn.cq.ipmonitor.load;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Where the event-to-push time of city snapshots goes, over every client, printed after the run:
 * the bound Gatling asserts on (receive time minus the previous snapshot's newestEventAt) is split
 * into the server's part (sentAt minus the snapshot's own newestEventAt: consume, state, compute,
 * plus up to one snapshot interval of cadence) and the fan-out and client part (receive time minus
 * sentAt: queueing on the server's sockets, the network, Gatling's own event loops).
 */
final class PushBreakdown {

  private final Histogram bound = new Histogram();
  private final Histogram age = new Histogram();
  private final Histogram server = new Histogram();
  private final Histogram transit = new Histogram();

  void record(long receivedAt, long sentAt, long newest, long previousNewest) {
    if (previousNewest > 0) {
      bound.add(receivedAt - previousNewest);
    }
    if (newest > 0) {
      age.add(receivedAt - newest);
      if (sentAt > 0) {
        server.add(sentAt - newest);
      }
    }
    if (sentAt > 0) {
      transit.add(receivedAt - sentAt);
    }
  }

  String describe() {
    return "City snapshots received by all clients, in ms (p50 / p95 / p99 / max, count):\n"
        + "  event-to-push bound  (receive - previous newestEventAt): " + bound + "\n"
        + "  data age on receipt  (receive - own newestEventAt):      " + age + "\n"
        + "  server side          (sentAt - own newestEventAt):       " + server + "\n"
        + "  fan-out and client   (receive - sentAt):                 " + transit;
  }

  /** Counts per millisecond up to a minute, then one overflow bucket; lock-free, shared by every client. */
  private static final class Histogram {
    private static final int LIMIT_MS = 60_000;
    private final AtomicLongArray counts = new AtomicLongArray(LIMIT_MS + 1);

    void add(long millis) {
      counts.incrementAndGet((int) Math.max(0, Math.min(LIMIT_MS, millis)));
    }

    @Override
    public String toString() {
      long total = 0;
      long max = -1;
      for (int i = 0; i <= LIMIT_MS; i++) {
        long c = counts.get(i);
        total += c;
        if (c > 0) {
          max = i;
        }
      }
      if (total == 0) {
        return "no samples";
      }
      return String.format(Locale.ROOT, "%d / %d / %d / %s, %,d", percentile(total, 0.50), percentile(total, 0.95),
          percentile(total, 0.99), max == LIMIT_MS ? ">" + LIMIT_MS : Long.toString(max), total);
    }

    private long percentile(long total, double p) {
      long rank = (long) Math.ceil(p * total);
      long seen = 0;
      for (int i = 0; i <= LIMIT_MS; i++) {
        seen += counts.get(i);
        if (seen >= rank) {
          return i;
        }
      }
      return LIMIT_MS;
    }
  }
}
