package cn.cq.ipmonitor.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class OutboxTest {

  private static Outbox.Message snap(String channel, String text) {
    return new Outbox.Message(channel, true, text);
  }

  private static Outbox.Message change(String text) {
    return new Outbox.Message("alerts", false, text);
  }

  @Test
  void aNewerSnapshotReplacesTheWaitingOneAndGoesLast() {
    Outbox o = new Outbox(3);
    assertEquals(Outbox.Offer.QUEUED, o.offer(snap("city", "c1")));
    assertEquals(Outbox.Offer.QUEUED, o.offer(change("a1")));
    assertEquals(Outbox.Offer.COALESCED, o.offer(snap("city", "c2")));
    assertEquals(2, o.size());
    assertEquals("a1", o.poll().text());
    assertEquals("c2", o.poll().text());
    assertNull(o.poll());
  }

  @Test
  void snapshotsOfOneChannelNeverOverflow() {
    Outbox o = new Outbox(2);
    for (int i = 0; i < 10_000; i++) {
      o.offer(snap("city", "c" + i));
    }
    assertEquals(1, o.size());
    assertEquals("c9999", o.poll().text());
  }

  @Test
  void changesAndControlMessagesAreNeverDroppedButOverflow() {
    Outbox o = new Outbox(2);
    assertEquals(Outbox.Offer.QUEUED, o.offer(change("a1")));
    assertEquals(Outbox.Offer.QUEUED, o.offer(new Outbox.Message(null, false, "pong")));
    assertEquals(Outbox.Offer.OVERFLOW, o.offer(change("a2")));
    assertEquals(Outbox.Offer.OVERFLOW, o.offer(snap("district:500101", "d1")), "a new channel's snapshot too");
    assertEquals("a1", o.poll().text());
  }

  @Test
  void aWaitingSnapshotIsStillReplacedWhenFull() {
    Outbox o = new Outbox(2);
    o.offer(snap("city", "c1"));
    o.offer(change("a1"));
    assertEquals(Outbox.Offer.COALESCED, o.offer(snap("city", "c2")), "replacing costs no room");
  }
}
