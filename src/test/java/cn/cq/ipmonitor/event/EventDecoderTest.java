package cn.cq.ipmonitor.event;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("EventDecoder")
class EventDecoderTest {

  static final Instant NOW = Instant.parse("2026-11-21T01:30:00Z");
  static final long SKEW_MS = Duration.ofMinutes(5).toMillis();
  static final Set<Integer> CATEGORIES = IntStream.rangeClosed(1, 10).boxed().collect(Collectors.toSet());
  static final ObjectMapper JSON = new ObjectMapper();
  static final DateTimeFormatter SHANGHAI_TEXT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxxx");

  final EventDecoder decoder = new EventDecoder(NOW::toEpochMilli, SKEW_MS, CATEGORIES);

  // ---------------------------------------------------------------- helpers

  /** A valid event of the type, occurring one hour before NOW, in Shanghai local time. */
  static ObjectNode valid(EventType type) {
    ObjectNode n = JSON.createObjectNode();
    n.put("eventId", "evt-" + type.name().toLowerCase());
    n.put("type", type.name());
    n.put("occurredAt", at(NOW.minus(Duration.ofHours(1))));
    n.put("agencyId", "50212");
    switch (type) {
      case FILING_SUBMITTED, FILING_GRANTED, FILING_REJECTED, FILING_WITHDRAWN -> {
        n.put("applicationNo", "CN202611210001");
        n.put("ipType", "INVENTION");
        n.put("attorneyId", "11001234567");
        n.putObject("applicant").put("id", "91500000MA5U000001").put("kind", "ENTERPRISE");
      }
      case ABNORMAL_NOTIFIED -> {
        n.put("applicationNo", "CN202611210002");
        n.put("ipType", "UTILITY_MODEL");
        n.putObject("detail").put("category", 3).put("batchId", "2026-B17");
      }
      case MALICIOUS_TRADEMARK_REFUSED -> n.put("applicationNo", "TM70000001");
      case COMPLAINT_RECEIVED -> n.putObject("detail").put("channel", "12345 hotline").put("summary", "fees");
      case PENALTY_IMPOSED -> n.putObject("detail").put("measure", "FINE").put("amountYuan", 50000);
      case AGENCY_REGISTERED -> {
        n.put("district", "500112");
        ObjectNode d = n.putObject("detail");
        d.put("name", "重庆某某专利代理事务所").put("kind", "PATENT").put("attorneys", 12).put("status", "ACTIVE");
        d.putArray("zones").add("LIANGJIANG").add("WESTERN_SCIENCE_CITY");
      }
      case AGENCY_STATUS_CHANGED -> n.putObject("detail").put("status", "REVOKED");
      default -> throw new IllegalArgumentException(type.name());
    }
    return n;
  }

  static String at(Instant i) {
    return SHANGHAI_TEXT.format(i.atOffset(ZoneOffset.ofHours(8)));
  }

  Decoded decode(JsonNode n) {
    return decoder.decode(n.toString().getBytes(StandardCharsets.UTF_8));
  }

  Decoded decode(String s) {
    return decoder.decode(s.getBytes(StandardCharsets.UTF_8));
  }

  static AgencyEvent assertAccepted(Decoded d) {
    assertTrue(d.isValid(), () -> "expected acceptance, got " + d.errors());
    assertNotNull(d.event());
    assertTrue(d.errors().isEmpty());
    assertEquals("", d.reason());
    return d.event();
  }

  /** Refused, and every fragment appears in at least one reason. */
  static void assertRefused(Decoded d, String... fragments) {
    assertFalse(d.isValid(), () -> "expected refusal, got " + d.event());
    assertNull(d.event());
    assertFalse(d.errors().isEmpty(), "a refusal must give a reason");
    for (String f : fragments) {
      assertTrue(d.errors().stream().anyMatch(e -> e.contains(f)),
          () -> "no reason mentions '" + f + "': " + d.errors());
    }
  }

  // ---------------------------------------------------------------- valid events

  @Nested
  @DisplayName("accepts")
  class Accepts {

    @ParameterizedTest(name = "{0}")
    @EnumSource(EventType.class)
    @DisplayName("a valid event of every type, with its id, type, time and agency")
    void everyType(EventType type) {
      AgencyEvent e = assertAccepted(decode(valid(type)));
      assertEquals("evt-" + type.name().toLowerCase(), e.eventId());
      assertEquals(type, e.type());
      assertEquals(NOW.minus(Duration.ofHours(1)).toEpochMilli(), e.occurredAtMillis());
      assertEquals("50212", e.agencyId());
      assertEquals(Route.DOMESTIC, e.route(), "route defaults to DOMESTIC");
    }

    @Test
    @DisplayName("a filing with all its optional fields")
    void filingFields() {
      ObjectNode n = valid(EventType.FILING_SUBMITTED).put("route", "PCT");
      AgencyEvent e = assertAccepted(decode(n));
      assertEquals("CN202611210001", e.applicationNo());
      assertEquals(IpType.INVENTION, e.ipType());
      assertEquals(Route.PCT, e.route());
      assertEquals("11001234567", e.attorneyId());
      assertEquals("91500000MA5U000001", e.applicantId());
      assertEquals(ApplicantKind.ENTERPRISE, e.applicantKind());
      assertNull(e.district());
      assertEquals(0, e.abnormalCategory());
      assertNull(e.penalty());
      assertNull(e.registry());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Route.class)
    @DisplayName("every route")
    void everyRoute(Route r) {
      assertEquals(r, assertAccepted(decode(valid(EventType.FILING_SUBMITTED).put("route", r.name()))).route());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(IpType.class)
    @DisplayName("every ipType on a filing")
    void everyIpType(IpType t) {
      assertEquals(t, assertAccepted(decode(valid(EventType.FILING_GRANTED).put("ipType", t.name()))).ipType());
    }

    @Test
    @DisplayName("a route of null as the default DOMESTIC")
    void nullRoute() {
      assertEquals(Route.DOMESTIC, assertAccepted(decode(valid(EventType.FILING_SUBMITTED).putNull("route"))).route());
    }

    @Test
    @DisplayName("ABNORMAL_NOTIFIED with its category and batch")
    void abnormal() {
      AgencyEvent e = assertAccepted(decode(valid(EventType.ABNORMAL_NOTIFIED)));
      assertEquals(3, e.abnormalCategory());
      assertEquals("2026-B17", e.batchId());
      assertEquals(IpType.UTILITY_MODEL, e.ipType());
    }

    @ParameterizedTest(name = "category {0}")
    @ValueSource(ints = {1, 10})
    @DisplayName("the extreme abnormal categories 1 and 10")
    void abnormalExtremes(int c) {
      ObjectNode n = valid(EventType.ABNORMAL_NOTIFIED);
      ((ObjectNode) n.get("detail")).put("category", c);
      assertEquals(c, assertAccepted(decode(n)).abnormalCategory());
    }

    @Test
    @DisplayName("MALICIOUS_TRADEMARK_REFUSED without ipType as a TRADEMARK")
    void maliciousIsTrademark() {
      AgencyEvent e = assertAccepted(decode(valid(EventType.MALICIOUS_TRADEMARK_REFUSED)));
      assertEquals(IpType.TRADEMARK, e.ipType());
      assertEquals("TM70000001", e.applicationNo());
    }

    @Test
    @DisplayName("MALICIOUS_TRADEMARK_REFUSED that says TRADEMARK explicitly")
    void maliciousExplicitTrademark() {
      ObjectNode n = valid(EventType.MALICIOUS_TRADEMARK_REFUSED).put("ipType", "TRADEMARK");
      assertEquals(IpType.TRADEMARK, assertAccepted(decode(n)).ipType());
    }

    @Test
    @DisplayName("PENALTY_IMPOSED with its measure; amountYuan is optional and may be zero")
    void penalty() {
      assertEquals(PenaltyMeasure.FINE, assertAccepted(decode(valid(EventType.PENALTY_IMPOSED))).penalty());
      ObjectNode noAmount = valid(EventType.PENALTY_IMPOSED);
      ((ObjectNode) noAmount.get("detail")).remove("amountYuan");
      ((ObjectNode) noAmount.get("detail")).put("measure", "REVOCATION");
      assertEquals(PenaltyMeasure.REVOCATION, assertAccepted(decode(noAmount)).penalty());
      ObjectNode zero = valid(EventType.PENALTY_IMPOSED);
      ((ObjectNode) zero.get("detail")).put("amountYuan", 0.0);
      assertAccepted(decode(zero));
    }

    @Test
    @DisplayName("AGENCY_REGISTERED with its registry facts and district")
    void registered() {
      AgencyEvent e = assertAccepted(decode(valid(EventType.AGENCY_REGISTERED)));
      assertEquals("500112", e.district());
      AgencyEvent.Registry r = e.registry();
      assertNotNull(r);
      assertEquals("重庆某某专利代理事务所", r.name());
      assertEquals(AgencyKind.PATENT, r.kind());
      assertEquals(12, r.attorneys());
      assertEquals(AgencyStatus.ACTIVE, r.status());
      assertEquals(List.of("LIANGJIANG", "WESTERN_SCIENCE_CITY"), r.zones());
    }

    @Test
    @DisplayName("AGENCY_REGISTERED without status or zones as ACTIVE with no zones")
    void registeredDefaults() {
      ObjectNode n = valid(EventType.AGENCY_REGISTERED);
      ((ObjectNode) n.get("detail")).remove(List.of("status", "zones", "attorneys"));
      AgencyEvent.Registry r = assertAccepted(decode(n)).registry();
      assertEquals(AgencyStatus.ACTIVE, r.status());
      assertEquals(List.of(), r.zones());
      assertNull(r.attorneys());
    }

    @Test
    @DisplayName("AGENCY_STATUS_CHANGED with only a status, or only attorneys")
    void statusChanged() {
      AgencyEvent.Registry r = assertAccepted(decode(valid(EventType.AGENCY_STATUS_CHANGED))).registry();
      assertEquals(AgencyStatus.REVOKED, r.status());
      assertNull(r.attorneys());
      assertNull(r.name());

      ObjectNode onlyAttorneys = valid(EventType.AGENCY_STATUS_CHANGED);
      onlyAttorneys.putObject("detail").put("attorneys", 0);
      AgencyEvent.Registry r2 = assertAccepted(decode(onlyAttorneys)).registry();
      assertEquals(0, r2.attorneys());
      assertNull(r2.status());
    }

    @Test
    @DisplayName("every district of Chongqing on AGENCY_REGISTERED")
    void everyDistrict() {
      for (Districts.District d : Districts.all()) {
        assertEquals(d.code(), assertAccepted(decode(valid(EventType.AGENCY_REGISTERED).put("district", d.code())))
            .district());
      }
    }

    @Test
    @DisplayName("unknown extra fields anywhere, however nested")
    void unknownFieldsIgnored() {
      ObjectNode n = valid(EventType.ABNORMAL_NOTIFIED);
      n.putObject("extra").putArray("nested").add(1).add(JSON.createObjectNode().putNull("x")).addArray().add("y");
      n.put("schemaVersion", 2);
      ((ObjectNode) n.get("detail")).putObject("source").put("system", "CNIPA");
      n.putObject("applicant").put("id", "A1").put("kind", "UNIVERSITY").putArray("tags").add("x");
      AgencyEvent e = assertAccepted(decode(n));
      assertEquals(3, e.abnormalCategory());
      assertEquals(ApplicantKind.UNIVERSITY, e.applicantKind());
    }

    @Test
    @DisplayName("an eventId of exactly 128 characters, and of one")
    void eventIdLimits() {
      assertEquals(128, assertAccepted(decode(valid(EventType.COMPLAINT_RECEIVED).put("eventId", "x".repeat(128))))
          .eventId().length());
      assertEquals("x", assertAccepted(decode(valid(EventType.COMPLAINT_RECEIVED).put("eventId", "x"))).eventId());
    }

    @Test
    @DisplayName("an agencyId of 32 characters, a credit code and letters, digits and dashes")
    void agencyIdForms() {
      for (String id : List.of("a".repeat(32), "91500000MA5U7XYZ1K", "50-212", "Z")) {
        assertEquals(id, assertAccepted(decode(valid(EventType.COMPLAINT_RECEIVED).put("agencyId", id))).agencyId());
      }
    }

    @Test
    @DisplayName("an occurredAt 4 minutes and exactly 5 minutes in the future")
    void nearFuture() {
      Instant in4 = NOW.plus(Duration.ofMinutes(4));
      assertEquals(in4.toEpochMilli(), assertAccepted(decode(valid(EventType.COMPLAINT_RECEIVED)
          .put("occurredAt", at(in4)))).occurredAtMillis());
      assertAccepted(decode(valid(EventType.COMPLAINT_RECEIVED).put("occurredAt", at(NOW.plusMillis(SKEW_MS)))));
    }

    @Test
    @DisplayName("a year-old backfilled event in UTC")
    void backfill() {
      Instant old = NOW.minus(Duration.ofDays(366));
      assertEquals(old.toEpochMilli(), assertAccepted(decode(valid(EventType.FILING_SUBMITTED)
          .put("occurredAt", old.toString()))).occurredAtMillis());
    }

    @Test
    @DisplayName("the same bytes twice into equal events")
    void deterministic() {
      byte[] b = valid(EventType.AGENCY_REGISTERED).toString().getBytes(StandardCharsets.UTF_8);
      assertEquals(decoder.decode(b), decoder.decode(b));
    }

    @Test
    @DisplayName("surrounding whitespace")
    void whitespace() {
      assertAccepted(decode("\n  " + valid(EventType.FILING_SUBMITTED) + "  \r\n"));
    }
  }

  // ---------------------------------------------------------------- bad input

  @Nested
  @DisplayName("refuses")
  class Refuses {

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"not json", "{", "{\"eventId\": }", "{'eventId':'x'}", "nul", "{\"a\":1,}"})
    @DisplayName("text that is not JSON")
    void notJson(String s) {
      assertRefused(decode(s));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"[]", "[{\"eventId\":\"x\"}]", "42", "\"event\"", "true", "null"})
    @DisplayName("JSON that is not an object")
    void notObject(String s) {
      assertRefused(decode(s), "not a JSON object");
    }

    @Test
    @DisplayName("empty bytes and null")
    void empty() {
      assertRefused(decoder.decode(new byte[0]), "empty");
      assertRefused(decoder.decode(null), "empty");
      assertRefused(decode("   "));
    }

    @Test
    @DisplayName("trailing content after the object")
    void trailing() {
      String ok = valid(EventType.FILING_SUBMITTED).toString();
      assertRefused(decode(ok + " {}"), "trailing");
      assertRefused(decode(ok + "garbage"));
      assertRefused(decode(ok + ok));
      assertRefused(decode(ok + "]"));
    }

    @Test
    @DisplayName("a missing or empty eventId")
    void missingEventId() {
      ObjectNode n = valid(EventType.FILING_SUBMITTED);
      n.remove("eventId");
      assertRefused(decode(n), "eventId");
      assertRefused(decode(valid(EventType.FILING_SUBMITTED).put("eventId", "")), "eventId");
      assertRefused(decode(valid(EventType.FILING_SUBMITTED).putNull("eventId")), "eventId");
    }

    @Test
    @DisplayName("an eventId of 129 characters")
    void longEventId() {
      assertRefused(decode(valid(EventType.FILING_SUBMITTED).put("eventId", "x".repeat(129))), "eventId");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"FILING_SUBMITED", "filing_submitted", "", "FILING", "Filing_Submitted", " FILING_SUBMITTED"})
    @DisplayName("an unknown type")
    void unknownType(String t) {
      assertRefused(decode(valid(EventType.FILING_SUBMITTED).put("type", t)), "type");
    }

    @Test
    @DisplayName("a missing type")
    void missingType() {
      ObjectNode n = valid(EventType.FILING_SUBMITTED);
      n.remove("type");
      assertRefused(decode(n), "type: required");
    }

    @Test
    @DisplayName("a missing occurredAt")
    void missingOccurredAt() {
      ObjectNode n = valid(EventType.FILING_SUBMITTED);
      n.remove("occurredAt");
      assertRefused(decode(n), "occurredAt: required");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"yesterday", "", "2026-11-21", "2026-11-21T09:30:00", "2026-11-21T09:30:00.123",
        "2026-11-21 09:30:00+08:00", "2026-11-21T09:30:00+0800", "2026-02-30T09:30:00+08:00",
        "1763688600000", "2026-11-21T25:30:00+08:00", "2026-11-21T09:30:00+08:00Z"})
    @DisplayName("a garbled occurredAt or one without offset")
    void garbledOccurredAt(String s) {
      assertRefused(decode(valid(EventType.FILING_SUBMITTED).put("occurredAt", s)), "occurredAt");
    }

    @Test
    @DisplayName("an occurredAt as a number")
    void numericOccurredAt() {
      assertRefused(decode(valid(EventType.FILING_SUBMITTED).put("occurredAt", NOW.toEpochMilli())),
          "occurredAt: must be a string");
    }

    @Test
    @DisplayName("an occurredAt more than 5 minutes in the future")
    void future() {
      assertRefused(decode(valid(EventType.FILING_SUBMITTED)
          .put("occurredAt", at(NOW.plusMillis(SKEW_MS + 1)))), "occurredAt", "future");
      assertRefused(decode(valid(EventType.FILING_SUBMITTED)
          .put("occurredAt", at(NOW.plus(Duration.ofMinutes(6))))), "future");
      assertRefused(decode(valid(EventType.FILING_SUBMITTED)
          .put("occurredAt", at(NOW.plus(Duration.ofDays(365))))), "future");
    }

    @Test
    @DisplayName("the future measured by the clock it was given, at each call")
    void clockIsReadPerCall() {
      long[] now = {NOW.toEpochMilli()};
      EventDecoder d = new EventDecoder(() -> now[0], SKEW_MS, CATEGORIES);
      byte[] b = valid(EventType.FILING_SUBMITTED).put("occurredAt", at(NOW.plus(Duration.ofMinutes(10))))
          .toString().getBytes(StandardCharsets.UTF_8);
      assertRefused(d.decode(b), "future");
      now[0] += Duration.ofMinutes(5).toMillis();
      assertAccepted(d.decode(b));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"123456789012345678901234567890123", "502 12", "代理机构", "50212 ", "50_212", "", "50212\n",
        "50.212", "ｏｎｅ"})
    @DisplayName("a malformed agencyId (33 chars, spaces, unicode, punctuation, empty)")
    void badAgencyId(String id) {
      assertRefused(decode(valid(EventType.FILING_SUBMITTED).put("agencyId", id)), "agencyId");
    }

    @Test
    @DisplayName("a missing agencyId")
    void missingAgencyId() {
      ObjectNode n = valid(EventType.FILING_SUBMITTED);
      n.remove("agencyId");
      assertRefused(decode(n), "agencyId: required");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = EventType.class, names = {"FILING_SUBMITTED", "FILING_GRANTED", "FILING_REJECTED",
        "FILING_WITHDRAWN", "ABNORMAL_NOTIFIED", "MALICIOUS_TRADEMARK_REFUSED"})
    @DisplayName("an application event without applicationNo, or with a blank one")
    void missingApplicationNo(EventType t) {
      ObjectNode n = valid(t);
      n.remove("applicationNo");
      assertRefused(decode(n), "applicationNo");
      assertRefused(decode(valid(t).put("applicationNo", "  ")), "applicationNo");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = EventType.class, names = {"FILING_SUBMITTED", "FILING_GRANTED", "FILING_REJECTED",
        "FILING_WITHDRAWN", "ABNORMAL_NOTIFIED"})
    @DisplayName("a filing or abnormal notice without ipType")
    void missingIpType(EventType t) {
      ObjectNode n = valid(t);
      n.remove("ipType");
      assertRefused(decode(n), "ipType");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"PATENT", "invention", "", "UTILITY-MODEL"})
    @DisplayName("an unknown ipType")
    void badIpType(String s) {
      assertRefused(decode(valid(EventType.FILING_SUBMITTED).put("ipType", s)), "ipType");
    }

    @Test
    @DisplayName("MALICIOUS_TRADEMARK_REFUSED for a patent")
    void maliciousPatent() {
      assertRefused(decode(valid(EventType.MALICIOUS_TRADEMARK_REFUSED).put("ipType", "INVENTION")),
          "ipType: must be TRADEMARK");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"EPO", "pct", "", "INTERNATIONAL"})
    @DisplayName("an unknown route")
    void badRoute(String s) {
      assertRefused(decode(valid(EventType.FILING_SUBMITTED).put("route", s)), "route");
    }

    @Test
    @DisplayName("an unknown applicant kind, or an applicant that is not an object")
    void badApplicant() {
      ObjectNode n = valid(EventType.FILING_SUBMITTED);
      ((ObjectNode) n.get("applicant")).put("kind", "COMPANY");
      assertRefused(decode(n), "applicant.kind");
      assertRefused(decode(valid(EventType.FILING_SUBMITTED).put("applicant", "ENTERPRISE")), "applicant");
    }

    @Test
    @DisplayName("ABNORMAL_NOTIFIED without detail or without category")
    void abnormalWithoutCategory() {
      ObjectNode noDetail = valid(EventType.ABNORMAL_NOTIFIED);
      noDetail.remove("detail");
      assertRefused(decode(noDetail), "detail.category");
      ObjectNode noCategory = valid(EventType.ABNORMAL_NOTIFIED);
      ((ObjectNode) noCategory.get("detail")).remove("category");
      assertRefused(decode(noCategory), "detail.category");
    }

    @ParameterizedTest(name = "category {0}")
    @ValueSource(ints = {0, 11, -1, 100})
    @DisplayName("ABNORMAL_NOTIFIED with a category outside 1..10")
    void abnormalCategoryOutOfRange(int c) {
      ObjectNode n = valid(EventType.ABNORMAL_NOTIFIED);
      ((ObjectNode) n.get("detail")).put("category", c);
      assertRefused(decode(n), "detail.category");
    }

    @Test
    @DisplayName("ABNORMAL_NOTIFIED with category \"3\" as a string, 3.0, or a huge number")
    void abnormalCategoryWrongType() {
      for (JsonNode bad : List.of(JSON.getNodeFactory().textNode("3"), JSON.getNodeFactory().numberNode(3.0),
          JSON.getNodeFactory().numberNode(3_000_000_000L), JSON.getNodeFactory().booleanNode(true))) {
        ObjectNode n = valid(EventType.ABNORMAL_NOTIFIED);
        ((ObjectNode) n.get("detail")).set("category", bad);
        assertRefused(decode(n), "detail.category");
      }
    }

    @Test
    @DisplayName("a category the configuration does not list")
    void unconfiguredCategory() {
      EventDecoder strict = new EventDecoder(NOW::toEpochMilli, SKEW_MS, Set.of(1, 2));
      assertRefused(strict.decode(valid(EventType.ABNORMAL_NOTIFIED).toString().getBytes(StandardCharsets.UTF_8)),
          "detail.category");
    }

    @Test
    @DisplayName("PENALTY_IMPOSED without detail, without measure, or with an unknown one")
    void penaltyWithoutMeasure() {
      ObjectNode noDetail = valid(EventType.PENALTY_IMPOSED);
      noDetail.remove("detail");
      assertRefused(decode(noDetail), "detail.measure");
      ObjectNode noMeasure = valid(EventType.PENALTY_IMPOSED);
      ((ObjectNode) noMeasure.get("detail")).remove("measure");
      assertRefused(decode(noMeasure), "detail.measure");
      ObjectNode unknown = valid(EventType.PENALTY_IMPOSED);
      ((ObjectNode) unknown.get("detail")).put("measure", "JAIL");
      assertRefused(decode(unknown), "detail.measure");
    }

    @Test
    @DisplayName("PENALTY_IMPOSED with a negative amount, or an amount that is not a number")
    void penaltyNegativeAmount() {
      ObjectNode negative = valid(EventType.PENALTY_IMPOSED);
      ((ObjectNode) negative.get("detail")).put("amountYuan", -1);
      assertRefused(decode(negative), "detail.amountYuan");
      ObjectNode negativeFraction = valid(EventType.PENALTY_IMPOSED);
      ((ObjectNode) negativeFraction.get("detail")).put("amountYuan", -0.01);
      assertRefused(decode(negativeFraction), "detail.amountYuan");
      ObjectNode text = valid(EventType.PENALTY_IMPOSED);
      ((ObjectNode) text.get("detail")).put("amountYuan", "50000");
      assertRefused(decode(text), "detail.amountYuan");
    }

    @Test
    @DisplayName("AGENCY_REGISTERED without a district")
    void registeredWithoutDistrict() {
      ObjectNode n = valid(EventType.AGENCY_REGISTERED);
      n.remove("district");
      assertRefused(decode(n), "district");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"110101", "500000", "500100", "510104", "50011", "5001120", "", "渝北区"})
    @DisplayName("a district that is not one of Chongqing's 38")
    void foreignDistrict(String code) {
      assertRefused(decode(valid(EventType.AGENCY_REGISTERED).put("district", code)), "district");
      assertRefused(decode(valid(EventType.FILING_SUBMITTED).put("district", code)), "district");
    }

    @Test
    @DisplayName("AGENCY_REGISTERED without name (or a blank one) or without kind")
    void registeredWithoutNameOrKind() {
      ObjectNode noName = valid(EventType.AGENCY_REGISTERED);
      ((ObjectNode) noName.get("detail")).remove("name");
      assertRefused(decode(noName), "detail.name");
      ObjectNode blank = valid(EventType.AGENCY_REGISTERED);
      ((ObjectNode) blank.get("detail")).put("name", " ");
      assertRefused(decode(blank), "detail.name");
      ObjectNode noKind = valid(EventType.AGENCY_REGISTERED);
      ((ObjectNode) noKind.get("detail")).remove("kind");
      assertRefused(decode(noKind), "detail.kind");
      ObjectNode badKind = valid(EventType.AGENCY_REGISTERED);
      ((ObjectNode) badKind.get("detail")).put("kind", "COPYRIGHT");
      assertRefused(decode(badKind), "detail.kind");
      ObjectNode noDetail = valid(EventType.AGENCY_REGISTERED);
      noDetail.remove("detail");
      assertRefused(decode(noDetail), "detail.name", "detail.kind");
    }

    @Test
    @DisplayName("AGENCY_STATUS_CHANGED with neither status nor attorneys")
    void statusChangedEmpty() {
      ObjectNode empty = valid(EventType.AGENCY_STATUS_CHANGED);
      empty.putObject("detail");
      assertRefused(decode(empty), "detail");
      ObjectNode none = valid(EventType.AGENCY_STATUS_CHANGED);
      none.remove("detail");
      assertRefused(decode(none), "detail");
      ObjectNode nulls = valid(EventType.AGENCY_STATUS_CHANGED);
      nulls.putObject("detail").putNull("status").putNull("attorneys");
      assertRefused(decode(nulls), "detail");
    }

    @Test
    @DisplayName("an unknown status")
    void unknownStatus() {
      ObjectNode n = valid(EventType.AGENCY_STATUS_CHANGED);
      n.putObject("detail").put("status", "CLOSED");
      assertRefused(decode(n), "detail.status");
    }

    @Test
    @DisplayName("negative attorneys, or attorneys that are not an integer")
    void negativeAttorneys() {
      ObjectNode n = valid(EventType.AGENCY_STATUS_CHANGED);
      n.putObject("detail").put("attorneys", -1);
      assertRefused(decode(n), "detail.attorneys");
      ObjectNode r = valid(EventType.AGENCY_REGISTERED);
      ((ObjectNode) r.get("detail")).put("attorneys", -3);
      assertRefused(decode(r), "detail.attorneys");
      ObjectNode f = valid(EventType.AGENCY_STATUS_CHANGED);
      f.putObject("detail").put("attorneys", 2.5);
      assertRefused(decode(f), "detail.attorneys");
      ObjectNode s = valid(EventType.AGENCY_STATUS_CHANGED);
      s.putObject("detail").put("attorneys", "12");
      assertRefused(decode(s), "detail.attorneys");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"eventId", "type", "occurredAt", "agencyId", "applicationNo", "ipType", "route",
        "attorneyId"})
    @DisplayName("a number where a string is expected")
    void numberForString(String field) {
      assertRefused(decode(valid(EventType.FILING_SUBMITTED).put(field, 42)), field + ": must be a string");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"eventId", "type", "occurredAt", "agencyId", "applicationNo", "ipType", "route",
        "attorneyId", "district"})
    @DisplayName("an object or an array where a string is expected")
    void objectForString(String field) {
      ObjectNode n = valid(EventType.FILING_SUBMITTED);
      n.putObject(field).put("value", "x").putArray("deeper").addObject().put("y", 1);
      assertRefused(decode(n), field + ": must be a string");
      ObjectNode a = valid(EventType.FILING_SUBMITTED);
      a.putArray(field).add("x").addObject();
      assertRefused(decode(a), field + ": must be a string");
    }

    @Test
    @DisplayName("a boolean where a string is expected, inside detail and applicant")
    void booleanInNested() {
      ObjectNode n = valid(EventType.AGENCY_REGISTERED);
      ((ObjectNode) n.get("detail")).put("name", true);
      assertRefused(decode(n), "detail.name: must be a string");
      ObjectNode a = valid(EventType.FILING_SUBMITTED);
      ((ObjectNode) a.get("applicant")).put("id", false);
      assertRefused(decode(a), "applicant.id: must be a string");
    }

    @Test
    @DisplayName("a detail that is not an object")
    void detailNotObject() {
      assertRefused(decode(valid(EventType.PENALTY_IMPOSED).put("detail", "FINE")), "detail: must be an object");
      ObjectNode arr = valid(EventType.PENALTY_IMPOSED);
      arr.putArray("detail").add("FINE");
      assertRefused(decode(arr), "detail: must be an object");
    }

    @Test
    @DisplayName("zones that are not an array, or hold something other than non-empty strings")
    void zonesNotArray() {
      ObjectNode s = valid(EventType.AGENCY_REGISTERED);
      ((ObjectNode) s.get("detail")).put("zones", "LIANGJIANG");
      assertRefused(decode(s), "detail.zones");
      ObjectNode o = valid(EventType.AGENCY_REGISTERED);
      ((ObjectNode) o.get("detail")).putObject("zones").put("a", 1);
      assertRefused(decode(o), "detail.zones");
      ObjectNode num = valid(EventType.AGENCY_REGISTERED);
      ((ObjectNode) num.get("detail")).putArray("zones").add(1);
      assertRefused(decode(num), "detail.zones");
      ObjectNode blank = valid(EventType.AGENCY_REGISTERED);
      ((ObjectNode) blank.get("detail")).putArray("zones").add("LIANGJIANG").add("");
      assertRefused(decode(blank), "detail.zones");
      ObjectNode nested = valid(EventType.AGENCY_REGISTERED);
      ArrayNode z = ((ObjectNode) nested.get("detail")).putArray("zones");
      z.addArray().add("A");
      z.add("B");
      assertRefused(decode(nested), "detail.zones");
    }

    @Test
    @DisplayName("free text longer than 256 characters")
    void longText() {
      assertRefused(decode(valid(EventType.FILING_SUBMITTED).put("applicationNo", "1".repeat(257))), "applicationNo");
      assertRefused(decode(valid(EventType.FILING_SUBMITTED).put("attorneyId", "1".repeat(257))), "attorneyId");
      ObjectNode name = valid(EventType.AGENCY_REGISTERED);
      ((ObjectNode) name.get("detail")).put("name", "名".repeat(257));
      assertRefused(decode(name), "detail.name");
      assertAccepted(decode(valid(EventType.FILING_SUBMITTED).put("applicationNo", "1".repeat(256))));
    }

    @Test
    @DisplayName("with every problem of a record reported together")
    void manyProblems() {
      ObjectNode n = valid(EventType.FILING_SUBMITTED);
      n.remove("eventId");
      n.put("agencyId", "bad id!");
      n.put("ipType", "PATENT");
      n.put("route", "EPO");
      n.put("occurredAt", "tomorrow");
      n.remove("applicationNo");
      Decoded d = decode(n);
      assertRefused(d, "eventId", "agencyId", "ipType", "route", "occurredAt", "applicationNo");
      assertTrue(d.errors().size() >= 6, d.errors()::toString);
      for (String e : d.errors()) {
        assertTrue(d.reason().contains(e), "reason() joins every error");
      }
    }

    @Test
    @DisplayName("an unknown type together with the other problems of the record")
    void unknownTypeWithOthers() {
      Decoded d = decode("{\"type\":\"NOPE\",\"occurredAt\":\"x\",\"agencyId\":\"\"}");
      assertRefused(d, "eventId", "type", "occurredAt", "agencyId");
      assertEquals(4, d.errors().size(), d.errors()::toString);
    }

    @Test
    @DisplayName("an empty object, naming every required field")
    void emptyObject() {
      assertRefused(decode("{}"), "eventId", "type", "occurredAt", "agencyId");
    }

    @Test
    @DisplayName("bytes that are not UTF-8")
    void notUtf8() {
      byte[] b = valid(EventType.FILING_SUBMITTED).toString().getBytes(StandardCharsets.UTF_8);
      byte[] broken = Arrays.copyOf(b, b.length);
      int quote = new String(b, StandardCharsets.ISO_8859_1).indexOf("CN2026");
      broken[quote] = (byte) 0xC3;
      broken[quote + 1] = (byte) 0x28;
      assertRefused(decoder.decode(broken));
    }
  }

  @Test
  @DisplayName("refuses an occurredAt whose fraction uses full-width digits")
  void refusesFullWidthFraction() {
    // 06:00 + 1.8 h is still in the past, so the future check cannot mask the misreading.
    assertRefused(decode(valid(EventType.FILING_SUBMITTED).put("occurredAt", "2026-11-21T06:00:00.５+08:00")),
        "occurredAt: not an RFC 3339");
  }

  // ---------------------------------------------------------------- robustness

  @Test
  @DisplayName("never throws, whatever bytes it is given (seeded mutation fuzz)")
  void fuzz() {
    Random rnd = new Random(20261121);
    List<byte[]> seeds = Arrays.stream(EventType.values())
        .map(t -> valid(t).toString().getBytes(StandardCharsets.UTF_8)).toList();
    byte[] alphabet = "{}[]\":,0123456789-+.eEtrufalsn \\u00ZT\u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1);
    int accepted = 0;
    for (int i = 0; i < 30_000; i++) {
      byte[] b = mutate(seeds.get(rnd.nextInt(seeds.size())), rnd, alphabet);
      Decoded d = assertDoesNotThrow(() -> decoder.decode(b), () -> "threw on " + new String(b,
          StandardCharsets.ISO_8859_1));
      assertNotNull(d);
      assertNotNull(d.errors());
      if (d.isValid()) {
        accepted++;
        assertTrue(d.errors().isEmpty());
        assertNotNull(d.event().eventId());
        assertNotNull(d.event().type());
        assertNotNull(d.event().route());
      } else {
        assertFalse(d.errors().isEmpty(), "a refusal always has a reason");
      }
    }
    assertTrue(accepted > 0, "some mutations (e.g. of free text) still decode");
  }

  @Test
  @DisplayName("never throws on random bytes")
  void randomBytes() {
    Random rnd = new Random(7);
    for (int i = 0; i < 5_000; i++) {
      byte[] b = new byte[rnd.nextInt(64)];
      rnd.nextBytes(b);
      Decoded d = assertDoesNotThrow(() -> decoder.decode(b));
      assertFalse(d.isValid());
      assertFalse(d.errors().isEmpty());
    }
  }

  @Test
  @DisplayName("never throws on deep nesting or huge numbers in ignored and known fields")
  void pathological() {
    String deep = "[".repeat(5000) + "]".repeat(5000);
    String ok = valid(EventType.FILING_SUBMITTED).toString();
    String withDeep = ok.substring(0, ok.length() - 1) + ",\"extra\":" + deep + "}";
    assertDoesNotThrow(() -> decode(withDeep));
    String huge = "9".repeat(5000);
    assertRefused(assertDoesNotThrow(() -> decode("{\"eventId\":" + huge + "}")));
    String hugeCategory = "{\"type\":\"ABNORMAL_NOTIFIED\",\"detail\":{\"category\":" + huge + "}}";
    assertRefused(assertDoesNotThrow(() -> decode(hugeCategory)));
  }

  private static byte[] mutate(byte[] seed, Random rnd, byte[] alphabet) {
    byte[] b = seed.clone();
    int edits = 1 + rnd.nextInt(4);
    for (int e = 0; e < edits && b.length > 0; e++) {
      int at = rnd.nextInt(b.length);
      switch (rnd.nextInt(6)) {
        case 0 -> b[at] = alphabet[rnd.nextInt(alphabet.length)];
        case 1 -> b[at] = (byte) rnd.nextInt(256);
        case 2 -> b = Arrays.copyOf(b, at); // truncate
        case 3 -> { // delete one byte
          byte[] c = new byte[b.length - 1];
          System.arraycopy(b, 0, c, 0, at);
          System.arraycopy(b, at + 1, c, at, b.length - at - 1);
          b = c;
        }
        case 4 -> { // insert one byte
          byte[] c = new byte[b.length + 1];
          System.arraycopy(b, 0, c, 0, at);
          c[at] = alphabet[rnd.nextInt(alphabet.length)];
          System.arraycopy(b, at, c, at + 1, b.length - at);
          b = c;
        }
        default -> { // duplicate a slice
          int len = Math.min(b.length - at, 1 + rnd.nextInt(12));
          byte[] c = new byte[b.length + len];
          System.arraycopy(b, 0, c, 0, at + len);
          System.arraycopy(b, at, c, at + len, b.length - at);
          b = c;
        }
      }
    }
    return b;
  }
}
