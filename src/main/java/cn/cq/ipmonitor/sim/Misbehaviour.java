package cn.cq.ipmonitor.sim;

/**
 * The planted misconduct a simulated agency shows, so that every alert rule of the monitor has
 * something to find. {@link #NONE} for the well-behaved majority.
 */
public enum Misbehaviour {
  NONE(false),
  /** A burst of filings in the last day, many times the agency's normal daily rate. */
  SURGE(true),
  /** Many applications notified as abnormal by CNIPA, and too few of them withdrawn. */
  ABNORMAL_BATCH(true),
  /** The licence was revoked weeks ago, yet the agency still files. */
  REVOKED_FILING(true),
  /** Few attorneys, far too many filings each. */
  OVERLOAD(true),
  /** Invention grant rate far below the national average. */
  LOW_GRANT_RATE(true),
  /** A cluster of complaints in the last month. */
  COMPLAINTS(true),
  /** A trademark agency whose filings are refused as malicious (bad-faith) applications. */
  MALICIOUS_TM(false);

  private final boolean patentSide;

  Misbehaviour(boolean patentSide) {
    this.patentSide = patentSide;
  }

  /** Whether this misconduct is planted on a patent agency (else on a trademark agency). */
  public boolean patentSide() {
    return patentSide;
  }
}
