package cn.cq.ipmonitor.config;

import java.util.List;

/**
 * Parameters of the indicator maths (CONTRACT.md section 4) and of the risk model.
 *
 * @param zone                       time zone of day buckets
 * @param minClosedForGrantRate      inventionGrantRate is null under this many closed invention cases
 * @param minFilingsForAbnormalShare abnormalShare is null under this many patent filings
 * @param minSurgeBaseline           surge is null when the baseline daily mean is under this
 * @param nationalInventionGrantRate national average invention grant rate, set yearly
 * @param abnormalCategories         the CNIPA abnormal-application categories accepted in events
 * @param risk                       the deduction model behind riskScore and grade
 */
public record IndicatorConfig(String zone, int minClosedForGrantRate, int minFilingsForAbnormalShare,
                              double minSurgeBaseline, double nationalInventionGrantRate,
                              List<Integer> abnormalCategories, RiskConfig risk) {
  public IndicatorConfig {
    abnormalCategories = List.copyOf(abnormalCategories);
  }
}
