package cn.cq.ipmonitor.indicator;

/** Measures with chosen 365d counts, surge inputs and attorneys, for the derived-indicator and risk tests. */
final class MeasuresBuilder {

  private final long[][] counts = new long[Window.COUNT][Counter.COUNT];
  private long last24h;
  private long prior;
  private long attorneys;

  static MeasuresBuilder measures() {
    return new MeasuresBuilder();
  }

  /** Sets a counter in the 365d window (and, to catch a wrong window being read, 0 in all the others). */
  MeasuresBuilder year(Counter c, long n) {
    counts[Window.D365.ordinal()][c.ordinal()] = n;
    return this;
  }

  /** Sets a counter in a window other than 365d. */
  MeasuresBuilder in(Window w, Counter c, long n) {
    counts[w.ordinal()][c.ordinal()] = n;
    return this;
  }

  MeasuresBuilder surge(long last24h, long prior) {
    this.last24h = last24h;
    this.prior = prior;
    return this;
  }

  MeasuresBuilder attorneys(long n) {
    this.attorneys = n;
    return this;
  }

  Measures build() {
    long[][] copy = new long[Window.COUNT][];
    for (int i = 0; i < Window.COUNT; i++) {
      copy[i] = counts[i].clone();
    }
    return new Measures(copy, last24h, prior, attorneys);
  }
}
