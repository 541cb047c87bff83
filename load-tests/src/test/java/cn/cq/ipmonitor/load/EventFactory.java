package cn.cq.ipmonitor.load;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Valid contract events (CONTRACT.md section 1) about real agencies, as the simulator writes them:
 * filings and their outcomes with well-formed application numbers (CNIPA check character for
 * patents, the simulator's 8-digit band for trademarks), event time now in Asia/Shanghai.
 * Every eventId is unique: the run's id plus a counter.
 */
final class EventFactory {

  private static final ZoneOffset SHANGHAI = ZoneOffset.ofHours(8);
  private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");
  private static final int[] PATENT_WEIGHTS = {2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5};
  private static final int PATENT_MODULUS = 11;
  private static final int PATENT_SERIAL_LIMIT = 10_000_000;
  /** The simulator's trademark numbers: 10,000,000 + a band of 7,000,000 per year (2026 is band 6). */
  private static final int TRADEMARK_BASE = 10_000_000 + 6 * 7_000_000;
  private static final int TRADEMARK_SERIAL_LIMIT = 7_000_000;
  private static final int PATENT_AGENCY_ID_LENGTH = 5;

  /** Shares out of 100: most traffic is new filings, the rest outcomes. */
  private static final int SUBMITTED_PERCENT = 85;
  private static final int GRANTED_PERCENT = 10;
  private static final int PCT_PERCENT = 5;

  private final List<String> agencyIds;
  private final String runId;
  private final AtomicLong counter = new AtomicLong();

  EventFactory(List<String> agencyIds, String runId) {
    this.agencyIds = List.copyOf(agencyIds);
    this.runId = runId;
  }

  /** One event, or a JSON array of {@code count} events. */
  String body(int count) {
    if (count == 1) {
      return event();
    }
    StringBuilder sb = new StringBuilder(count * 256).append('[');
    for (int i = 0; i < count; i++) {
      sb.append(i == 0 ? "" : ",").append(event());
    }
    return sb.append(']').toString();
  }

  String event() {
    ThreadLocalRandom rnd = ThreadLocalRandom.current();
    String agencyId = agencyIds.get(rnd.nextInt(agencyIds.size()));
    boolean patentAgency = agencyId.length() == PATENT_AGENCY_ID_LENGTH;
    int dice = rnd.nextInt(100);
    String type = dice < SUBMITTED_PERCENT ? "FILING_SUBMITTED"
        : dice < SUBMITTED_PERCENT + GRANTED_PERCENT ? "FILING_GRANTED" : "FILING_REJECTED";
    String ipType;
    String applicationNo;
    int year = OffsetDateTime.now(SHANGHAI).getYear();
    if (patentAgency) {
      int kind = rnd.nextInt(10);
      ipType = kind < 5 ? "INVENTION" : kind < 9 ? "UTILITY_MODEL" : "DESIGN";
      char typeDigit = kind < 5 ? '1' : kind < 9 ? '2' : '3';
      applicationNo = patentApplicationNo(year, typeDigit, rnd.nextInt(PATENT_SERIAL_LIMIT));
    } else {
      ipType = "TRADEMARK";
      applicationNo = Integer.toString(TRADEMARK_BASE + rnd.nextInt(TRADEMARK_SERIAL_LIMIT));
    }
    String route = "INVENTION".equals(ipType) && rnd.nextInt(100) < PCT_PERCENT ? "PCT" : "DOMESTIC";
    String occurredAt = OffsetDateTime.now(SHANGHAI).truncatedTo(ChronoUnit.SECONDS).format(RFC3339);
    return "{\"eventId\":\"gatling-" + runId + "-" + counter.incrementAndGet() + "\""
        + ",\"type\":\"" + type + "\""
        + ",\"occurredAt\":\"" + occurredAt + "\""
        + ",\"agencyId\":\"" + agencyId + "\""
        + ",\"applicationNo\":\"" + applicationNo + "\""
        + ",\"ipType\":\"" + ipType + "\""
        + ",\"route\":\"" + route + "\"}";
  }

  /** {@code 2026 1 0551234 . c}: year, type digit, 7-digit serial, dot, CNIPA check character. */
  static String patentApplicationNo(int year, char typeDigit, int serial) {
    String digits = String.format("%04d%c%07d", year, typeDigit, serial);
    int sum = 0;
    for (int i = 0; i < PATENT_WEIGHTS.length; i++) {
      sum += (digits.charAt(i) - '0') * PATENT_WEIGHTS[i];
    }
    int check = sum % PATENT_MODULUS;
    return digits + '.' + (check == 10 ? 'X' : (char) ('0' + check));
  }
}
