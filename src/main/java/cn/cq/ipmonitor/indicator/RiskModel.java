package cn.cq.ipmonitor.indicator;

import cn.cq.ipmonitor.config.IndicatorConfig;
import cn.cq.ipmonitor.config.RiskConfig;
import cn.cq.ipmonitor.event.AgencyStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * The deduction model behind {@code creditScore}, {@code riskScore} and {@code grade}, in the spirit of the
 * patent agency credit evaluation (2023): every agency starts at 100 and each finding deducts points;
 * the credit score is what is left (never below 0), the grade follows the evaluation's bands and
 * {@code riskScore = 100 - creditScore}, so the riskiest agencies sort first. The README tabulates it.
 */
public final class RiskModel {

  private static final double START = 100;

  /** One reason for a deduction. */
  public record Finding(String code, double deduction, String detail) {
  }

  /** The outcome. */
  public record Risk(double creditScore, double riskScore, Grade grade, List<Finding> findings) {
  }

  private final IndicatorConfig cfg;
  private final RiskConfig r;

  public RiskModel(IndicatorConfig cfg) {
    this.cfg = cfg;
    this.r = cfg.risk();
  }

  public Risk assess(AgencyStatus status, Measures m, Derived d) {
    List<Finding> f = new ArrayList<>();
    if (status == AgencyStatus.REVOKED) {
      f.add(new Finding("LICENCE_REVOKED", r.revokedDeduction(), "licence revoked"));
    } else if (status.forbidsFiling()) {
      f.add(new Finding("STOP_NEW_BUSINESS", r.stopBusinessDeduction(), "status " + status));
    }
    long unlicensed = m.count(Window.D365, Counter.UNLICENSED_FILINGS);
    if (unlicensed > 0) {
      f.add(new Finding("UNLICENSED_FILING", r.unlicensedDeduction(),
          unlicensed + " filings while not allowed to file (365d)"));
    }
    if (d.abnormalShare() != null) {
      if (d.abnormalShare() >= r.abnormalShareRed()) {
        f.add(new Finding("ABNORMAL_SHARE", r.abnormalDeductionMax(), pct(d.abnormalShare()) + " abnormal (365d)"));
      } else if (d.abnormalShare() >= r.abnormalShareAmber()) {
        f.add(new Finding("ABNORMAL_SHARE", r.abnormalDeductionMax() / 2, pct(d.abnormalShare()) + " abnormal (365d)"));
      }
    }
    if (d.inventionGrantRate() != null) {
      double gap = cfg.nationalInventionGrantRate() - d.inventionGrantRate();
      if (gap > r.grantRateGapRed()) {
        f.add(new Finding("LOW_GRANT_RATE", r.grantRateDeduction(), grantDetail(d)));
      } else if (gap > r.grantRateGapAmber()) {
        f.add(new Finding("LOW_GRANT_RATE", r.grantRateDeduction() / 2, grantDetail(d)));
      }
    }
    if (d.perAttorneyAnnual() != null) {
      if (d.perAttorneyAnnual() > r.perAttorneyRed()) {
        f.add(new Finding("ATTORNEY_OVERLOAD", r.overloadDeduction(), perAttorney(d)));
      } else if (d.perAttorneyAnnual() > r.perAttorneyAmber()) {
        f.add(new Finding("ATTORNEY_OVERLOAD", r.overloadDeduction() / 2, perAttorney(d)));
      }
    }
    if (d.surge() != null && d.surge() >= r.surgeFactor()) {
      f.add(new Finding("FILING_SURGE", r.surgeDeduction(),
          String.format("%.1fx the daily mean of the 29 days before", d.surge())));
    }
    capped(f, "COMPLAINTS", m.count(Window.D365, Counter.COMPLAINTS), r.complaintDeduction(),
        r.complaintDeductionMax(), "complaints (365d)");
    capped(f, "PENALTIES", m.count(Window.D365, Counter.PENALTIES), r.penaltyDeduction(),
        r.penaltyDeductionMax(), "penalties (365d)");
    capped(f, "MALICIOUS_TRADEMARK", m.count(Window.D365, Counter.MALICIOUS_TRADEMARK),
        r.maliciousTrademarkDeduction(), r.maliciousTrademarkDeductionMax(), "malicious trademark refusals (365d)");
    double deducted = f.stream().mapToDouble(Finding::deduction).sum();
    double credit = Math.max(0, START - deducted);
    return new Risk(credit, START - credit, Grade.of(credit), List.copyOf(f));
  }

  private static void capped(List<Finding> f, String code, long n, double each, double max, String what) {
    if (n > 0) {
      f.add(new Finding(code, Math.min(max, n * each), n + " " + what));
    }
  }

  private String grantDetail(Derived d) {
    return pct(d.inventionGrantRate()) + " invention grant rate vs national " + pct(cfg.nationalInventionGrantRate());
  }

  private static String perAttorney(Derived d) {
    return String.format("%.0f filings per attorney a year", d.perAttorneyAnnual());
  }

  private static String pct(double v) {
    return String.format("%.1f%%", v * 100);
  }
}
