package cn.cq.ipmonitor.indicator;

import cn.cq.ipmonitor.config.IndicatorConfig;

/**
 * The derived indicators of CONTRACT.md section 4; each is null where its denominator is too small to mean
 * anything.
 *
 * @param inventionGrantRate invention grants / (grants + rejections + withdrawals), 365d
 * @param abnormalShare      abnormal notices / patent filings, 365d
 * @param surge              filings in the last 24h / mean daily filings of the 29 days before
 * @param perAttorneyAnnual  filings (365d) / attorneys
 */
public record Derived(Double inventionGrantRate, Double abnormalShare, Double surge, Double perAttorneyAnnual) {

  public static Derived of(Measures m, IndicatorConfig cfg) {
    long grants = m.count(Window.D365, Counter.INVENTION_GRANTS);
    long closed = grants + m.count(Window.D365, Counter.INVENTION_REJECTIONS)
        + m.count(Window.D365, Counter.INVENTION_WITHDRAWALS);
    Double grantRate = closed >= cfg.minClosedForGrantRate() && closed > 0 ? (double) grants / closed : null;

    long patentFilings = m.count(Window.D365, Counter.FILINGS_INVENTION)
        + m.count(Window.D365, Counter.FILINGS_UTILITY_MODEL) + m.count(Window.D365, Counter.FILINGS_DESIGN);
    Double share = patentFilings >= cfg.minFilingsForAbnormalShare() && patentFilings > 0
        ? (double) m.count(Window.D365, Counter.ABNORMAL) / patentFilings : null;

    double baseline = (double) m.filingsPrior() / Measures.SURGE_BASELINE_DAYS;
    Double surge = baseline >= cfg.minSurgeBaseline() && baseline > 0 ? m.filingsLast24h() / baseline : null;

    Double perAttorney = m.attorneys() > 0
        ? (double) m.count(Window.D365, Counter.FILINGS) / m.attorneys() : null;
    return new Derived(grantRate, share, surge, perAttorney);
  }
}
