package cn.cq.ipmonitor.indicator;

/**
 * Everything counted per window (CONTRACT.md section 4), plus the invention outcome counts the grant rate
 * needs and the filings made while the agency was not allowed to file.
 */
public enum Counter {
  FILINGS("filings"),
  FILINGS_INVENTION("filings.INVENTION"),
  FILINGS_UTILITY_MODEL("filings.UTILITY_MODEL"),
  FILINGS_DESIGN("filings.DESIGN"),
  FILINGS_TRADEMARK("filings.TRADEMARK"),
  GRANTS("grants"),
  REJECTIONS("rejections"),
  WITHDRAWALS("withdrawals"),
  ABNORMAL("abnormal"),
  MALICIOUS_TRADEMARK("maliciousTrademark"),
  COMPLAINTS("complaints"),
  PENALTIES("penalties"),
  PCT_FILINGS("pctFilings"),
  INVENTION_GRANTS("inventionGrants"),
  INVENTION_REJECTIONS("inventionRejections"),
  INVENTION_WITHDRAWALS("inventionWithdrawals"),
  UNLICENSED_FILINGS("unlicensedFilings");

  /** Number of counters; a bit mask of counters fits an int. */
  public static final int COUNT = values().length;
  private static final Counter[] VALUES = values();

  /** The name used in the API. */
  public final String apiName;

  Counter(String apiName) {
    this.apiName = apiName;
  }

  public int bit() {
    return 1 << ordinal();
  }

  public static Counter of(int ordinal) {
    return VALUES[ordinal];
  }
}
