package cn.cq.ipmonitor.indicator;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Sparse counts of one resolution: a sorted array of (bucket, counter) cells and their counts. Most
 * agencies touch two or three counters in a bucket, so a row of every counter per bucket would waste
 * nine tenths of the memory; sorted primitive arrays keep a year of an agency in kilobytes and make a
 * window sum one sequential scan. Events mostly arrive in time order, so inserts are mostly appends.
 * Not thread-safe: {@link AgencyState} guards it.
 */
final class CellStore {

  private static final int COUNTER_BITS = 5;
  private static final long COUNTER_MASK = (1L << COUNTER_BITS) - 1;
  private static final int INITIAL_CAPACITY = 8;

  static {
    if (Counter.COUNT > (1 << COUNTER_BITS)) {
      throw new IllegalStateException("too many counters for the cell key");
    }
  }

  private long[] keys = new long[0];
  private int[] counts = new int[0];
  private int size;

  private static long key(long bucket, int counter) {
    return (bucket << COUNTER_BITS) | counter;
  }

  void add(long bucket, int counter, int delta) {
    long k = key(bucket, counter);
    int i = size > 0 && keys[size - 1] < k ? -(size + 1) : Arrays.binarySearch(keys, 0, size, k);
    if (i >= 0) {
      counts[i] += delta;
      return;
    }
    int at = -(i + 1);
    if (size == keys.length) {
      int capacity = Math.max(INITIAL_CAPACITY, size + (size >> 1));
      keys = Arrays.copyOf(keys, capacity);
      counts = Arrays.copyOf(counts, capacity);
    }
    System.arraycopy(keys, at, keys, at + 1, size - at);
    System.arraycopy(counts, at, counts, at + 1, size - at);
    keys[at] = k;
    counts[at] = delta;
    size++;
  }

  /** Adds the counts of buckets {@code from..to} (inclusive) into {@code out}, indexed by counter. */
  void sum(long fromBucket, long toBucket, long[] out) {
    int i = lowerBound(key(fromBucket, 0));
    long end = key(toBucket, (int) COUNTER_MASK);
    for (; i < size && keys[i] <= end; i++) {
      out[(int) (keys[i] & COUNTER_MASK)] += counts[i];
    }
  }

  /** The count of one counter over buckets {@code from..to}. */
  long sum(long fromBucket, long toBucket, int counter) {
    long total = 0;
    int i = lowerBound(key(fromBucket, 0));
    long end = key(toBucket, (int) COUNTER_MASK);
    for (; i < size && keys[i] <= end; i++) {
      if ((keys[i] & COUNTER_MASK) == counter) {
        total += counts[i];
      }
    }
    return total;
  }

  /**
   * Sets counter {@code to} of every bucket holding counter {@code from} to {@code from}'s count where
   * {@code copy} accepts the bucket, and to 0 elsewhere.
   */
  void derive(int from, int to, java.util.function.LongPredicate copy) {
    long[] buckets = new long[size];
    int n = 0;
    for (int i = 0; i < size; i++) {
      if ((keys[i] & COUNTER_MASK) == from) {
        buckets[n++] = keys[i] >>> COUNTER_BITS;
      }
    }
    for (int j = 0; j < n; j++) {
      long b = buckets[j];
      long want = copy.test(b) ? sum(b, b, from) : 0;
      long have = sum(b, b, to);
      if (want != have) {
        add(b, to, (int) (want - have));
      }
    }
  }

  /** Removes every cell of buckets {@code from..to} (inclusive). */
  void clear(long fromBucket, long toBucket) {
    int from = lowerBound(key(fromBucket, 0));
    int to = lowerBound(key(toBucket + 1, 0));
    if (to > from) {
      System.arraycopy(keys, to, keys, from, size - to);
      System.arraycopy(counts, to, counts, from, size - to);
      size -= to - from;
    }
  }

  /** Forgets buckets older than {@code bucket}. */
  void evictBefore(long bucket) {
    if (size == 0 || (keys[0] >>> COUNTER_BITS) >= bucket) {
      return;
    }
    int from = lowerBound(key(bucket, 0));
    System.arraycopy(keys, from, keys, 0, size - from);
    System.arraycopy(counts, from, counts, 0, size - from);
    size -= from;
    if (keys.length > INITIAL_CAPACITY && size < keys.length / 4) {
      keys = Arrays.copyOf(keys, Math.max(INITIAL_CAPACITY, size * 2));
      counts = Arrays.copyOf(counts, keys.length);
    }
  }

  int size() {
    return size;
  }

  private int lowerBound(long k) {
    int lo = 0;
    int hi = size;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (keys[mid] < k) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  void writeTo(DataOutput out) throws IOException {
    out.writeInt(size);
    for (int i = 0; i < size; i++) {
      out.writeLong(keys[i]);
      out.writeInt(counts[i]);
    }
  }

  static CellStore readFrom(DataInput in) throws IOException {
    CellStore s = new CellStore();
    int n = in.readInt();
    s.keys = new long[n];
    s.counts = new int[n];
    for (int i = 0; i < n; i++) {
      s.keys[i] = in.readLong();
      s.counts[i] = in.readInt();
    }
    s.size = n;
    return s;
  }
}
