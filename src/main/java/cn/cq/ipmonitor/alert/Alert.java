package cn.cq.ipmonitor.alert;

import java.util.List;

/**
 * One alert of CONTRACT.md section 5, immutable; {@link Lifecycle} makes the next version.
 *
 * @param endsAt     null until RESOLVED
 * @param evidence   application numbers behind the alert (empty when the rule reads counts only)
 * @param clearSince when the condition was last seen turning clear, -1 while it holds; kept so a node that
 *                   rehydrates the alert keeps the hysteresis
 * @param escalatedAt when it was escalated for want of an acknowledgement, or null
 * @param noteBy     who wrote {@code note} (by acknowledging, resolving or adding a note), or null
 * @param noteAt     when {@code note} was written, or null
 */
public record Alert(String id, String rule, Severity severity, AlertStatus status, String agencyId, String district,
                    long startsAt, long updatedAt, Long endsAt, Double value, Double threshold, String window,
                    List<String> evidence, String ackBy, Long ackAt, String note, long clearSince,
                    Long escalatedAt, String noteBy, Long noteAt) {

  /** clearSince while the condition holds. */
  public static final long HOLDING = -1;

  public Alert {
    evidence = evidence == null ? List.of() : List.copyOf(evidence);
  }

  /** An alert whose note has no recorded author (the shape before notes were their own change). */
  public Alert(String id, String rule, Severity severity, AlertStatus status, String agencyId, String district,
               long startsAt, long updatedAt, Long endsAt, Double value, Double threshold, String window,
               List<String> evidence, String ackBy, Long ackAt, String note, long clearSince, Long escalatedAt) {
    this(id, rule, severity, status, agencyId, district, startsAt, updatedAt, endsAt, value, threshold, window,
        evidence, ackBy, ackAt, note, clearSince, escalatedAt, null, null);
  }

  /** One alert per (rule, agency) at a time. */
  public String key() {
    return rule + "|" + agencyId;
  }

  public boolean active() {
    return status != AlertStatus.RESOLVED;
  }
}
