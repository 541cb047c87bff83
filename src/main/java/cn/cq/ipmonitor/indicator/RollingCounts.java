package cn.cq.ipmonitor.indicator;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * An agency's counts at every resolution. An event is added to each resolution that still keeps its bucket,
 * so a year-old backfilled event lands in the day buckets only, and a window read is a scan of the buckets
 * of its resolution that end now: windows slide with the clock without any event arriving.
 * Not thread-safe: {@link AgencyState} guards it.
 */
public final class RollingCounts {

  private final CellStore[] stores = new CellStore[Resolution.COUNT];

  public RollingCounts() {
    for (int i = 0; i < stores.length; i++) {
      stores[i] = new CellStore();
    }
  }

  /**
   * Counts one event.
   *
   * @param counters bit mask of {@link Counter}s the event increments
   * @return whether it fell in any kept bucket (false for events older than the longest window)
   */
  public boolean add(BucketClock clock, long occurredAtMillis, int counters, long nowMillis) {
    boolean counted = false;
    for (Resolution r : Resolution.values()) {
      long now = clock.bucket(r, nowMillis);
      long b = clock.bucket(r, occurredAtMillis);
      long oldest = now - r.retained + 1;
      if (b < oldest) {
        continue;
      }
      CellStore s = stores[r.ordinal()];
      s.evictBefore(oldest);
      for (int bits = counters; bits != 0; bits &= bits - 1) {
        s.add(b, Integer.numberOfTrailingZeros(bits), 1);
      }
      counted = true;
    }
    return counted;
  }

  /** Every counter over the window ending at {@code nowMillis}, indexed by {@link Counter#ordinal()}. */
  public long[] window(BucketClock clock, Window w, long nowMillis) {
    long[] out = new long[Counter.COUNT];
    long now = clock.bucket(w.resolution, nowMillis);
    stores[w.resolution.ordinal()].sum(now - w.buckets + 1, now, out);
    return out;
  }

  /**
   * One counter over hour buckets {@code [now - fromHoursAgo, now - toHoursAgo]}, both ends included;
   * the surge indicator compares the last day with the days before it.
   */
  public long hours(BucketClock clock, Counter c, long nowMillis, int fromHoursAgo, int toHoursAgo) {
    long now = clock.bucket(Resolution.HOUR, nowMillis);
    return stores[Resolution.HOUR.ordinal()].sum(now - fromHoursAgo, now - toHoursAgo, c.ordinal());
  }

  /**
   * Recomputes counter {@code to} from counter {@code from} at every resolution: a bucket's {@code to} becomes
   * its {@code from} count where {@code copyAt} accepts the bucket's start, 0 elsewhere. Exact for buckets
   * that do not straddle the instant {@code copyAt} turns, off by at most that one bucket otherwise.
   */
  public void derive(BucketClock clock, Counter from, Counter to, java.util.function.LongPredicate copyAt) {
    for (Resolution r : Resolution.values()) {
      stores[r.ordinal()].derive(from.ordinal(), to.ordinal(), b -> copyAt.test(clock.start(r, b)));
    }
  }

  /**
   * Empties every bucket of {@code [fromMillis, toMillis)} at every resolution. Both ends must fall on day
   * boundaries of the clock's zone, where buckets of every resolution begin, so nothing outside is touched.
   */
  public void clear(BucketClock clock, long fromMillis, long toMillis) {
    for (Resolution r : Resolution.values()) {
      stores[r.ordinal()].clear(clock.bucket(r, fromMillis), clock.bucket(r, toMillis - 1));
    }
  }

  /** Forgets buckets no window will read again; called on idle agencies too so memory follows the clock. */
  public void evict(BucketClock clock, long nowMillis) {
    for (Resolution r : Resolution.values()) {
      stores[r.ordinal()].evictBefore(clock.bucket(r, nowMillis) - r.retained + 1);
    }
  }

  /** Cells held, for memory accounting. */
  public int cells() {
    int n = 0;
    for (CellStore s : stores) {
      n += s.size();
    }
    return n;
  }

  public void writeTo(DataOutput out) throws IOException {
    for (CellStore s : stores) {
      s.writeTo(out);
    }
  }

  public static RollingCounts readFrom(DataInput in) throws IOException {
    RollingCounts c = new RollingCounts();
    for (int i = 0; i < c.stores.length; i++) {
      c.stores[i] = CellStore.readFrom(in);
    }
    return c;
  }
}
