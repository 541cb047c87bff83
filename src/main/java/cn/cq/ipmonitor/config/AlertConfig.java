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
 * @param escalateAfterMs    a FIRING alert nobody acknowledged this long after it started is escalated: one
 *                           severity up, and a notice to every city subscription
 * @param topic              Kafka topic of alert changes, the durable source of notifications
 * @param webhook            delivery of notifications to subscribers' URLs
 * @param rulesReloadMs      how often a running node looks at {@code rulesFile} for changes; a changed file that
 *                           validates replaces the rules in force, one that does not is reported and ignored
 */
public record AlertConfig(boolean enabled, String rulesFile, long evaluateIntervalMs, long clearForMs,
                          int keepResolvedDays, long escalateAfterMs, String topic, Webhook webhook,
                          long rulesReloadMs) {

  /** The default of {@code rulesReloadMs}, as in the bundled defaults. */
  public static final long DEFAULT_RULES_RELOAD_MS = 5000;

  /** The configuration's binding constructor (Jackson must not pick the shorter one below). */
  @com.fasterxml.jackson.annotation.JsonCreator
  public AlertConfig {
  }

  /** Without {@code rulesReloadMs}: the default. */
  public AlertConfig(boolean enabled, String rulesFile, long evaluateIntervalMs, long clearForMs,
                     int keepResolvedDays, long escalateAfterMs, String topic, Webhook webhook) {
    this(enabled, rulesFile, evaluateIntervalMs, clearForMs, keepResolvedDays, escalateAfterMs, topic, webhook,
        DEFAULT_RULES_RELOAD_MS);
  }

  /**
   * Webhook delivery.
   *
   * @param maxAttempts      tries before a notification goes to the dead-letter topic
   * @param initialBackoffMs wait after the first failure, doubling up to {@code maxBackoffMs}
   * @param maxBackoffMs     longest wait between tries
   * @param timeoutMs        how long a receiver may take to answer
   * @param externalUrl      this monitor's address, sent as {@code externalURL}
   */
  public record Webhook(int maxAttempts, long initialBackoffMs, long maxBackoffMs, long timeoutMs,
                        String externalUrl) {
  }
}
