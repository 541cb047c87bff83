package cn.cq.ipmonitor.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One streaming pass over a backfill, keeping only the counts the tests assert on (not the events). */
final class BackfillStats {

  private static final long DAY = 86_400_000L;
  private static final int KEPT_PROBLEMS = 20;

  /** Per agency counts over the whole window (which is the monitor's 365d window). */
  static final class Agency {
    long patentFilings;
    long trademarkFilings;
    long abnormal;
    long malicious;
    long complaintsLast30d;
    long inventionGrants;
    long inventionRejections;
    long inventionWithdrawals;
    long filingsLast24h;
    long filingsPrevious29d;
    long revokedAt = Long.MIN_VALUE;
    long filingsAfterRevocation;
    final Set<String> notified = new HashSet<>();
    long withdrawnAfterNotice;
  }

  final long now;
  long events;
  long generationMillis;
  long problemCount;
  final List<String> problems = new ArrayList<>();
  long outOfOrder;
  long beforeRegistration;
  long duplicateIds;
  long inventionFilings;
  long inventionOutcomes;
  long inventionOutcomesFirst30d;
  long outcomesOfInWindowFilingsTooEarly;
  long preWindowOutcomesWithLaterYear;
  long windowStart = Long.MIN_VALUE;
  final Map<String, Long> byType = new HashMap<>();
  final Map<String, String> registeredDistrict = new HashMap<>();
  final Map<String, Agency> agencies = new HashMap<>();

  private final ObjectMapper mapper = new ObjectMapper();
  private final Map<String, Long> filedAt = new HashMap<>();
  private long[] idHashes = new long[1 << 16];
  private long lastAt = Long.MIN_VALUE;

  BackfillStats(long now) {
    this.now = now;
  }

  static BackfillStats of(EventGenerator generator, long now) {
    BackfillStats s = new BackfillStats(now);
    long t0 = System.nanoTime();
    Iterator<SimEvent> it = generator.backfill(now);
    while (it.hasNext()) {
      s.accept(it.next());
    }
    s.generationMillis = (System.nanoTime() - t0) / 1_000_000;
    s.finish();
    return s;
  }

  void accept(SimEvent event) {
    JsonNode e;
    try {
      e = mapper.readTree(event.json());
    } catch (Exception ex) {
      problem("not JSON: " + event.json());
      return;
    }
    for (String p : ContractChecks.problems(e, now)) {
      problem(p + " in " + event.json());
    }
    String type = e.path("type").asText();
    String agency = e.path("agencyId").asText();
    long at = OffsetDateTime.parse(e.path("occurredAt").asText()).toInstant().toEpochMilli();
    if (at != event.occurredAtMillis() || !agency.equals(event.key())) {
      problem("record key or time differs from the JSON: " + event);
    }
    if (at < lastAt) {
      outOfOrder++;
    }
    lastAt = at;
    rememberId(e.path("eventId").asText());
    events++;
    byType.merge(type, 1L, Long::sum);
    if (type.equals("AGENCY_REGISTERED")) {
      registeredDistrict.put(agency, e.path("district").asText());
      windowStart = windowStart == Long.MIN_VALUE ? at : windowStart;
      agencies.put(agency, new Agency());
      return;
    }
    Agency a = agencies.get(agency);
    if (a == null) {
      beforeRegistration++;
      return;
    }
    count(type, e, a, at);
  }

  private void count(String type, JsonNode e, Agency a, long at) {
    String ipType = e.path("ipType").asText();
    String no = e.path("applicationNo").asText();
    switch (type) {
      case "FILING_SUBMITTED" -> {
        if (ipType.equals("TRADEMARK")) {
          a.trademarkFilings++;
        } else {
          a.patentFilings++;
        }
        inventionFilings += ipType.equals("INVENTION") ? 1 : 0;
        filedAt.put(no, at);
        if (at > now - DAY) {
          a.filingsLast24h++;
        } else if (at > now - 30 * DAY) {
          a.filingsPrevious29d++;
        }
        if (a.revokedAt != Long.MIN_VALUE && at > a.revokedAt) {
          a.filingsAfterRevocation++;
        }
      }
      case "ABNORMAL_NOTIFIED" -> {
        a.abnormal++;
        a.notified.add(no);
      }
      case "MALICIOUS_TRADEMARK_REFUSED" -> a.malicious++;
      case "COMPLAINT_RECEIVED" -> a.complaintsLast30d += at > now - 30 * DAY ? 1 : 0;
      case "AGENCY_STATUS_CHANGED" -> {
        if (e.path("detail").path("status").asText().equals("REVOKED")) {
          a.revokedAt = at;
        }
      }
      case "FILING_GRANTED", "FILING_REJECTED", "FILING_WITHDRAWN" -> outcome(type, ipType, no, a, at);
      default -> { }
    }
  }

  private void outcome(String type, String ipType, String no, Agency a, long at) {
    if (type.equals("FILING_WITHDRAWN") && a.notified.contains(no)) {
      a.withdrawnAfterNotice++;
    }
    Long filed = filedAt.get(no);
    if (filed != null && at - filed < 7 * DAY) {
      outcomesOfInWindowFilingsTooEarly++;
    }
    if (filed == null) {
      int year = Integer.parseInt(ipType.equals("TRADEMARK") ? "0" : no.substring(0, 4));
      int startYear = OffsetDateTime.parse(EventWriter.occurredAt(windowStart)).getYear();
      preWindowOutcomesWithLaterYear += year > startYear ? 1 : 0;
    }
    if (!ipType.equals("INVENTION")) {
      return;
    }
    inventionOutcomes++;
    inventionOutcomesFirst30d += at < windowStart + 30 * DAY ? 1 : 0;
    switch (type) {
      case "FILING_GRANTED" -> a.inventionGrants++;
      case "FILING_REJECTED" -> a.inventionRejections++;
      default -> a.inventionWithdrawals++;
    }
  }

  private void rememberId(String id) {
    if (events == idHashes.length) {
      idHashes = Arrays.copyOf(idHashes, idHashes.length * 2);
    }
    long h = 0xcbf29ce484222325L; // FNV-1a, 64 bits: collisions among a million ids are ~1e-8
    for (int i = 0; i < id.length(); i++) {
      h = (h ^ id.charAt(i)) * 0x100000001b3L;
    }
    idHashes[(int) events] = h;
  }

  private void finish() {
    long[] sorted = Arrays.copyOf(idHashes, (int) events);
    Arrays.sort(sorted);
    for (int i = 1; i < sorted.length; i++) {
      duplicateIds += sorted[i] == sorted[i - 1] ? 1 : 0;
    }
    filedAt.clear();
  }

  private void problem(String p) {
    problemCount++;
    if (problems.size() < KEPT_PROBLEMS) {
      problems.add(p);
    }
  }
}
