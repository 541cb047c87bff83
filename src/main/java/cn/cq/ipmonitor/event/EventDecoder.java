package cn.cq.ipmonitor.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.CharBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Decodes and validates one contract event (CONTRACT.md section 1) from UTF-8 JSON. It streams tokens
 * straight into {@link AgencyEvent} because parsing is the ingest bottleneck (INFRA-NOTES): no tree, no
 * reflection. It never throws on bad input; every problem becomes a reason in {@link Decoded#errors()}.
 * Thread-safe.
 */
public final class EventDecoder {

  /** Longest eventId the contract allows. */
  public static final int MAX_EVENT_ID = 128;
  /** Bound on free-text identifiers so one record cannot bloat state. */
  public static final int MAX_TEXT = 256;
  /** Longest agencyId: {@code [A-Za-z0-9-]{1,32}}. */
  public static final int MAX_AGENCY_ID = 32;
  private static final JsonFactory JSON = JsonFactory.builder().build();
  private static final EnumNames<EventType> TYPES = new EnumNames<>(EventType.class);
  private static final EnumNames<IpType> IP_TYPES = new EnumNames<>(IpType.class);
  private static final EnumNames<Route> ROUTES = new EnumNames<>(Route.class);
  private static final EnumNames<ApplicantKind> APPLICANT_KINDS = new EnumNames<>(ApplicantKind.class);
  private static final EnumNames<PenaltyMeasure> MEASURES = new EnumNames<>(PenaltyMeasure.class);
  private static final EnumNames<AgencyKind> AGENCY_KINDS = new EnumNames<>(AgencyKind.class);
  private static final EnumNames<AgencyStatus> STATUSES = new EnumNames<>(AgencyStatus.class);

  private final LongSupplier clock;
  private final long maxFutureSkewMs;
  private final Set<Integer> abnormalCategories;

  /**
   * @param clock              wall clock in epoch milliseconds (events further than the skew ahead are refused)
   * @param maxFutureSkewMs    tolerated clock difference of sources
   * @param abnormalCategories accepted CNIPA abnormal-application categories
   */
  public EventDecoder(LongSupplier clock, long maxFutureSkewMs, Set<Integer> abnormalCategories) {
    this.clock = clock;
    this.maxFutureSkewMs = maxFutureSkewMs;
    this.abnormalCategories = Set.copyOf(abnormalCategories);
  }

  public Decoded decode(byte[] json) {
    if (json == null || json.length == 0) {
      return Decoded.refused(List.of("empty record"));
    }
    Fields f = new Fields();
    try (JsonParser p = JSON.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return Decoded.refused(List.of("not a JSON object"));
      }
      readTop(p, f);
      if (p.nextToken() != null) {
        f.errors.add("trailing content after the JSON object");
      }
    } catch (JsonProcessingException e) {
      return Decoded.refused(List.of("not valid JSON: " + e.getOriginalMessage()));
    } catch (IOException e) {
      return Decoded.refused(List.of("unreadable record: " + e.getMessage()));
    }
    return f.validate(clock.getAsLong() + maxFutureSkewMs, abnormalCategories);
  }

  private static void readTop(JsonParser p, Fields f) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      switch (name) {
        case "eventId" -> f.eventId = text(p, v, name, f.errors);
        case "type" -> f.type = enumValue(p, v, name, TYPES, f.errors);
        case "occurredAt" -> readOccurredAt(p, v, f);
        case "agencyId" -> f.agencyId = text(p, v, name, f.errors);
        case "applicationNo" -> f.applicationNo = text(p, v, name, f.errors);
        case "ipType" -> f.ipType = enumValue(p, v, name, IP_TYPES, f.errors);
        case "route" -> f.route = enumValue(p, v, name, ROUTES, f.errors);
        case "attorneyId" -> f.attorneyId = text(p, v, name, f.errors);
        case "district" -> f.district = text(p, v, name, f.errors);
        case "applicant" -> readApplicant(p, v, f);
        case "detail" -> readDetail(p, v, f);
        default -> p.skipChildren();
      }
    }
  }

  private static void readApplicant(JsonParser p, JsonToken v, Fields f) throws IOException {
    if (v == JsonToken.VALUE_NULL) {
      return;
    }
    if (v != JsonToken.START_OBJECT) {
      f.errors.add("applicant: must be an object");
      p.skipChildren();
      return;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      switch (name) {
        case "id" -> f.applicantId = text(p, t, "applicant.id", f.errors);
        case "kind" -> f.applicantKind = enumValue(p, t, "applicant.kind", APPLICANT_KINDS, f.errors);
        default -> p.skipChildren();
      }
    }
  }

  private static void readDetail(JsonParser p, JsonToken v, Fields f) throws IOException {
    if (v == JsonToken.VALUE_NULL) {
      return;
    }
    if (v != JsonToken.START_OBJECT) {
      f.errors.add("detail: must be an object");
      p.skipChildren();
      return;
    }
    f.detailPresent = true;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      switch (name) {
        case "category" -> f.category = integer(p, t, "detail.category", f.errors);
        case "batchId" -> f.batchId = text(p, t, "detail.batchId", f.errors);
        case "measure" -> f.measure = enumValue(p, t, "detail.measure", MEASURES, f.errors);
        case "amountYuan" -> f.amountYuan = number(p, t, "detail.amountYuan", f.errors);
        case "name" -> f.name = text(p, t, "detail.name", f.errors);
        case "kind" -> f.kind = enumValue(p, t, "detail.kind", AGENCY_KINDS, f.errors);
        case "attorneys" -> f.attorneys = integer(p, t, "detail.attorneys", f.errors);
        case "status" -> f.status = enumValue(p, t, "detail.status", STATUSES, f.errors);
        case "zones" -> f.zones = zones(p, t, f.errors);
        default -> p.skipChildren();
      }
    }
  }

  private static void readOccurredAt(JsonParser p, JsonToken t, Fields f) throws IOException {
    if (t != JsonToken.VALUE_STRING) {
      if (t != JsonToken.VALUE_NULL) {
        f.errors.add("occurredAt: must be a string");
        p.skipChildren();
      }
      return;
    }
    f.occurredAtPresent = true;
    try {
      f.occurredAt = Rfc3339.parseMillis(CharBuffer.wrap(p.getTextCharacters(), p.getTextOffset(), p.getTextLength()));
    } catch (IllegalArgumentException e) {
      f.errors.add("occurredAt: not an RFC 3339 timestamp with offset (" + clip(p.getText()) + ")");
      f.occurredAtPresent = false;
      f.occurredAtBad = true;
    }
  }

  /** A string naming a constant of {@code names}; anything else is an error naming the field. */
  private static <E extends Enum<E>> E enumValue(JsonParser p, JsonToken t, String field, EnumNames<E> names,
                                                 List<String> errors) throws IOException {
    if (t == JsonToken.VALUE_STRING) {
      E e = names.find(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
      if (e == null) {
        errors.add(field + ": unknown value (" + clip(p.getText()) + ")");
      }
      return e;
    }
    if (t != JsonToken.VALUE_NULL) {
      errors.add(field + ": must be a string");
      p.skipChildren();
    }
    return null;
  }

  static String clip(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }

  /** {@code [A-Za-z0-9-]{1,32}}, by hand: a regex match was a noticeable share of decoding. */
  static boolean isAgencyId(String s) {
    if (s.isEmpty() || s.length() > MAX_AGENCY_ID) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  private static String text(JsonParser p, JsonToken t, String field, List<String> errors) throws IOException {
    if (t == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    if (t != JsonToken.VALUE_NULL) {
      errors.add(field + ": must be a string");
      p.skipChildren();
    }
    return null;
  }

  private static Integer integer(JsonParser p, JsonToken t, String field, List<String> errors) throws IOException {
    if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
      return p.getIntValue();
    }
    if (t != JsonToken.VALUE_NULL) {
      errors.add(field + ": must be an integer");
      p.skipChildren();
    }
    return null;
  }

  private static Double number(JsonParser p, JsonToken t, String field, List<String> errors) throws IOException {
    if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
      return p.getDoubleValue();
    }
    if (t != JsonToken.VALUE_NULL) {
      errors.add(field + ": must be a number");
      p.skipChildren();
    }
    return null;
  }

  private static List<String> zones(JsonParser p, JsonToken t, List<String> errors) throws IOException {
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t != JsonToken.START_ARRAY) {
      errors.add("detail.zones: must be an array of strings");
      p.skipChildren();
      return null;
    }
    List<String> zones = new ArrayList<>();
    JsonToken e;
    while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
      if (e == JsonToken.VALUE_STRING && !p.getText().isBlank() && p.getText().length() <= MAX_TEXT) {
        zones.add(p.getText());
      } else {
        errors.add("detail.zones: must be an array of non-empty strings");
        p.skipChildren();
      }
    }
    return zones;
  }

  /** Raw fields as read; {@link #validate} turns them into an event or reasons. */
  private static final class Fields {
    final List<String> errors = new ArrayList<>(2);
    String eventId;
    EventType type;
    long occurredAt;
    boolean occurredAtPresent;
    boolean occurredAtBad;
    String agencyId;
    String applicationNo;
    IpType ipType;
    Route route;
    String attorneyId;
    String district;
    String applicantId;
    ApplicantKind applicantKind;
    boolean detailPresent;
    Integer category;
    String batchId;
    PenaltyMeasure measure;
    Double amountYuan;
    String name;
    AgencyKind kind;
    Integer attorneys;
    AgencyStatus status;
    List<String> zones;

    Decoded validate(long latestAllowedMillis, Set<Integer> categories) {
      if (eventId == null || eventId.isEmpty() || eventId.length() > MAX_EVENT_ID) {
        errors.add(eventId == null ? "eventId: required" : "eventId: must be 1-" + MAX_EVENT_ID + " characters");
      }
      EventType t = type;
      if (t == null && errors.stream().noneMatch(e -> e.startsWith("type:"))) {
        errors.add("type: required");
      }
      long occurred = occurredAt;
      if (occurredAtPresent && occurred > latestAllowedMillis) {
        errors.add("occurredAt: in the future (" + java.time.Instant.ofEpochMilli(occurred) + ")");
      } else if (!occurredAtPresent && !occurredAtBad && errors.stream().noneMatch(e -> e.startsWith("occurredAt:"))) {
        errors.add("occurredAt: required");
      }
      if (agencyId == null) {
        errors.add("agencyId: required");
      } else if (!isAgencyId(agencyId)) {
        errors.add("agencyId: must match [A-Za-z0-9-]{1,32} (" + clip(agencyId) + ")");
      }
      IpType ip = ipType;
      Route r = route;
      ApplicantKind ak = applicantKind;
      checkLength(applicationNo, "applicationNo");
      checkLength(attorneyId, "attorneyId");
      checkLength(applicantId, "applicant.id");
      checkLength(batchId, "detail.batchId");
      checkLength(name, "detail.name");
      if (district != null && !Districts.isValid(district)) {
        errors.add("district: not one of Chongqing's 38 district codes (" + clip(district) + ")");
      }
      if (attorneys != null && attorneys < 0) {
        errors.add("detail.attorneys: must not be negative");
      }
      PenaltyMeasure measureValue = measure;
      AgencyKind kindValue = kind;
      AgencyStatus statusValue = status;
      AgencyEvent.Registry registry = null;
      int abnormal = 0;
      if (t != null) {
        if (t.needsApplicationNo() && (applicationNo == null || applicationNo.isBlank())) {
          errors.add("applicationNo: required for " + t);
        }
        if (t.needsIpType() && ip == null && errors.stream().noneMatch(e -> e.startsWith("ipType:"))) {
          errors.add("ipType: required for " + t);
        }
        if (t == EventType.MALICIOUS_TRADEMARK_REFUSED) {
          if (ip != null && ip != IpType.TRADEMARK) {
            errors.add("ipType: must be TRADEMARK for " + t);
          }
          ip = IpType.TRADEMARK;
        }
        switch (t) {
          case ABNORMAL_NOTIFIED -> {
            if (category == null) {
              errors.add("detail.category: required for ABNORMAL_NOTIFIED");
            } else if (!categories.contains(category)) {
              errors.add("detail.category: not a configured abnormal category (" + category + ")");
            } else {
              abnormal = category;
            }
          }
          case PENALTY_IMPOSED -> {
            if (measure == null && errors.stream().noneMatch(e -> e.startsWith("detail.measure:"))) {
              errors.add("detail.measure: required for PENALTY_IMPOSED");
            }
            if (amountYuan != null && (amountYuan < 0 || amountYuan.isNaN())) {
              errors.add("detail.amountYuan: must not be negative");
            }
          }
          case AGENCY_REGISTERED -> {
            if (district == null) {
              errors.add("district: required for AGENCY_REGISTERED");
            }
            if (name == null || name.isBlank()) {
              errors.add("detail.name: required for AGENCY_REGISTERED");
            }
            if (kind == null && errors.stream().noneMatch(e -> e.startsWith("detail.kind:"))) {
              errors.add("detail.kind: required for AGENCY_REGISTERED");
            }
            registry = new AgencyEvent.Registry(name, kindValue, attorneys,
                statusValue == null ? AgencyStatus.ACTIVE : statusValue, zones == null ? List.of() : zones);
          }
          case AGENCY_STATUS_CHANGED -> {
            if (status == null && attorneys == null && errors.stream().noneMatch(e -> e.startsWith("detail."))) {
              errors.add("detail: AGENCY_STATUS_CHANGED needs a status or attorneys");
            }
            registry = new AgencyEvent.Registry(null, null, attorneys, statusValue, null);
          }
          default -> {
          }
        }
      }
      if (!errors.isEmpty()) {
        return Decoded.refused(errors);
      }
      return Decoded.ok(new AgencyEvent(eventId, t, occurred, agencyId, applicationNo, ip,
          r == null ? Route.DOMESTIC : r, attorneyId, applicantId, ak, district, abnormal, batchId,
          measureValue, registry));
    }

    private void checkLength(String value, String field) {
      if (value != null && value.length() > MAX_TEXT) {
        errors.add(field + ": longer than " + MAX_TEXT + " characters");
      }
    }
  }
}
