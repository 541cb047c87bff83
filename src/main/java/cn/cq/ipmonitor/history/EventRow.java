package cn.cq.ipmonitor.history;

import cn.cq.ipmonitor.event.AgencyEvent;

/**
 * A decoded event with the JSON it arrived as, ready for {@code raw_events}.
 *
 * @param payload the record's JSON text, made storable by {@link #storable}
 */
public record EventRow(AgencyEvent event, String payload) {

  private static final char NUL = '\u0000';
  private static final String NUL_ESCAPE = "\\u0000";
  private static final String REPLACEMENT_ESCAPE = "\\ufffd";

  /**
   * PostgreSQL text and jsonb cannot hold U+0000, which valid JSON can carry as an escape: one such event
   * would fail its batch on every retry and stall history. Replace it by U+FFFD: what a reader sees changes,
   * nothing is lost that a person could read.
   */
  public static String storable(String s) {
    if (s == null || s.indexOf(NUL) < 0 && !s.contains(NUL_ESCAPE)) {
      return s;
    }
    return s.replace(NUL, '\ufffd').replace(NUL_ESCAPE, REPLACEMENT_ESCAPE);
  }
}
