package cn.cq.ipmonitor.event;

/** The event types of CONTRACT.md section 1. */
public enum EventType {
  FILING_SUBMITTED, FILING_GRANTED, FILING_REJECTED, FILING_WITHDRAWN,
  ABNORMAL_NOTIFIED, MALICIOUS_TRADEMARK_REFUSED, COMPLAINT_RECEIVED, PENALTY_IMPOSED,
  AGENCY_REGISTERED, AGENCY_STATUS_CHANGED;

  /** Types about one application: they must name it. */
  public boolean needsApplicationNo() {
    return isFiling() || this == ABNORMAL_NOTIFIED || this == MALICIOUS_TRADEMARK_REFUSED;
  }

  /** Types that must say which kind of right the application is for. */
  public boolean needsIpType() {
    return isFiling() || this == ABNORMAL_NOTIFIED;
  }

  public boolean isFiling() {
    return this == FILING_SUBMITTED || this == FILING_GRANTED || this == FILING_REJECTED || this == FILING_WITHDRAWN;
  }

  public boolean isRegistry() {
    return this == AGENCY_REGISTERED || this == AGENCY_STATUS_CHANGED;
  }
}
