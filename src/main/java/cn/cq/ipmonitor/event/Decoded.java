package cn.cq.ipmonitor.event;

import java.util.List;

/**
 * The outcome of decoding one record: either an event or the reasons it was refused.
 *
 * @param event  the event, or null when refused
 * @param errors why it was refused; empty when {@code event} is set
 */
public record Decoded(AgencyEvent event, List<String> errors) {

  public static Decoded ok(AgencyEvent event) {
    return new Decoded(event, List.of());
  }

  public static Decoded refused(List<String> errors) {
    return new Decoded(null, List.copyOf(errors));
  }

  public boolean isValid() {
    return event != null;
  }

  /** The reasons as one line, for dead-letter headers and logs. */
  public String reason() {
    return String.join("; ", errors);
  }
}
