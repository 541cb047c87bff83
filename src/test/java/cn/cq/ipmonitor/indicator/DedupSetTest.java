package cn.cq.ipmonitor.indicator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("DedupSet")
class DedupSetTest {

  @Test
  @DisplayName("hashes an eventId the same way every time, never to zero, and tells ids apart")
  void hash() {
    assertEquals(DedupSet.hash("evt-1"), DedupSet.hash("evt-1"));
    assertNotEquals(DedupSet.hash("evt-1"), DedupSet.hash("evt-2"));
    assertNotEquals(DedupSet.hash("ab"), DedupSet.hash("ba"));
    assertNotEquals(0L, DedupSet.hash(""));
    assertNotEquals(DedupSet.hash("事件"), DedupSet.hash("事件 "));
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < 200_000; i++) {
      long h = DedupSet.hash("evt-" + i);
      assertNotEquals(0L, h);
      assertTrue(seen.add(h), "collision at " + i);
    }
  }

  @Test
  @DisplayName("recognises a repeat")
  void repeat() {
    DedupSet s = new DedupSet();
    long h = DedupSet.hash("a");
    assertFalse(s.contains(h));
    assertTrue(s.add(h, 100, 7));
    assertTrue(s.contains(h));
    assertFalse(s.add(h, 100, 7));
    assertFalse(s.add(h, 101, 7));
    assertEquals(1, s.size());
  }

  @Test
  @DisplayName("keeps every id while it grows far beyond its first capacity")
  void grows() {
    DedupSet s = new DedupSet();
    int n = 100_000;
    for (int i = 0; i < n; i++) {
      assertTrue(s.add(DedupSet.hash("id" + i), 100, 7));
    }
    assertEquals(n, s.size());
    for (int i = 0; i < n; i++) {
      assertTrue(s.contains(DedupSet.hash("id" + i)), "lost id" + i);
      assertFalse(s.add(DedupSet.hash("id" + i), 100, 7));
    }
    assertFalse(s.contains(DedupSet.hash("id" + n)));
  }

  @Test
  @DisplayName("forgets an id once more than the retention has passed since its arrival day, not before")
  void expire() {
    DedupSet s = new DedupSet();
    long early = DedupSet.hash("early");
    long late = DedupSet.hash("late");
    s.add(early, 100, 7);
    s.add(late, 105, 7);
    s.expire(107, 7);
    assertTrue(s.contains(early), "arrived 7 days ago: still remembered");
    s.expire(108, 7);
    assertFalse(s.contains(early), "arrived 8 days ago: forgotten");
    assertTrue(s.contains(late));
    assertEquals(1, s.size());
    assertTrue(s.add(early, 108, 7), "a forgotten id is new again");
  }

  @Test
  @DisplayName("drops expired ids when it grows, keeping the live ones")
  void growthDropsExpired() {
    DedupSet s = new DedupSet();
    for (int i = 0; i < 12; i++) {
      s.add(DedupSet.hash("old" + i), 0, 7);
    }
    s.add(DedupSet.hash("recent"), 95, 7);
    for (int i = 0; i < 50; i++) {
      s.add(DedupSet.hash("new" + i), 100, 7);
    }
    assertEquals(51, s.size());
    assertFalse(s.contains(DedupSet.hash("old0")));
    assertTrue(s.contains(DedupSet.hash("recent")));
    assertTrue(s.contains(DedupSet.hash("new49")));
  }

  @Test
  @DisplayName("survives a write and read with ids and arrival days")
  void roundTrip() {
    DedupSet s = new DedupSet();
    for (int i = 0; i < 1_000; i++) {
      s.add(DedupSet.hash("id" + i), 100 + i % 10, 30);
    }
    DedupSet r = TestFacts.read(TestFacts.bytes(s::writeTo), DedupSet::readFrom);
    assertEquals(1_000, r.size());
    for (int i = 0; i < 1_000; i++) {
      assertTrue(r.contains(DedupSet.hash("id" + i)));
    }
    assertFalse(r.add(DedupSet.hash("id5"), 120, 7));
    r.expire(114, 7); // keeps arrival days 107..109
    assertEquals(300, r.size());
    assertTrue(r.contains(DedupSet.hash("id9")));
    assertFalse(r.contains(DedupSet.hash("id6")));
    DedupSet empty = TestFacts.read(TestFacts.bytes(new DedupSet()::writeTo), DedupSet::readFrom);
    assertEquals(0, empty.size());
    assertTrue(empty.add(1L, 0, 7));
  }

  @Test
  @DisplayName("tells apart eventIds that differ only in an unpaired surrogate")
  void unpairedSurrogate() {
    assertNotEquals(DedupSet.hash("evt-\uD800"), DedupSet.hash("evt-?"));
  }
}
