package cn.cq.ipmonitor.config;

/**
 * The early-warning mechanism.
 *
 * @param enabled            evaluate rules and keep alerts
 * @param rulesFile          a JSON rule file replacing the bundled defaults ({@code alert-rules.json}); empty for
 *                           the defaults. Validated at start: a bad file stops the start with every reason
 * @param evaluateIntervalMs how often each node evaluates the agencies it holds
 * @param clearForMs         hysteresis: a condition must stay clear this long before its alert resolves
 * @param keepResolvedDays   how long resolved alerts stay listable
 */
public record AlertConfig(boolean enabled, String rulesFile, long evaluateIntervalMs, long clearForMs,
                          int keepResolvedDays) {
}
