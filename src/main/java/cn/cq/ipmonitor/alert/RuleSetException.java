package cn.cq.ipmonitor.alert;

import java.util.List;

/** A rule file that cannot be used; the message lists every problem, each naming the rule and field. */
public final class RuleSetException extends RuntimeException {

  private final List<String> problems;

  public RuleSetException(List<String> problems) {
    super("invalid alert rules: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
