package cn.cq.ipmonitor.sim;

import cn.cq.ipmonitor.event.EventType;
import java.util.Comparator;
import java.util.Map;

/**
 * An event before it is written as JSON: cheap to sort and to drop, and written only when emitted.
 * Optional fields are null when absent; {@code detail} keeps insertion order so the JSON is stable.
 */
record Draft(long at, String eventId, EventType type, SimAgency agency, String applicationNo, IpType ipType,
             String route, String attorneyId, Applicant applicant, Map<String, Object> detail) {

  /** Event-time order; the event id breaks ties so equal seeds give byte-identical streams. */
  static final Comparator<Draft> ORDER = Comparator.comparingLong(Draft::at).thenComparing(Draft::eventId);

  /** The contract's {@code applicant} object. */
  record Applicant(String id, String kind) {
  }
}
