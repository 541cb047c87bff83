package cn.cq.ipmonitor.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The numbered messages of one channel: hands out the next {@code seq} and keeps the last {@code capacity}
 * encoded messages, so a client that reconnects can be sent exactly what it missed.
 */
public final class ReplayBuffer {

  private final String[] ring;
  private long lastSeq;

  public ReplayBuffer(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.ring = new String[capacity];
  }

  /** The seq the next message will get. */
  public long nextSeq() {
    return lastSeq + 1;
  }

  /** The seq of the last message, 0 before the first. */
  public long lastSeq() {
    return lastSeq;
  }

  /** Keeps a message under the seq {@link #nextSeq()} handed out, and returns that seq. */
  public long append(String message) {
    lastSeq++;
    ring[(int) (lastSeq % ring.length)] = message;
    return lastSeq;
  }

  /**
   * The messages after {@code seq}, oldest first; empty when the client has everything; absent when some of
   * them are no longer kept (or {@code seq} is from the future), in which case only a snapshot will do.
   */
  public Optional<List<String>> after(long seq) {
    if (seq < 0 || seq > lastSeq) {
      return Optional.empty();
    }
    long first = lastSeq - Math.min(lastSeq, ring.length) + 1;
    if (seq + 1 < first) {
      return Optional.empty();
    }
    List<String> out = new ArrayList<>((int) (lastSeq - seq));
    for (long s = seq + 1; s <= lastSeq; s++) {
      out.add(ring[(int) (s % ring.length)]);
    }
    return Optional.of(out);
  }
}
