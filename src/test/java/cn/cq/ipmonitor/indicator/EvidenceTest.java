package cn.cq.ipmonitor.indicator;

import static cn.cq.ipmonitor.indicator.TestFacts.CLOCK;
import static cn.cq.ipmonitor.indicator.TestFacts.NOW;
import static cn.cq.ipmonitor.indicator.TestFacts.RETENTION_DAYS;
import static cn.cq.ipmonitor.indicator.TestFacts.apply;
import static cn.cq.ipmonitor.indicator.TestFacts.daysAgo;
import static cn.cq.ipmonitor.indicator.TestFacts.filing;
import static cn.cq.ipmonitor.indicator.TestFacts.hoursAgo;
import static cn.cq.ipmonitor.indicator.TestFacts.simple;
import static cn.cq.ipmonitor.indicator.TestFacts.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.cq.ipmonitor.event.AgencyStatus;
import cn.cq.ipmonitor.event.EventType;
import cn.cq.ipmonitor.event.IpType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Evidence: the application numbers behind an agency's counts, bounded")
class EvidenceTest {

  private static final long T = NOW.toEpochMilli();

  private static List<String> numbers(EvidenceLog log, Evidence.Kind k) {
    return log.items(k, at -> true).stream().map(Evidence.Item::applicationNo).toList();
  }

  @ParameterizedTest
  @ValueSource(strings = {"202610551234.5", "2026105512345", "00012345", "0", "12345678901234567",
      "2026.1", "CN-abc", "1.23", "202610551234.", ".5", "123456789012345678", "２０２６"})
  @DisplayName("every application number comes back exactly as it went in, packed or not")
  void roundTrip(String no) {
    EvidenceLog log = new EvidenceLog();
    log.add(Evidence.Kind.ABNORMAL, no, T);
    assertEquals(List.of(no), numbers(log, Evidence.Kind.ABNORMAL));
  }

  @Test
  @DisplayName("CNIPA and trademark numbers are packed into a long, others kept as text")
  void packing() {
    assertNotEquals(-1, EvidenceLog.pack("202610551234.5"));
    assertNotEquals(-1, EvidenceLog.pack("60123456"));
    assertEquals(-1, EvidenceLog.pack("CN202610551234.5"));
    assertEquals(-1, EvidenceLog.pack("123456789012345678"), "18 digits do not fit");
  }

  @Test
  @DisplayName("keeps the most recent by event time, however late an event arrives; older ones fall out")
  void bounded() {
    EvidenceLog log = new EvidenceLog();
    List<Integer> order = new ArrayList<>(IntStream.range(0, 40).boxed().toList());
    java.util.Collections.shuffle(order, new java.util.Random(7));
    for (int i : order) {
      log.add(Evidence.Kind.FILING, Integer.toString(1000 + i), T - 60_000L * (40 - i));
    }
    List<String> expected = IntStream.iterate(39, i -> i - 1).limit(EvidenceLog.PER_KIND)
        .mapToObj(i -> Integer.toString(1000 + i)).toList();
    assertEquals(expected, numbers(log, Evidence.Kind.FILING));
    log.add(Evidence.Kind.FILING, "999", T - 3_600_000L * 24);
    assertEquals(expected, numbers(log, Evidence.Kind.FILING), "older than all kept: not kept");
    assertEquals(EvidenceLog.PER_KIND, log.size());
  }

  @Test
  @DisplayName("the same number at the same time is kept once; kinds are apart; clear and evict drop by time")
  void dedupAndClear() {
    EvidenceLog log = new EvidenceLog();
    log.add(Evidence.Kind.ABNORMAL, "202610000001.1", T - 1000);
    log.add(Evidence.Kind.ABNORMAL, "202610000001.1", T - 1000);
    log.add(Evidence.Kind.ABNORMAL, "CN-x", T - 2000);
    log.add(Evidence.Kind.ABNORMAL, "CN-x", T - 2000);
    log.add(Evidence.Kind.MALICIOUS_TRADEMARK, "60000001", T - 500);
    assertEquals(List.of("202610000001.1", "CN-x"), numbers(log, Evidence.Kind.ABNORMAL));
    log.clear(T - 1500, T - 900);
    assertEquals(List.of("CN-x"), numbers(log, Evidence.Kind.ABNORMAL));
    log.evictBefore(T - 1000);
    assertEquals(List.of(), numbers(log, Evidence.Kind.ABNORMAL));
    assertEquals(List.of("60000001"), numbers(log, Evidence.Kind.MALICIOUS_TRADEMARK));
  }

  @Test
  @DisplayName("an agency keeps the numbers by kind; a repeated event adds nothing; recent() reads a window")
  void agencyState() {
    AgencyState s = new AgencyState(TestFacts.AGENCY);
    apply(s, simple(EventType.ABNORMAL_NOTIFIED, "ab1", hoursAgo(2)));
    apply(s, simple(EventType.ABNORMAL_NOTIFIED, "ab2", hoursAgo(30)));
    assertEquals(AgencyState.Outcome.DUPLICATE, apply(s, simple(EventType.ABNORMAL_NOTIFIED, "ab1", hoursAgo(2))));
    apply(s, filing("f1", hoursAgo(1)));
    apply(s, TestFacts.outcome(EventType.FILING_REJECTED, "r1", daysAgo(3), IpType.INVENTION));
    apply(s, TestFacts.outcome(EventType.FILING_REJECTED, "r2", daysAgo(3), IpType.UTILITY_MODEL));
    Evidence e = s.evidence(T);
    assertEquals(List.of("CN-ab1", "CN-ab2"), e.recent(Evidence.Kind.ABNORMAL, 0, 10));
    assertEquals(List.of("CN-ab1"), e.recent(Evidence.Kind.ABNORMAL, T - 86_400_000L, 10), "24h window");
    assertEquals(List.of("CN-ab1"), e.recent(Evidence.Kind.ABNORMAL, 0, 1), "bounded by max");
    assertEquals(List.of("CN-f1"), e.recent(Evidence.Kind.FILING, 0, 10));
    assertEquals(List.of("CN-r1"), e.recent(Evidence.Kind.INVENTION_REFUSED, 0, 10), "inventions only");
    assertEquals(List.of(), e.recent(Evidence.Kind.UNLICENSED, 0, 10));
    assertEquals(4, s.evidenceEntries());
  }

  @Test
  @DisplayName("unlicensed filings are re-decided when a status change arrives after them")
  void unlicensedLate() {
    AgencyState s = new AgencyState(TestFacts.AGENCY);
    apply(s, filing("f1", hoursAgo(5)));
    apply(s, filing("f0", daysAgo(3)));
    assertEquals(List.of(), s.evidence(T).recent(Evidence.Kind.UNLICENSED, 0, 10));
    apply(s, status("st", daysAgo(1), AgencyStatus.REVOKED));
    assertEquals(List.of("CN-f1"), s.evidence(T).recent(Evidence.Kind.UNLICENSED, 0, 10));
    apply(s, filing("f2", hoursAgo(1)));
    assertEquals(List.of("CN-f2", "CN-f1"), s.evidence(T).recent(Evidence.Kind.UNLICENSED, 0, 10));
  }

  @Test
  @DisplayName("survives serialisation (Hazelcast backups and migration) and replay of whole days")
  void serialisationAndReplay() throws IOException {
    AgencyState s = new AgencyState(TestFacts.AGENCY);
    Fact a = simple(EventType.MALICIOUS_TRADEMARK_REFUSED, "m1", daysAgo(2));
    apply(s, a);
    apply(s, filing("f1", hoursAgo(1)));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    s.writeTo(new DataOutputStream(bytes));
    AgencyState copy = AgencyState.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    assertEquals(s.evidence(T), copy.evidence(T));

    Evidence before = s.evidence(T);
    long from = NOW.minus(java.time.Duration.ofDays(3)).toEpochMilli();
    long to = NOW.minus(java.time.Duration.ofDays(1)).toEpochMilli();
    s.replay(List.of(a), true, from, to, CLOCK, T, RETENTION_DAYS);
    assertEquals(before, s.evidence(T), "replaying the same events keeps the same numbers, once");
    s.replay(List.of(), true, from, to, CLOCK, T, RETENTION_DAYS);
    assertTrue(s.evidence(T).recent(Evidence.Kind.MALICIOUS_TRADEMARK, 0, 10).isEmpty(),
        "a replay of days history holds nothing of empties them");
    assertEquals(List.of("CN-f1"), s.evidence(T).recent(Evidence.Kind.FILING, 0, 10), "other days untouched");
  }

  @Test
  @DisplayName("a reading ships its evidence between members")
  void readingSerialisation() throws IOException {
    AgencyState s = new AgencyState(TestFacts.AGENCY);
    apply(s, simple(EventType.ABNORMAL_NOTIFIED, "ab1", hoursAgo(2)));
    AgencyReading r = AgencyReading.withEvidence(s, CLOCK, T);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    r.writeTo(new DataOutputStream(bytes));
    AgencyReading back = AgencyReading.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    assertEquals(r.evidence(), back.evidence());
    assertEquals(Evidence.NONE, AgencyReading.of(s, CLOCK, T).evidence());
  }
}
