package cn.cq.ipmonitor.indicator;

import cn.cq.ipmonitor.event.AgencyEvent;
import cn.cq.ipmonitor.event.AgencyKind;
import cn.cq.ipmonitor.event.AgencyStatus;
import cn.cq.ipmonitor.event.EventType;
import cn.cq.ipmonitor.event.IpType;
import cn.cq.ipmonitor.event.PenaltyMeasure;
import cn.cq.ipmonitor.event.Route;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** Builders of facts for the indicator tests; every fact goes through {@link Fact#of} like the real ones. */
final class TestFacts {

  /** The fixed "now" of the tests: 09:30 on 2026-11-21 in Chongqing. */
  static final Instant NOW = Instant.parse("2026-11-21T01:30:00Z");
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final BucketClock CLOCK = new BucketClock(SHANGHAI);
  static final int RETENTION_DAYS = 7;
  static final String AGENCY = "50212";

  private TestFacts() {
  }

  static Instant ago(Duration d) {
    return NOW.minus(d);
  }

  static Instant minutesAgo(long m) {
    return NOW.minus(Duration.ofMinutes(m));
  }

  static Instant hoursAgo(long h) {
    return NOW.minus(Duration.ofHours(h));
  }

  static Instant daysAgo(long d) {
    return NOW.minus(Duration.ofDays(d));
  }

  static AgencyEvent event(String id, EventType type, Instant at, IpType ip, Route route, String district,
                           PenaltyMeasure penalty, AgencyEvent.Registry registry) {
    return new AgencyEvent(id, type, at.toEpochMilli(), AGENCY, type.needsApplicationNo() ? "CN-" + id : null, ip,
        route, null, null, null, district, type == EventType.ABNORMAL_NOTIFIED ? 1 : 0, null, penalty, registry);
  }

  static Fact fact(String id, EventType type, Instant at, IpType ip, Route route) {
    return Fact.of(event(id, type, at, ip, route, null, null, null));
  }

  static Fact filing(String id, Instant at) {
    return filing(id, at, IpType.INVENTION);
  }

  static Fact filing(String id, Instant at, IpType ip) {
    return fact(id, EventType.FILING_SUBMITTED, at, ip, Route.DOMESTIC);
  }

  static Fact filing(String id, Instant at, IpType ip, Route route) {
    return fact(id, EventType.FILING_SUBMITTED, at, ip, route);
  }

  static Fact outcome(EventType type, String id, Instant at, IpType ip) {
    return fact(id, type, at, ip, Route.DOMESTIC);
  }

  static Fact simple(EventType type, String id, Instant at) {
    IpType ip = switch (type) {
      case ABNORMAL_NOTIFIED -> IpType.INVENTION;
      case MALICIOUS_TRADEMARK_REFUSED -> IpType.TRADEMARK;
      default -> null;
    };
    return fact(id, type, at, ip, Route.DOMESTIC);
  }

  static Fact penalty(String id, Instant at, PenaltyMeasure m) {
    return Fact.of(event(id, EventType.PENALTY_IMPOSED, at, null, Route.DOMESTIC, null, m, null));
  }

  static Fact registered(String id, Instant at, String name, String district, Integer attorneys) {
    return Fact.of(event(id, EventType.AGENCY_REGISTERED, at, null, Route.DOMESTIC, district, null,
        new AgencyEvent.Registry(name, AgencyKind.PATENT, attorneys, AgencyStatus.ACTIVE, List.of("LIANGJIANG"))));
  }

  static Fact status(String id, Instant at, AgencyStatus s) {
    return Fact.of(event(id, EventType.AGENCY_STATUS_CHANGED, at, null, Route.DOMESTIC, null, null,
        new AgencyEvent.Registry(null, null, null, s, null)));
  }

  static Fact statusWithDistrict(String id, Instant at, AgencyStatus s, String district) {
    return Fact.of(event(id, EventType.AGENCY_STATUS_CHANGED, at, null, Route.DOMESTIC, district, null,
        new AgencyEvent.Registry(null, null, null, s, null)));
  }

  static Fact attorneys(String id, Instant at, int n) {
    return Fact.of(event(id, EventType.AGENCY_STATUS_CHANGED, at, null, Route.DOMESTIC, null, null,
        new AgencyEvent.Registry(null, null, n, null, null)));
  }

  static AgencyState.Outcome apply(AgencyState s, Fact f) {
    return s.apply(f, CLOCK, NOW.toEpochMilli(), RETENTION_DAYS);
  }

  static AgencyState.Outcome apply(AgencyState s, Fact f, Instant arrival) {
    return s.apply(f, CLOCK, arrival.toEpochMilli(), RETENTION_DAYS);
  }

  static Measures measure(AgencyState s) {
    return s.measure(CLOCK, NOW.toEpochMilli());
  }

  static Measures measure(AgencyState s, Instant at) {
    return s.measure(CLOCK, at.toEpochMilli());
  }

  interface Writer {
    void write(DataOutputStream out) throws IOException;
  }

  interface Reader<T> {
    T read(DataInputStream in) throws IOException;
  }

  static byte[] bytes(Writer w) {
    try {
      ByteArrayOutputStream bos = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bos);
      w.write(out);
      out.flush();
      return bos.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static <T> T read(byte[] b, Reader<T> r) {
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(b));
      T t = r.read(in);
      if (in.read() != -1) {
        throw new AssertionError("bytes left over after reading");
      }
      return t;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
