package cn.cq.ipmonitor.indicator;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * The last {@link #PER_KIND} application numbers of each {@link Evidence.Kind} an agency's events named, by
 * event time (a late event older than everything kept is not kept), so that an alert can say which
 * applications tripped it. Bounded and cheap: nothing is allocated for a kind until it has an entry, and an
 * application number made of digits with at most one '.' before a check digit (every CNIPA and trademark
 * number) is packed into a long instead of kept as a String, so a full kind costs about 200 bytes. Adding the
 * same (number, time) twice keeps one: a replayed event adds nothing. Not thread-safe; {@link AgencyState}
 * guards it.
 */
public final class EvidenceLog {

  /** Entries kept per kind: enough for an alert's evidence (rules show at most this many). */
  public static final int PER_KIND = 12;
  /** A code saying the number is kept as text beside it. */
  private static final long TEXT = -1;
  private static final int MAX_PACKED_DIGITS = 17;
  private static final int LENGTH_SHIFT = 1;
  private static final int VALUE_SHIFT = 6;
  private static final long LENGTH_MASK = 31;

  /** Per kind: (occurredAt, code) pairs, most recent first; null until the kind has an entry. */
  private final long[][] entries = new long[Evidence.Kind.COUNT][];
  /** Per kind: the numbers that could not be packed, at their entry's index; null until needed. */
  private final String[][] texts = new String[Evidence.Kind.COUNT][];
  private final byte[] sizes = new byte[Evidence.Kind.COUNT];

  /** Remembers that an event of {@code kind} at {@code occurredAt} named {@code applicationNo}. */
  public void add(Evidence.Kind kind, String applicationNo, long occurredAt) {
    if (applicationNo == null || applicationNo.isEmpty()) {
      return;
    }
    int k = kind.ordinal();
    long code = pack(applicationNo);
    int n = sizes[k];
    long[] e = entries[k];
    int pos = 0;
    while (pos < n && e[2 * pos] >= occurredAt) {
      if (e[2 * pos] == occurredAt && same(k, pos, code, applicationNo)) {
        return;
      }
      pos++;
    }
    if (pos >= PER_KIND) {
      return; // older than every number kept
    }
    if (e == null) {
      e = entries[k] = new long[2 * PER_KIND];
    }
    int last = Math.min(n, PER_KIND - 1);
    System.arraycopy(e, 2 * pos, e, 2 * pos + 2, 2 * (last - pos));
    if (texts[k] != null) {
      System.arraycopy(texts[k], pos, texts[k], pos + 1, last - pos);
    }
    e[2 * pos] = occurredAt;
    e[2 * pos + 1] = code;
    if (code == TEXT || texts[k] != null) {
      if (texts[k] == null) {
        texts[k] = new String[PER_KIND];
      }
      texts[k][pos] = code == TEXT ? applicationNo : null;
    }
    sizes[k] = (byte) Math.min(n + 1, PER_KIND);
  }

  private boolean same(int k, int pos, long code, String applicationNo) {
    long c = entries[k][2 * pos + 1];
    return c == code && (c != TEXT || applicationNo.equals(texts[k][pos]));
  }

  /** Forgets entries with {@code fromMillis <= occurredAt < toMillis} (a replay of those days refills them). */
  public void clear(long fromMillis, long toMillis) {
    removeIf(at -> at >= fromMillis && at < toMillis);
  }

  /** Forgets entries older than {@code oldestMillis}: no window reads them. */
  public void evictBefore(long oldestMillis) {
    removeIf(at -> at < oldestMillis);
  }

  private void removeIf(LongPredicate drop) {
    for (int k = 0; k < Evidence.Kind.COUNT; k++) {
      int kept = 0;
      for (int i = 0; i < sizes[k]; i++) {
        if (drop.test(entries[k][2 * i])) {
          continue;
        }
        entries[k][2 * kept] = entries[k][2 * i];
        entries[k][2 * kept + 1] = entries[k][2 * i + 1];
        if (texts[k] != null) {
          texts[k][kept] = texts[k][i];
        }
        kept++;
      }
      sizes[k] = (byte) kept;
      if (kept == 0) {
        entries[k] = null;
        texts[k] = null;
      }
    }
  }

  /** The entries of one kind, most recent first, those at times {@code keep} refuses left out. */
  public List<Evidence.Item> items(Evidence.Kind kind, LongPredicate keep) {
    int k = kind.ordinal();
    List<Evidence.Item> out = new ArrayList<>(sizes[k]);
    for (int i = 0; i < sizes[k]; i++) {
      long at = entries[k][2 * i];
      if (keep.test(at)) {
        long code = entries[k][2 * i + 1];
        out.add(new Evidence.Item(code == TEXT ? texts[k][i] : unpack(code), at));
      }
    }
    return out;
  }

  public int size() {
    int n = 0;
    for (byte s : sizes) {
      n += s;
    }
    return n;
  }

  /** Digits (at most 17) with an optional '.' before the last one, as a long; else {@link #TEXT}. */
  static long pack(String no) {
    int len = no.length();
    int digits = 0;
    long value = 0;
    boolean dot = false;
    for (int i = 0; i < len; i++) {
      char c = no.charAt(i);
      if (c == '.' && !dot && i == len - 2 && i > 0) {
        dot = true;
      } else if (c >= '0' && c <= '9' && digits < MAX_PACKED_DIGITS) {
        value = value * 10 + (c - '0');
        digits++;
      } else {
        return TEXT;
      }
    }
    return (value << VALUE_SHIFT) | ((long) digits << LENGTH_SHIFT) | (dot ? 1 : 0);
  }

  static String unpack(long code) {
    int digits = (int) ((code >>> LENGTH_SHIFT) & LENGTH_MASK);
    StringBuilder s = new StringBuilder(Long.toString(code >>> VALUE_SHIFT));
    while (s.length() < digits) {
      s.insert(0, '0');
    }
    if ((code & 1) != 0) {
      s.insert(s.length() - 1, '.');
    }
    return s.toString();
  }

  public void writeTo(DataOutput out) throws IOException {
    for (int k = 0; k < Evidence.Kind.COUNT; k++) {
      out.writeByte(sizes[k]);
      for (int i = 0; i < sizes[k]; i++) {
        out.writeLong(entries[k][2 * i]);
        long code = entries[k][2 * i + 1];
        out.writeLong(code);
        if (code == TEXT) {
          out.writeUTF(texts[k][i]);
        }
      }
    }
  }

  public static EvidenceLog readFrom(DataInput in) throws IOException {
    EvidenceLog log = new EvidenceLog();
    for (Evidence.Kind kind : Evidence.Kind.values()) {
      int n = in.readByte();
      for (int i = 0; i < n; i++) {
        long at = in.readLong();
        long code = in.readLong();
        log.add(kind, code == TEXT ? in.readUTF() : unpack(code), at);
      }
    }
    return log;
  }
}
