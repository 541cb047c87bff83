package cn.cq.ipmonitor.sim;

import cn.cq.ipmonitor.event.Districts;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** An independent reading of CONTRACT.md section 1: what a consumer would reject. */
final class ContractChecks {

  static final Set<String> TYPES = Set.of("FILING_SUBMITTED", "FILING_GRANTED", "FILING_REJECTED",
      "FILING_WITHDRAWN", "ABNORMAL_NOTIFIED", "MALICIOUS_TRADEMARK_REFUSED", "COMPLAINT_RECEIVED",
      "PENALTY_IMPOSED", "AGENCY_REGISTERED", "AGENCY_STATUS_CHANGED");
  private static final Set<String> FIELDS = Set.of("eventId", "type", "occurredAt", "agencyId", "applicationNo",
      "ipType", "route", "attorneyId", "applicant", "district", "detail");
  private static final Set<String> IP_TYPES = Set.of("INVENTION", "UTILITY_MODEL", "DESIGN", "TRADEMARK");
  private static final Set<String> ROUTES = Set.of("DOMESTIC", "PCT", "MADRID", "HAGUE", "PARIS");
  private static final Set<String> APPLICANT_KINDS = Set.of("ENTERPRISE", "UNIVERSITY", "INSTITUTE", "INDIVIDUAL",
      "OTHER");
  private static final Set<String> MEASURES = Set.of("INTERVIEW", "WARNING", "CORRECTION_ORDER", "FINE",
      "STOP_NEW_BUSINESS", "REVOCATION");
  private static final Set<String> STATUSES = Set.of("ACTIVE", "ABNORMAL_OPERATION", "STOP_NEW_BUSINESS",
      "SUSPENDED", "REVOKED");
  private static final Set<String> KINDS = Set.of("PATENT", "TRADEMARK", "BOTH");
  static final Pattern AGENCY_ID = Pattern.compile("[A-Za-z0-9-]{1,32}");
  private static final Pattern TRADEMARK_NO = Pattern.compile("\\d{8}");
  private static final Pattern ATTORNEY_ID = Pattern.compile("\\d{11}");
  private static final Pattern BATCH_ID = Pattern.compile("\\d{4}-B\\d{3}");
  private static final int MAX_EVENT_ID = 128;

  private ContractChecks() {
  }

  /** Every way {@code e} breaks the contract; empty when it is valid. */
  static List<String> problems(JsonNode e, long nowMillis) {
    List<String> p = new ArrayList<>();
    for (Iterator<String> it = e.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!FIELDS.contains(f)) {
        p.add("unknown field " + f);
      }
    }
    String id = text(e, "eventId");
    if (id == null || id.isEmpty() || id.length() > MAX_EVENT_ID) {
      p.add("eventId");
    }
    String type = text(e, "type");
    if (type == null || !TYPES.contains(type)) {
      p.add("type " + type);
      return p;
    }
    occurredAt(text(e, "occurredAt"), nowMillis, p);
    String agency = text(e, "agencyId");
    if (agency == null || !AGENCY_ID.matcher(agency).matches()) {
      p.add("agencyId " + agency);
    }
    boolean aboutApplication = type.startsWith("FILING_") || type.equals("ABNORMAL_NOTIFIED")
        || type.equals("MALICIOUS_TRADEMARK_REFUSED");
    String ipType = text(e, "ipType");
    if ((type.startsWith("FILING_") || type.equals("ABNORMAL_NOTIFIED")) && ipType == null) {
      p.add("ipType missing on " + type);
    }
    if (ipType != null && !IP_TYPES.contains(ipType)) {
      p.add("ipType " + ipType);
    }
    if (type.equals("MALICIOUS_TRADEMARK_REFUSED") && ipType != null && !ipType.equals("TRADEMARK")) {
      p.add("malicious refusal of a " + ipType);
    }
    if (aboutApplication) {
      applicationNo(text(e, "applicationNo"), ipType, p);
    }
    optionalFields(e, agency, p);
    detail(type, e, p);
    return p;
  }

  private static void occurredAt(String at, long nowMillis, List<String> p) {
    try {
      OffsetDateTime t = OffsetDateTime.parse(at);
      if (!t.getOffset().equals(ZoneOffset.ofHours(8))) {
        p.add("offset " + at);
      }
      if (t.toInstant().toEpochMilli() > nowMillis) {
        p.add("future " + at);
      }
    } catch (DateTimeParseException | NullPointerException ex) {
      p.add("occurredAt " + at);
    }
  }

  private static void applicationNo(String no, String ipType, List<String> p) {
    if (no == null) {
      p.add("applicationNo missing");
    } else if ("TRADEMARK".equals(ipType)) {
      if (!TRADEMARK_NO.matcher(no).matches()) {
        p.add("trademark number " + no);
      }
    } else if (!Identifiers.isValidPatentApplicationNo(no)) {
      p.add("patent number " + no);
    } else {
      char digit = no.charAt(4);
      boolean matches = switch (String.valueOf(ipType)) {
        case "INVENTION" -> digit == '1';
        case "UTILITY_MODEL" -> digit == '2';
        case "DESIGN" -> digit == '3';
        default -> false;
      };
      if (!matches) {
        p.add("type digit of " + no + " vs " + ipType);
      }
    }
  }

  private static void optionalFields(JsonNode e, String agency, List<String> p) {
    String route = text(e, "route");
    if (route != null && !ROUTES.contains(route)) {
      p.add("route " + route);
    }
    String attorney = text(e, "attorneyId");
    if (attorney != null && (!ATTORNEY_ID.matcher(attorney).matches() || !attorney.startsWith(agency))) {
      p.add("attorneyId " + attorney);
    }
    JsonNode applicant = e.get("applicant");
    if (applicant != null && (text(applicant, "id") == null || text(applicant, "id").isEmpty()
        || !APPLICANT_KINDS.contains(text(applicant, "kind")))) {
      p.add("applicant " + applicant);
    }
  }

  private static void detail(String type, JsonNode e, List<String> p) {
    JsonNode d = e.get("detail");
    switch (type) {
      case "ABNORMAL_NOTIFIED" -> {
        if (d == null || !d.path("category").isInt() || d.get("category").asInt() < 1 || d.get("category").asInt() > 10
            || !BATCH_ID.matcher(d.path("batchId").asText()).matches()) {
          p.add("abnormal detail " + d);
        }
      }
      case "COMPLAINT_RECEIVED" -> {
        if (d == null || !d.path("channel").isTextual() || !d.path("summary").isTextual()) {
          p.add("complaint detail " + d);
        }
      }
      case "PENALTY_IMPOSED" -> {
        if (d == null || !MEASURES.contains(d.path("measure").asText()) || d.path("amountYuan").asLong(-1) < 0) {
          p.add("penalty detail " + d);
        }
      }
      case "AGENCY_REGISTERED" -> {
        if (!Districts.isValid(text(e, "district"))) {
          p.add("district " + text(e, "district"));
        }
        if (d == null || !d.path("name").isTextual() || !KINDS.contains(d.path("kind").asText())
            || d.path("attorneys").asInt(0) < 1 || !"ACTIVE".equals(d.path("status").asText())
            || !d.path("zones").isArray()) {
          p.add("registration detail " + d);
        }
      }
      case "AGENCY_STATUS_CHANGED" -> {
        if (d == null || (!STATUSES.contains(d.path("status").asText()) && !d.has("attorneys"))) {
          p.add("status detail " + d);
        }
      }
      default -> { }
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
