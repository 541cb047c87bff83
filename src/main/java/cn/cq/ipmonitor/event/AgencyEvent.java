package cn.cq.ipmonitor.event;

import java.util.List;

/**
 * One validated contract event, parsed once into compact fields. Optional fields are {@code null}
 * (or {@code 0} for {@code abnormalCategory}); the decoder guarantees every field a type requires.
 *
 * @param eventId          the idempotency key
 * @param occurredAtMillis event time, epoch milliseconds
 * @param route            never null: DOMESTIC when absent
 * @param abnormalCategory 1..10 on ABNORMAL_NOTIFIED, else 0
 * @param registry         agency facts on AGENCY_REGISTERED and AGENCY_STATUS_CHANGED, else null
 * @param penalty          the measure on PENALTY_IMPOSED, else null
 */
public record AgencyEvent(String eventId, EventType type, long occurredAtMillis, String agencyId,
                          String applicationNo, IpType ipType, Route route, String attorneyId,
                          String applicantId, ApplicantKind applicantKind, String district,
                          int abnormalCategory, String batchId, PenaltyMeasure penalty, Registry registry) {

  /**
   * Registry facts carried by AGENCY_REGISTERED (name, kind required) and AGENCY_STATUS_CHANGED (status and/or
   * attorneys). Absent facts are null: a status change without attorneys leaves the count as it was.
   */
  public record Registry(String name, AgencyKind kind, Integer attorneys, AgencyStatus status, List<String> zones) {
    public Registry {
      zones = zones == null ? null : List.copyOf(zones);
    }
  }
}
