package cn.cq.ipmonitor.history;

import cn.cq.ipmonitor.event.Districts;
import cn.cq.ipmonitor.event.Rfc3339;
import cn.cq.ipmonitor.indicator.Counter;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A validated history question: which series ({@code scope}, {@code metric}), at which resolution
 * ({@code bucket}) and over which range, {@code [from, to)} with {@code from} moved back to the start of its
 * bucket.
 *
 * @param scopeKind  city, district or agency
 * @param scopeId    the district code or agency id; null for the city
 * @param fromMillis start of the first bucket
 * @param toMillis   exclusive end
 */
public record HistoryRequest(ScopeKind scopeKind, String scopeId, Counter metric, Bucket bucket, long fromMillis,
                             long toMillis) {

  /** What a series covers. */
  public enum ScopeKind { CITY, DISTRICT, AGENCY }

  /** Either a request or the reasons the parameters were refused. */
  public record Parsed(HistoryRequest request, List<String> errors) {
  }

  private static final Pattern AGENCY_ID = Pattern.compile("[A-Za-z0-9-]{1,32}");
  private static final String DEFAULT_METRIC = "filings";
  private static final String DEFAULT_BUCKET = "day";

  /** The scope as written in the path: {@code city}, {@code district:<code>} or {@code agency:<id>}. */
  public String scope() {
    return switch (scopeKind) {
      case CITY -> "city";
      case DISTRICT -> "district:" + scopeId;
      case AGENCY -> "agency:" + scopeId;
    };
  }

  /**
   * Validates the parameters; every problem is reported, not only the first.
   *
   * @param metric a counter's API name; {@value #DEFAULT_METRIC} when null
   * @param bucket minute, hour, day or month; {@value #DEFAULT_BUCKET} when null
   * @param from   RFC 3339; {@code to} minus the bucket's default range when null
   * @param to     RFC 3339; now when null
   */
  public static Parsed parse(String scope, String metric, String bucket, String from, String to, long nowMillis,
                             ZoneId zone) {
    List<String> errors = new ArrayList<>();
    ScopeKind kind = null;
    String id = null;
    if ("city".equals(scope)) {
      kind = ScopeKind.CITY;
    } else if (scope != null && scope.startsWith("district:")) {
      kind = ScopeKind.DISTRICT;
      id = scope.substring("district:".length());
      if (!Districts.isValid(id)) {
        errors.add("scope: district:<code> needs one of Chongqing's 38 district codes");
      }
    } else if (scope != null && scope.startsWith("agency:")) {
      kind = ScopeKind.AGENCY;
      id = scope.substring("agency:".length());
      if (!AGENCY_ID.matcher(id).matches()) {
        errors.add("scope: agency:<id> needs an id matching [A-Za-z0-9-]{1,32}");
      }
    } else {
      errors.add("scope: must be city, district:<code> or agency:<id>");
    }
    Optional<Counter> counter = HistoryCounters.byApiName(metric == null ? DEFAULT_METRIC : metric);
    if (counter.isEmpty()) {
      errors.add("metric: must be one of " + String.join(", ", HistoryCounters.apiNames()));
    }
    Optional<Bucket> b = Bucket.parse(bucket == null ? DEFAULT_BUCKET : bucket);
    if (b.isEmpty()) {
      errors.add("bucket: must be minute, hour, day or month");
    }
    Long end = to == null ? Long.valueOf(nowMillis) : time("to", to, errors);
    Long start = from == null ? null : time("from", from, errors);
    if (!errors.isEmpty() || end == null) {
      return new Parsed(null, errors);
    }
    Bucket width = b.get();
    long begin = start == null ? end - width.defaultRange.toMillis() : start;
    long first = width.floor(begin, zone);
    if (begin >= end) {
      errors.add("from: must be before to");
    } else if (end - first > width.maxRange.toMillis()) {
      errors.add("range: " + width.apiName() + " buckets cover at most " + width.maxRange.toDays()
          + " days per request");
    }
    return errors.isEmpty() ? new Parsed(new HistoryRequest(kind, id, counter.get(), width, first, end), errors)
        : new Parsed(null, errors);
  }

  private static Long time(String name, String value, List<String> errors) {
    try {
      return Rfc3339.parseMillis(value);
    } catch (IllegalArgumentException e) {
      errors.add(name + ": not an RFC 3339 timestamp with offset, e.g. 2026-11-21T09:30:00+08:00");
      return null;
    }
  }
}
