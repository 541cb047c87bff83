package cn.cq.ipmonitor.indicator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Measures")
class MeasuresTest {

  static Measures sample(long base) {
    long[][] c = new long[Window.COUNT][Counter.COUNT];
    for (int w = 0; w < Window.COUNT; w++) {
      for (int k = 0; k < Counter.COUNT; k++) {
        c[w][k] = base + w * 100L + k;
      }
    }
    return new Measures(c, base + 1, base + 2, base + 3);
  }

  @Test
  @DisplayName("zero() has nothing in any window")
  void zero() {
    Measures z = Measures.zero();
    for (Window w : Window.values()) {
      for (Counter c : Counter.values()) {
        assertEquals(0, z.count(w, c));
      }
    }
    assertEquals(0, z.filingsLast24h() + z.filingsPrior() + z.attorneys());
  }

  @Test
  @DisplayName("count() reads the counter of the window")
  void count() {
    Measures m = sample(0);
    assertEquals(Window.D30.ordinal() * 100L + Counter.GRANTS.ordinal(), m.count(Window.D30, Counter.GRANTS));
  }

  @Test
  @DisplayName("plus() adds every count, the surge inputs and the attorneys, leaving both operands alone")
  void plus() {
    Measures a = sample(1);
    Measures b = sample(1_000);
    Measures s = a.plus(b);
    for (Window w : Window.values()) {
      for (Counter c : Counter.values()) {
        assertEquals(a.count(w, c) + b.count(w, c), s.count(w, c));
      }
    }
    assertEquals(2 + 1_001, s.filingsLast24h());
    assertEquals(3 + 1_002, s.filingsPrior());
    assertEquals(4 + 1_003, s.attorneys());
    assertEquals(1, a.count(Window.H1, Counter.FILINGS), "operands unchanged");
    assertEquals(sample(5).count(Window.D365, Counter.ABNORMAL), Measures.zero().plus(sample(5))
        .count(Window.D365, Counter.ABNORMAL));
  }

  @Test
  @DisplayName("survives writeTo/readFrom")
  void roundTrip() {
    Measures m = sample(42);
    Measures r = TestFacts.read(TestFacts.bytes(m::writeTo), Measures::readFrom);
    for (Window w : Window.values()) {
      assertArrayEquals(m.counts()[w.ordinal()], r.counts()[w.ordinal()]);
    }
    assertEquals(m.filingsLast24h(), r.filingsLast24h());
    assertEquals(m.filingsPrior(), r.filingsPrior());
    assertEquals(m.attorneys(), r.attorneys());
  }
}
