package cn.cq.ipmonitor.alert;

/**
 * What one rule sees for one agency now.
 *
 * @param severity  null means the condition is clear
 * @param value     the measured value, null when the rule cannot be evaluated (denominator under its minimum)
 * @param threshold the threshold crossed, or the lowest one when clear
 * @param window    the label of the window the rule reads
 */
public record Condition(String rule, Severity severity, Double value, Double threshold, String window) {

  public boolean firing() {
    return severity != null;
  }
}
