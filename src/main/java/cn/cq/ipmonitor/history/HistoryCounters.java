package cn.cq.ipmonitor.history;

import cn.cq.ipmonitor.event.AgencyEvent;
import cn.cq.ipmonitor.event.IpType;
import cn.cq.ipmonitor.indicator.Counter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The counters history keeps, one rollup column each, and how an event maps to them: in Java for the rollups
 * the monitor maintains itself, in SQL for TimescaleDB's continuous aggregates. Both follow
 * {@code indicator.AgencyState}'s mapping, except {@link Counter#UNLICENSED_FILINGS}: whether a filing was
 * unlicensed depends on the agency's status history, which the live state knows and a rollup of raw events
 * does not, so history leaves it out.
 */
public final class HistoryCounters {

  /** Rollup columns in this order, everywhere. */
  public static final List<Counter> KEPT = Arrays.stream(Counter.values())
      .filter(c -> c != Counter.UNLICENSED_FILINGS).toList();
  private static final Map<String, Counter> BY_API_NAME = KEPT.stream()
      .collect(Collectors.toUnmodifiableMap(c -> c.apiName, Function.identity()));
  private static final String FILING = "type = 'FILING_SUBMITTED'";

  private HistoryCounters() {
  }

  /** The rollup column of a counter: its enum name in lower case (filings_invention, pct_filings, ...). */
  public static String column(Counter c) {
    return c.name().toLowerCase(Locale.ROOT);
  }

  /** The counter an API metric name ({@link Counter#apiName}) stands for, if history keeps it. */
  public static Optional<Counter> byApiName(String metric) {
    return Optional.ofNullable(metric == null ? null : BY_API_NAME.get(metric));
  }

  /** Every metric name the history API accepts. */
  public static List<String> apiNames() {
    return KEPT.stream().map(c -> c.apiName).toList();
  }

  /** Bit mask ({@link Counter#bit()}) of the counters one event adds to. */
  public static int mask(AgencyEvent e) {
    return switch (e.type()) {
      case FILING_SUBMITTED -> Counter.FILINGS.bit() | byType(e.ipType())
          | (e.route().isInternational() ? Counter.PCT_FILINGS.bit() : 0);
      case FILING_GRANTED -> Counter.GRANTS.bit() | invention(e, Counter.INVENTION_GRANTS);
      case FILING_REJECTED -> Counter.REJECTIONS.bit() | invention(e, Counter.INVENTION_REJECTIONS);
      case FILING_WITHDRAWN -> Counter.WITHDRAWALS.bit() | invention(e, Counter.INVENTION_WITHDRAWALS);
      case ABNORMAL_NOTIFIED -> Counter.ABNORMAL.bit();
      case MALICIOUS_TRADEMARK_REFUSED -> Counter.MALICIOUS_TRADEMARK.bit();
      case COMPLAINT_RECEIVED -> Counter.COMPLAINTS.bit();
      case PENALTY_IMPOSED -> Counter.PENALTIES.bit();
      case AGENCY_REGISTERED, AGENCY_STATUS_CHANGED -> 0;
    };
  }

  private static int byType(IpType t) {
    return switch (t) {
      case INVENTION -> Counter.FILINGS_INVENTION.bit();
      case UTILITY_MODEL -> Counter.FILINGS_UTILITY_MODEL.bit();
      case DESIGN -> Counter.FILINGS_DESIGN.bit();
      case TRADEMARK -> Counter.FILINGS_TRADEMARK.bit();
    };
  }

  private static int invention(AgencyEvent e, Counter c) {
    return e.ipType() == IpType.INVENTION ? c.bit() : 0;
  }

  /**
   * The same mapping as a condition on a {@code raw_events} row. Continuous aggregates are built from these,
   * and the tests recount rollups with them, which keeps the two mappings equal.
   */
  public static String predicate(Counter c) {
    return switch (c) {
      case FILINGS -> FILING;
      case FILINGS_INVENTION, FILINGS_UTILITY_MODEL, FILINGS_DESIGN, FILINGS_TRADEMARK ->
          FILING + " AND ip_type = '" + c.name().substring("FILINGS_".length()) + "'";
      case PCT_FILINGS -> FILING + " AND route IN ('PCT', 'MADRID', 'HAGUE')";
      case GRANTS -> "type = 'FILING_GRANTED'";
      case REJECTIONS -> "type = 'FILING_REJECTED'";
      case WITHDRAWALS -> "type = 'FILING_WITHDRAWN'";
      case INVENTION_GRANTS -> "type = 'FILING_GRANTED' AND ip_type = 'INVENTION'";
      case INVENTION_REJECTIONS -> "type = 'FILING_REJECTED' AND ip_type = 'INVENTION'";
      case INVENTION_WITHDRAWALS -> "type = 'FILING_WITHDRAWN' AND ip_type = 'INVENTION'";
      case ABNORMAL -> "type = 'ABNORMAL_NOTIFIED'";
      case MALICIOUS_TRADEMARK -> "type = 'MALICIOUS_TRADEMARK_REFUSED'";
      case COMPLAINTS -> "type = 'COMPLAINT_RECEIVED'";
      case PENALTIES -> "type = 'PENALTY_IMPOSED'";
      case UNLICENSED_FILINGS -> throw new IllegalArgumentException("history does not keep " + c);
    };
  }

  /** {@code sum(CASE WHEN <predicate> THEN 1 ELSE 0 END) AS <column>, ...}: works in continuous aggregates. */
  public static String sumExpressions() {
    return KEPT.stream().map(c -> "sum(CASE WHEN " + predicate(c) + " THEN 1 ELSE 0 END)::bigint AS " + column(c))
        .collect(Collectors.joining(",\n  "));
  }

  /** {@code <column> bigint NOT NULL DEFAULT 0, ...} for the rollup tables of the plain fallback. */
  public static String columnDefinitions() {
    return KEPT.stream().map(c -> column(c) + " bigint NOT NULL DEFAULT 0").collect(Collectors.joining(",\n  "));
  }
}
