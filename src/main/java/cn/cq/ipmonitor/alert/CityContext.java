package cn.cq.ipmonitor.alert;

/**
 * City-wide context some rules need.
 *
 * @param medianPerAttorneyAnnual median of agencies' filings per attorney a year; null when not known yet
 */
public record CityContext(Double medianPerAttorneyAnnual) {

  public static final CityContext UNKNOWN = new CityContext(null);
}
