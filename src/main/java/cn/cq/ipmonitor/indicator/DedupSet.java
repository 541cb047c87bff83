package cn.cq.ipmonitor.indicator;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The eventIds an agency has seen, as 64-bit hashes with the day they arrived, forgotten after a
 * retention measured in arrival days (CONTRACT.md: repeats are recognised for at least 7 days of arrival).
 * An open-addressing table of primitives: about 24 bytes an event instead of a few hundred for a set of
 * strings. Two different eventIds of one agency collide with a chance of about n^2 / 2^65, which at a million
 * events of one agency is below one in ten million; the history store keys on the full eventId.
 * Not thread-safe: {@link AgencyState} guards it.
 */
public final class DedupSet {

  private static final long EMPTY = 0L;
  private static final int MIN_CAPACITY = 16;
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private long[] hashes = new long[MIN_CAPACITY];
  private int[] days = new int[MIN_CAPACITY];
  private int size;

  /**
   * A well-mixed, never-zero 64-bit hash of an eventId: FNV-1a over its UTF-16 chars (not UTF-8 bytes, which
   * would map every unpaired surrogate to '?' and collide, and would allocate), then a murmur finaliser.
   */
  public static long hash(String eventId) {
    long h = FNV_OFFSET;
    for (int i = 0; i < eventId.length(); i++) {
      char c = eventId.charAt(i);
      h ^= c & 0xff;
      h *= FNV_PRIME;
      h ^= c >>> 8;
      h *= FNV_PRIME;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h == EMPTY ? 1L : h;
  }

  /**
   * Remembers a hash.
   *
   * @return false when it was already there (a repeat)
   */
  public boolean add(long hash, int arrivalDay, int retentionDays) {
    if ((size + 1) * 4L > hashes.length * 3L) {
      rebuild(arrivalDay, retentionDays);
    }
    int mask = hashes.length - 1;
    int i = (int) hash & mask;
    while (hashes[i] != EMPTY) {
      if (hashes[i] == hash) {
        return false;
      }
      i = (i + 1) & mask;
    }
    hashes[i] = hash;
    days[i] = arrivalDay;
    size++;
    return true;
  }

  public boolean contains(long hash) {
    int mask = hashes.length - 1;
    int i = (int) hash & mask;
    while (hashes[i] != EMPTY) {
      if (hashes[i] == hash) {
        return true;
      }
      i = (i + 1) & mask;
    }
    return false;
  }

  /**
   * Forgets a hash (a replay is about to apply its event again).
   *
   * @return whether it was there
   */
  public boolean remove(long hash) {
    int mask = hashes.length - 1;
    int i = (int) hash & mask;
    while (hashes[i] != hash) {
      if (hashes[i] == EMPTY) {
        return false;
      }
      i = (i + 1) & mask;
    }
    // Backward-shift deletion keeps every other key reachable from its home slot without tombstones.
    int gap = i;
    int j = (i + 1) & mask;
    while (hashes[j] != EMPTY) {
      int home = (int) hashes[j] & mask;
      boolean movable = gap <= j ? home <= gap || home > j : home <= gap && home > j;
      if (movable) {
        hashes[gap] = hashes[j];
        days[gap] = days[j];
        gap = j;
      }
      j = (j + 1) & mask;
    }
    hashes[gap] = EMPTY;
    size--;
    return true;
  }

  /** Drops hashes that arrived more than {@code retentionDays} before {@code today}. */
  public void expire(int today, int retentionDays) {
    rebuild(today, retentionDays);
  }

  public int size() {
    return size;
  }

  private void rebuild(int today, int retentionDays) {
    int oldest = today - retentionDays;
    int live = 0;
    for (int i = 0; i < hashes.length; i++) {
      if (hashes[i] != EMPTY && days[i] >= oldest) {
        live++;
      }
    }
    int capacity = MIN_CAPACITY;
    while (capacity * 3L < (live + 1) * 8L) {
      capacity <<= 1;
    }
    long[] oldHashes = hashes;
    int[] oldDays = days;
    hashes = new long[capacity];
    days = new int[capacity];
    size = 0;
    for (int i = 0; i < oldHashes.length; i++) {
      if (oldHashes[i] != EMPTY && oldDays[i] >= oldest) {
        insert(oldHashes[i], oldDays[i]);
      }
    }
  }

  private void insert(long hash, int day) {
    int mask = hashes.length - 1;
    int i = (int) hash & mask;
    while (hashes[i] != EMPTY) {
      i = (i + 1) & mask;
    }
    hashes[i] = hash;
    days[i] = day;
    size++;
  }

  public void writeTo(DataOutput out) throws IOException {
    out.writeInt(size);
    for (int i = 0; i < hashes.length; i++) {
      if (hashes[i] != EMPTY) {
        out.writeLong(hashes[i]);
        out.writeInt(days[i]);
      }
    }
  }

  public static DedupSet readFrom(DataInput in) throws IOException {
    DedupSet s = new DedupSet();
    int n = in.readInt();
    int capacity = MIN_CAPACITY;
    while (capacity * 3L < (n + 1) * 8L) {
      capacity <<= 1;
    }
    s.hashes = new long[capacity];
    s.days = new int[capacity];
    for (int i = 0; i < n; i++) {
      s.insert(in.readLong(), in.readInt());
    }
    return s;
  }
}
