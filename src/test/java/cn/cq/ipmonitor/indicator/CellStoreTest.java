package cn.cq.ipmonitor.indicator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("CellStore")
class CellStoreTest {

  @Test
  @DisplayName("is empty at first and sums to nothing")
  void empty() {
    CellStore s = new CellStore();
    assertEquals(0, s.size());
    assertEquals(0, s.sum(0, Long.MAX_VALUE >> 6, 0));
    long[] out = new long[Counter.COUNT];
    s.sum(0, 1_000, out);
    assertArrayEquals(new long[Counter.COUNT], out);
    s.evictBefore(100);
    assertEquals(0, s.size());
  }

  @Test
  @DisplayName("keeps one cell per (bucket, counter) and adds into it")
  void accumulates() {
    CellStore s = new CellStore();
    s.add(100, 3, 1);
    s.add(100, 3, 1);
    s.add(100, 4, 1);
    s.add(101, 3, 5);
    assertEquals(3, s.size());
    assertEquals(2, s.sum(100, 100, 3));
    assertEquals(7, s.sum(100, 101, 3));
    assertEquals(1, s.sum(100, 101, 4));
    assertEquals(0, s.sum(102, 200, 3));
    assertEquals(0, s.sum(0, 99, 3));
  }

  @Test
  @DisplayName("sums every counter of a bucket range, both ends included, whatever the insertion order")
  void sumRange() {
    CellStore s = new CellStore();
    int last = Counter.COUNT - 1;
    s.add(10, last, 1);
    s.add(5, 0, 1);
    s.add(7, 2, 1);
    s.add(3, last, 1);
    s.add(10, 0, 1);
    s.add(11, 0, 1);
    long[] out = new long[Counter.COUNT];
    s.sum(5, 10, out);
    assertEquals(2, out[0]);
    assertEquals(1, out[2]);
    assertEquals(1, out[last], "the highest counter of the last bucket is inside the range");
  }

  @Test
  @DisplayName("forgets buckets before the given one and keeps that one")
  void evict() {
    CellStore s = new CellStore();
    for (int b = 0; b < 100; b++) {
      s.add(b, b % Counter.COUNT, 1);
    }
    s.evictBefore(90);
    assertEquals(10, s.size());
    assertEquals(0, s.sum(0, 89, 89 % Counter.COUNT));
    assertEquals(1, s.sum(90, 90, 90 % Counter.COUNT));
    s.evictBefore(50); // already gone: changes nothing
    assertEquals(10, s.size());
    s.add(95, 0, 1); // still usable after shrinking
    assertEquals(11, s.size());
    s.evictBefore(1_000);
    assertEquals(0, s.size());
    s.add(1_001, 1, 2);
    assertEquals(2, s.sum(1_001, 1_001, 1));
  }

  @Test
  @DisplayName("survives a write and read, and stays usable after")
  void roundTrip() {
    CellStore s = new CellStore();
    s.add(7, 1, 3);
    s.add(2, 0, 1);
    s.add(9, 16, 4);
    CellStore r = TestFacts.read(TestFacts.bytes(s::writeTo), CellStore::readFrom);
    assertEquals(3, r.size());
    assertEquals(3, r.sum(0, 100, 1));
    assertEquals(4, r.sum(9, 9, 16));
    r.add(8, 1, 1);
    r.add(1, 1, 1);
    assertEquals(5, r.sum(0, 100, 1));
    CellStore empty = TestFacts.read(TestFacts.bytes(new CellStore()::writeTo), CellStore::readFrom);
    empty.add(1, 1, 1);
    assertEquals(1, empty.sum(1, 1, 1));
  }

  @Test
  @DisplayName("agrees with a brute-force count for random adds, sums and evictions")
  void bruteForce() {
    Random rnd = new Random(11);
    CellStore s = new CellStore();
    long[][] truth = new long[2_000][Counter.COUNT];
    List<int[]> adds = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      adds.add(new int[] {rnd.nextInt(2_000), rnd.nextInt(Counter.COUNT)});
    }
    Collections.sort(adds.subList(0, 10_000), (a, b) -> Integer.compare(a[0], b[0])); // mostly appends, then random
    for (int[] a : adds) {
      s.add(a[0], a[1], 1);
      truth[a[0]][a[1]]++;
    }
    long evicted = 0;
    for (int q = 0; q < 500; q++) {
      if (q % 100 == 99) {
        evicted += 300;
        s.evictBefore(evicted);
      }
      long from = evicted + rnd.nextInt(2_000);
      long to = from + rnd.nextInt(400);
      int c = rnd.nextInt(Counter.COUNT);
      long expected = 0;
      long[] expectedAll = new long[Counter.COUNT];
      for (long b = Math.max(from, evicted); b <= Math.min(to, 1_999); b++) {
        expected += truth[(int) b][c];
        for (int k = 0; k < Counter.COUNT; k++) {
          expectedAll[k] += truth[(int) b][k];
        }
      }
      assertEquals(expected, s.sum(from, to, c));
      long[] out = new long[Counter.COUNT];
      s.sum(from, to, out);
      assertArrayEquals(expectedAll, out);
    }
  }
}
