package cn.cq.ipmonitor.live;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * What one connection has waiting while its socket is full. Bounded: a newer snapshot of a channel replaces
 * the one still waiting (a screen only needs the newest, so a slow screen costs no more memory, only
 * freshness), and any other message waits its turn; when {@code capacity} messages wait, the client is too
 * slow and {@link #offer} says so.
 */
public final class Outbox {

  /** A message to send; {@code channel} is null for control messages, which are never coalesced. */
  public record Message(String channel, boolean snapshot, String text) {
  }

  public enum Offer { QUEUED, COALESCED, OVERFLOW }

  private final int capacity;
  private final Deque<Message> queue = new ArrayDeque<>();

  public Outbox(int capacity) {
    this.capacity = capacity;
  }

  public Offer offer(Message m) {
    if (m.snapshot()) {
      for (Iterator<Message> it = queue.iterator(); it.hasNext(); ) {
        Message q = it.next();
        if (q.snapshot() && q.channel().equals(m.channel())) {
          // Drop the stale one and queue the new one last, keeping the order of other channels' messages.
          it.remove();
          queue.addLast(m);
          return Offer.COALESCED;
        }
      }
    }
    if (queue.size() >= capacity) {
      return Offer.OVERFLOW;
    }
    queue.addLast(m);
    return Offer.QUEUED;
  }

  public Message poll() {
    return queue.pollFirst();
  }

  public boolean isEmpty() {
    return queue.isEmpty();
  }

  public int size() {
    return queue.size();
  }

  public void clear() {
    queue.clear();
  }
}
