package cn.cq.ipmonitor.event;

/** Measures of a PENALTY_IMPOSED event. */
public enum PenaltyMeasure {
  INTERVIEW, WARNING, CORRECTION_ORDER, FINE, STOP_NEW_BUSINESS, REVOCATION
}
