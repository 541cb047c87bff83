package cn.cq.ipmonitor.event;

/** The kind of right an application is for. */
public enum IpType {
  INVENTION, UTILITY_MODEL, DESIGN, TRADEMARK;

  public boolean isPatent() {
    return this != TRADEMARK;
  }
}
