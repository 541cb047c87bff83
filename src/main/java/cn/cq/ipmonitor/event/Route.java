package cn.cq.ipmonitor.event;

/** The filing route; PCT, MADRID and HAGUE count as international filings. */
public enum Route {
  DOMESTIC, PCT, MADRID, HAGUE, PARIS;

  public boolean isInternational() {
    return this == PCT || this == MADRID || this == HAGUE;
  }
}
