package cn.cq.ipmonitor.alert;

import cn.cq.ipmonitor.indicator.Window;

/**
 * One alert rule, as validated by {@link RuleSet}.
 *
 * @param warning              WARNING threshold, null when the rule has no WARNING level
 * @param critical             CRITICAL threshold, null when the rule has no CRITICAL level
 * @param minDenominator       the rule is not evaluated under this denominator (patent filings, closed cases,
 *                             trademark filings, attorneys, or the surge's baseline daily mean); the indicator
 *                             configuration's own minimum applies too, whichever is larger
 * @param minCount             FILING_SURGE: the fewest filings in the 24h that can be a surge;
 *                             MALICIOUS_TRADEMARK: the fewest refusals that can be a pattern
 * @param warningMedianFactor  ATTORNEY_OVERLOAD only: WARNING also needs this many times the city median
 * @param criticalMedianFactor ATTORNEY_OVERLOAD only: likewise for CRITICAL
 */
public record RuleDefinition(String name, RuleKind kind, boolean enabled, Window window, Double warning,
                             Double critical, double minDenominator, double minCount, Double warningMedianFactor,
                             Double criticalMedianFactor, String description) {
}
