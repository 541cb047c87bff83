package cn.cq.ipmonitor.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Rfc3339")
class Rfc3339Test {

  /** What java.time makes of the same text; the parser must agree to the millisecond. */
  private static long reference(String s) {
    return OffsetDateTime.parse(s.toUpperCase(Locale.ROOT)).toInstant().toEpochMilli();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "2026-11-21T09:30:00+08:00",
      "2026-11-21T01:30:00Z",
      "2026-11-21T01:30:00z",
      "2026-11-21t01:30:00Z",
      "2026-11-20T20:00:00-05:30",
      "2026-11-21T00:15:00+08:00",      // previous UTC day
      "2026-11-20T23:45:00-08:00",      // next UTC day
      "2026-12-31T23:59:59-01:00",      // crosses into the next UTC year
      "2027-01-01T00:00:00+08:00",      // crosses back into the previous UTC year
      "2026-01-01T00:00:00Z",
      "2025-12-31T23:59:59.999Z",
      "2024-02-29T12:00:00+08:00",      // leap day
      "2000-02-29T00:00:00Z",           // 400-year leap day
      "2100-02-28T23:59:59Z",
      "2024-03-01T00:00:00+14:00",
      "2024-02-28T23:30:00-12:00",
      "1970-01-01T00:00:00Z",
      "1970-01-01T08:00:00+08:00",
      "1969-12-31T23:59:59.5Z",         // before the epoch, with a fraction
      "1900-01-01T00:00:00Z",
      "9999-12-31T23:59:59Z",
      "0001-01-01T00:00:00Z",
      "2026-11-21T09:30:00.1+08:00",
      "2026-11-21T09:30:00.12+08:00",
      "2026-11-21T09:30:00.123+08:00",
      "2026-11-21T09:30:00.1234+08:00",
      "2026-11-21T09:30:00.12345+08:00",
      "2026-11-21T09:30:00.123456+08:00",
      "2026-11-21T09:30:00.1234567+08:00",
      "2026-11-21T09:30:00.12345678+08:00",
      "2026-11-21T09:30:00.123456789+08:00",
      "2026-11-21T09:30:00.999999999Z",
      "2026-11-21T09:30:00.000000001Z",
      "2026-11-21T09:30:00.0Z",
      "2026-11-21T23:59:59+00:00",
      "2026-11-21T00:00:00-00:00",
      "2026-11-21T09:30:00+05:45",
      "2026-11-21T09:30:00-09:30",
      "2026-11-21T09:30:00+18:00",
      "2026-11-21T09:30:00-18:00"})
  @DisplayName("agrees with OffsetDateTime on a valid timestamp")
  void agreesWithJavaTime(String s) {
    assertEquals(reference(s), Rfc3339.parseMillis(s));
  }

  @Test
  @DisplayName("agrees with OffsetDateTime on 20,000 random timestamps, offsets and fractions")
  void randomAgreement() {
    Random rnd = new Random(42);
    long from = Instant.parse("1971-01-01T00:00:00Z").getEpochSecond();
    long to = Instant.parse("2199-12-31T00:00:00Z").getEpochSecond();
    for (int i = 0; i < 20_000; i++) {
      long sec = from + (long) (rnd.nextDouble() * (to - from));
      int nanos = rnd.nextInt(1_000_000_000);
      int offsetMinutes = (rnd.nextInt(18 * 4 * 2 + 1) - 18 * 4) * 15;
      OffsetDateTime t = Instant.ofEpochSecond(sec, nanos).atOffset(ZoneOffset.ofTotalSeconds(offsetMinutes * 60));
      int digits = rnd.nextInt(10);
      String frac = digits == 0 ? "" : "." + String.format("%09d", nanos).substring(0, digits);
      String off = offsetMinutes == 0 && rnd.nextBoolean() ? "Z"
          : String.format("%s%02d:%02d", offsetMinutes < 0 ? "-" : "+", Math.abs(offsetMinutes) / 60,
              Math.abs(offsetMinutes) % 60);
      String s = String.format("%04d-%02d-%02dT%02d:%02d:%02d%s%s", t.getYear(), t.getMonthValue(),
          t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond(), frac, off);
      assertEquals(reference(s), Rfc3339.parseMillis(s), s);
    }
  }

  @Test
  @DisplayName("truncates fractions beyond the millisecond, as toEpochMilli does")
  void truncatesFraction() {
    assertEquals(Instant.parse("2026-11-21T01:30:00.999Z").toEpochMilli(),
        Rfc3339.parseMillis("2026-11-21T01:30:00.9999999Z"));
    assertEquals(Instant.parse("2026-11-21T01:30:00Z").toEpochMilli(),
        Rfc3339.parseMillis("2026-11-21T01:30:00.0009Z"));
  }

  @ParameterizedTest(name = "[{0}]")
  @NullAndEmptySource
  @ValueSource(strings = {
      "2023-02-29T00:00:00Z",           // not a leap year
      "2100-02-29T00:00:00Z",           // century, not a leap year
      "2026-04-31T00:00:00Z",
      "2026-13-01T00:00:00Z",
      "2026-00-10T00:00:00Z",
      "2026-11-00T00:00:00Z",
      "2026-11-32T00:00:00Z",
      "2026-11-21T24:00:00Z",
      "2026-11-21T09:60:00Z",
      "2026-11-21T09:30:60Z",
      "2026-11-21T09:30:00",            // no offset
      "2026-11-21T09:30:00.123",        // no offset after a fraction
      "2026-11-21 09:30:00+08:00",      // space instead of T
      "2026-11-21_09:30:00+08:00",
      "2026-11-21T09:30:00+0800",       // offset without colon
      "2026-11-21T09:30:00+08",
      "2026-11-21T09:30:00+8:00",
      "2026-11-21T09:30:00+08:00:00",   // seconds in the offset
      "2026-11-21T09:30:00+24:00",
      "2026-11-21T09:30:00+08:60",
      "2026-11-21T09:30:00GMT",
      "2026-11-21T09:30:00UTC",
      "2026-11-21T09:30:00Zjunk",       // trailing characters
      "2026-11-21T09:30:00Z ",
      "2026-11-21T09:30:00+08:00 ",
      " 2026-11-21T09:30:00Z",
      "2026-11-21T09:30:00.Z",          // empty fraction
      "2026-11-21T09:30:00,5Z",         // comma fraction
      "2026-11-21T09:30Z",              // no seconds
      "2026-11-21T9:30:00Z",
      "2026-1-21T09:30:00Z",
      "26-11-21T09:30:00Z",
      "+2026-11-21T09:30:00Z",
      "2026/11/21T09:30:00Z",
      "20261121T093000Z",
      "２０２６-11-21T09:30:00Z",        // full-width digits in the year
      "2026-11-21T09:30:00.12a4Z",
      "2026-11-21",
      "2026-11-21T",
      "not a timestamp at all",
      "1763688600000"})
  @DisplayName("rejects what is not an RFC 3339 date-time with offset")
  void rejects(String s) {
    assertThrows(IllegalArgumentException.class, () -> Rfc3339.parseMillis(s));
  }

  @Test
  @DisplayName("throws only IllegalArgumentException on random near-timestamps, and agrees with java.time when both accept")
  void fuzz() {
    Random rnd = new Random(3339);
    String alphabet = "0123456789-:T+Zz.t ";
    String base = "2026-11-21T09:30:00.123+08:00";
    for (int i = 0; i < 50_000; i++) {
      StringBuilder sb = new StringBuilder(base);
      int edits = 1 + rnd.nextInt(3);
      for (int e = 0; e < edits; e++) {
        int at = rnd.nextInt(sb.length() + 1);
        switch (rnd.nextInt(3)) {
          case 0 -> { if (at < sb.length()) sb.setCharAt(at, alphabet.charAt(rnd.nextInt(alphabet.length()))); }
          case 1 -> { if (at < sb.length()) sb.deleteCharAt(at); }
          default -> sb.insert(at, alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
      }
      String s = sb.toString();
      long ours;
      try {
        ours = Rfc3339.parseMillis(s);
      } catch (IllegalArgumentException expected) {
        continue;
      } catch (RuntimeException other) {
        fail("threw " + other + " on " + s);
        return;
      }
      long theirs;
      try {
        theirs = reference(s);
      } catch (DateTimeParseException javaIsStricter) {
        continue; // e.g. offsets beyond +-18:00, which RFC 3339 allows
      }
      assertEquals(theirs, ours, s);
    }
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"2026-11-21T09:30:00.５+08:00", "2026-11-21T09:30:00.٣Z", "2026-11-21T09:30:00.1２3Z"})
  @DisplayName("rejects non-ASCII digits in the fraction")
  void rejectsUnicodeDigitsInFraction(String s) {
    assertThrows(IllegalArgumentException.class, () -> Rfc3339.parseMillis(s));
  }
}
