package cn.cq.ipmonitor.state;

/** Every Hazelcast structure the monitor owns, in one place. */
public final class StateNames {

  /** Per-agency live state: agencyId to {@link cn.cq.ipmonitor.indicator.AgencyState}. */
  public static final String AGENCIES = "ipmon.agencies";

  /** Facts about the cluster's state itself, e.g. whether it was rebuilt after a whole-cluster stop. */
  public static final String META = "ipmon.meta";

  /** Split-brain protection of the state maps: see {@code cluster.minMembers}. */
  static final String MIN_MEMBERS_RULE = "ipmon.min-members";

  /** Factory id of the monitor's IdentifiedDataSerializable classes. */
  static final int FACTORY_ID = 5000;
  /** Type ids of the pure state classes' stream serializers. */
  static final int AGENCY_STATE_TYPE = 5001;
  static final int AGENCY_READING_TYPE = 5002;

  private StateNames() {
  }
}
