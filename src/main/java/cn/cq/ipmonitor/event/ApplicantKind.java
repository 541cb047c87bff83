package cn.cq.ipmonitor.event;

/** Who applies. */
public enum ApplicantKind {
  ENTERPRISE, UNIVERSITY, INSTITUTE, INDIVIDUAL, OTHER
}
