package cn.cq.ipmonitor.alert;

import java.util.List;

/**
 * What one rule sees for one agency now.
 *
 * @param severity  null means the condition is clear
 * @param value     the measured value, null when the rule cannot be evaluated (denominator under its minimum)
 * @param threshold the threshold crossed, or the lowest one when clear
 * @param window    the label of the window the rule reads
 * @param evidence  application numbers behind a firing condition, most recent first, bounded; empty when clear
 *                  or when the rule reads counts without numbers
 */
public record Condition(String rule, Severity severity, Double value, Double threshold, String window,
                        List<String> evidence) {

  public Condition {
    evidence = evidence == null ? List.of() : List.copyOf(evidence);
  }

  public Condition(String rule, Severity severity, Double value, Double threshold, String window) {
    this(rule, severity, value, threshold, window, List.of());
  }

  public boolean firing() {
    return severity != null;
  }
}
