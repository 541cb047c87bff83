package cn.cq.ipmonitor.event;

/** Registry status of an agency. */
public enum AgencyStatus {
  ACTIVE, ABNORMAL_OPERATION, STOP_NEW_BUSINESS, SUSPENDED, REVOKED;

  /** Whether a filing by an agency in this status is unlicensed (DOMAIN.md: critical at once). */
  public boolean forbidsFiling() {
    return this == STOP_NEW_BUSINESS || this == SUSPENDED || this == REVOKED;
  }
}
