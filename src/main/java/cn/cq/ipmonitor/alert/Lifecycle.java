package cn.cq.ipmonitor.alert;

import java.util.Objects;

/**
 * The life of one (rule, agency) alert: FIRING, possibly ACKNOWLEDGED, then RESOLVED once its condition has
 * stayed clear for {@code clearForMs} (hysteresis, so an indicator hovering at a threshold does not flap), or
 * when someone resolves it. Pure: every method returns the next version and never mutates; a method returns
 * the very instance it was given when nothing observable changed, so callers can skip the write.
 */
public final class Lifecycle {

  private final long clearForMs;

  public Lifecycle(long clearForMs) {
    if (clearForMs < 0) {
      throw new IllegalArgumentException("clearForMs must not be negative: " + clearForMs);
    }
    this.clearForMs = clearForMs;
  }

  /** The next version of the (rule, agency) alert given the rule's condition now; see the class comment. */
  public Alert advance(Alert current, Condition c, String agencyId, String district, long now) {
    Objects.requireNonNull(c, "condition");
    if (current != null && (!current.rule().equals(c.rule()) || !current.agencyId().equals(agencyId))) {
      throw new IllegalArgumentException("alert " + current.id() + " is " + current.key() + ", not "
          + c.rule() + "|" + agencyId);
    }
    if (current == null || !current.active()) {
      return c.firing() ? open(c, agencyId, district, now) : current;
    }
    return c.firing() ? holding(current, c, district, now) : clearing(current, now);
  }

  private static Alert open(Condition c, String agencyId, String district, long now) {
    String id = c.rule() + "-" + agencyId + "-" + Long.toString(now, Character.MAX_RADIX);
    return new Alert(id, c.rule(), c.severity(), AlertStatus.FIRING, agencyId, district, now, now, null,
        c.value(), c.threshold(), c.window(), c.evidence(), null, null, null, Alert.HOLDING, null, null, null);
  }

  private static Alert holding(Alert a, Condition c, String district, long now) {
    // An escalated alert keeps its raised severity while the condition holds.
    Severity sev = a.escalatedAt() != null && a.severity().compareTo(c.severity()) > 0 ? a.severity() : c.severity();
    boolean rose = sev.compareTo(a.severity()) > 0;
    String d = district != null ? district : a.district();
    if (!rose && sev == a.severity() && Objects.equals(c.value(), a.value())
        && Objects.equals(c.threshold(), a.threshold()) && Objects.equals(c.window(), a.window())
        && Objects.equals(d, a.district()) && a.clearSince() == Alert.HOLDING
        && (c.evidence().isEmpty() || c.evidence().equals(a.evidence()))) {
      return a;
    }
    // A rise re-fires an acknowledged alert: the acknowledgement was for the lesser severity.
    AlertStatus status = rose ? AlertStatus.FIRING : a.status();
    String ackBy = rose ? null : a.ackBy();
    Long ackAt = rose ? null : a.ackAt();
    // Evidence follows the condition while it has some; a condition that reads no numbers keeps what was shown.
    java.util.List<String> evidence = c.evidence().isEmpty() ? a.evidence() : c.evidence();
    return new Alert(a.id(), a.rule(), sev, status, a.agencyId(), d, a.startsAt(), now, null,
        c.value(), c.threshold(), c.window(), evidence, ackBy, ackAt, a.note(), Alert.HOLDING, a.escalatedAt(),
        a.noteBy(), a.noteAt());
  }

  private Alert clearing(Alert a, long now) {
    long since = a.clearSince() == Alert.HOLDING ? now : a.clearSince();
    if (now - since >= clearForMs) {
      return new Alert(a.id(), a.rule(), a.severity(), AlertStatus.RESOLVED, a.agencyId(), a.district(),
          a.startsAt(), now, now, a.value(), a.threshold(), a.window(), a.evidence(), a.ackBy(), a.ackAt(),
          a.note(), since, a.escalatedAt(), a.noteBy(), a.noteAt());
    }
    if (since == a.clearSince()) {
      return a;
    }
    return new Alert(a.id(), a.rule(), a.severity(), a.status(), a.agencyId(), a.district(), a.startsAt(), now,
        null, a.value(), a.threshold(), a.window(), a.evidence(), a.ackBy(), a.ackAt(), a.note(), since,
        a.escalatedAt(), a.noteBy(), a.noteAt());
  }

  /** Someone has seen it; refused once RESOLVED. A null note keeps the one there was. */
  public Alert acknowledge(Alert a, String by, String note, long now) {
    requireActive(a, "acknowledge");
    return new Alert(a.id(), a.rule(), a.severity(), AlertStatus.ACKNOWLEDGED, a.agencyId(), a.district(),
        a.startsAt(), now, null, a.value(), a.threshold(), a.window(), a.evidence(), by, now,
        note != null ? note : a.note(), a.clearSince(), a.escalatedAt(), note != null ? by : a.noteBy(),
        note != null ? Long.valueOf(now) : a.noteAt());
  }

  /**
   * A note on an open alert (what the bureau did, what it found), by someone, now: status, severity and
   * acknowledgement stay as they are; the note replaces the one shown, and the audit trail keeps every one.
   */
  public Alert annotate(Alert a, String by, String note, long now) {
    requireActive(a, "add a note to");
    Objects.requireNonNull(note, "note");
    return new Alert(a.id(), a.rule(), a.severity(), a.status(), a.agencyId(), a.district(), a.startsAt(), now,
        a.endsAt(), a.value(), a.threshold(), a.window(), a.evidence(), a.ackBy(), a.ackAt(), note, a.clearSince(),
        a.escalatedAt(), by, now);
  }

  /**
   * Escalates an alert nobody acknowledged in time: one severity up (CRITICAL stays CRITICAL) and marked, so
   * that the change reaches the city's subscriptions. Anything but an unescalated FIRING alert is returned as is.
   */
  public Alert escalate(Alert a, long now) {
    if (a.status() != AlertStatus.FIRING || a.escalatedAt() != null) {
      return a;
    }
    Severity up = Severity.values()[Math.min(a.severity().ordinal() + 1, Severity.values().length - 1)];
    return new Alert(a.id(), a.rule(), up, AlertStatus.FIRING, a.agencyId(), a.district(), a.startsAt(), now, null,
        a.value(), a.threshold(), a.window(), a.evidence(), a.ackBy(), a.ackAt(), a.note(), a.clearSince(), now,
        a.noteBy(), a.noteAt());
  }

  /**
   * Resolved by hand; refused once RESOLVED. An alert nobody acknowledged records the resolver as
   * {@code ackBy}, the contract having no other field for who. If the condition still holds, the next
   * {@link #advance} opens a new alert.
   */
  public Alert resolve(Alert a, String by, String note, long now) {
    requireActive(a, "resolve");
    boolean acked = a.ackBy() != null;
    return new Alert(a.id(), a.rule(), a.severity(), AlertStatus.RESOLVED, a.agencyId(), a.district(),
        a.startsAt(), now, now, a.value(), a.threshold(), a.window(), a.evidence(), acked ? a.ackBy() : by,
        acked ? a.ackAt() : Long.valueOf(now), note != null ? note : a.note(), a.clearSince(), a.escalatedAt(),
        note != null ? by : a.noteBy(), note != null ? Long.valueOf(now) : a.noteAt());
  }

  private static void requireActive(Alert a, String what) {
    Objects.requireNonNull(a, "alert");
    if (!a.active()) {
      throw new IllegalStateException("cannot " + what + " alert " + a.id() + " (" + a.key() + "): already RESOLVED");
    }
  }
}
