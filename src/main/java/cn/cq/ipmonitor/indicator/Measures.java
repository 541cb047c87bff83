package cn.cq.ipmonitor.indicator;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Raw sums behind the indicators of one agency, or of many added together (a district, the city): derived
 * indicators of an aggregate are computed from summed counts, never averaged over agencies.
 *
 * @param counts        {@code counts[window.ordinal()][counter.ordinal()]}
 * @param filingsLast24h filings in the last 24 hours, hour resolution (surge numerator)
 * @param filingsPrior  filings in the 29 days before those 24 hours (surge baseline)
 * @param attorneys     practising attorneys (0 when unknown)
 */
public record Measures(long[][] counts, long filingsLast24h, long filingsPrior, long attorneys) {

  /** Hours of the surge's recent side. */
  public static final int SURGE_RECENT_HOURS = 24;
  /** Hours of the surge's baseline: the 29 days before. */
  public static final int SURGE_BASELINE_HOURS = 29 * 24;
  /** Days in the baseline, for the daily mean. */
  public static final int SURGE_BASELINE_DAYS = 29;

  public static Measures zero() {
    return new Measures(new long[Window.COUNT][Counter.COUNT], 0, 0, 0);
  }

  public long count(Window w, Counter c) {
    return counts[w.ordinal()][c.ordinal()];
  }

  public Measures plus(Measures o) {
    long[][] sum = new long[Window.COUNT][Counter.COUNT];
    for (int w = 0; w < Window.COUNT; w++) {
      for (int c = 0; c < Counter.COUNT; c++) {
        sum[w][c] = counts[w][c] + o.counts[w][c];
      }
    }
    return new Measures(sum, filingsLast24h + o.filingsLast24h, filingsPrior + o.filingsPrior,
        attorneys + o.attorneys);
  }

  public void writeTo(DataOutput out) throws IOException {
    for (long[] row : counts) {
      for (long v : row) {
        out.writeLong(v);
      }
    }
    out.writeLong(filingsLast24h);
    out.writeLong(filingsPrior);
    out.writeLong(attorneys);
  }

  public static Measures readFrom(DataInput in) throws IOException {
    long[][] counts = new long[Window.COUNT][Counter.COUNT];
    for (long[] row : counts) {
      for (int c = 0; c < row.length; c++) {
        row[c] = in.readLong();
      }
    }
    return new Measures(counts, in.readLong(), in.readLong(), in.readLong());
  }
}
