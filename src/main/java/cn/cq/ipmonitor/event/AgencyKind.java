package cn.cq.ipmonitor.event;

/** What an agency is licensed for. */
public enum AgencyKind {
  PATENT, TRADEMARK, BOTH
}
