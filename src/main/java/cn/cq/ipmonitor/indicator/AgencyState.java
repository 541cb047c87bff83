package cn.cq.ipmonitor.indicator;

import cn.cq.ipmonitor.event.AgencyEvent;
import cn.cq.ipmonitor.event.AgencyKind;
import cn.cq.ipmonitor.event.AgencyStatus;
import cn.cq.ipmonitor.event.EventType;
import cn.cq.ipmonitor.event.PenaltyMeasure;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything live about one agency: registry facts, rolling counts and the eventIds seen. Registry facts
 * resolve by event time (the latest {@code occurredAt} wins), so registry events may arrive in any order.
 * An agency can have counts before its registry record arrives; it then has no name or district yet.
 * Methods are synchronized: Hazelcast applies updates on partition threads while queries read the same
 * object on others (the map stores objects, not bytes, so updates cost no serialisation).
 */
public final class AgencyState {

  /** How {@link #apply} treated a fact. */
  public enum Outcome { APPLIED, DUPLICATE, OUT_OF_WINDOW }

  private static final int MAX_STATUS_HISTORY = 32;
  private static final int UNKNOWN = -1;

  private final String agencyId;
  private String name;
  private AgencyKind kind;
  private String district;
  private List<String> zones = List.of();
  private long registeredAt = UNKNOWN;
  private int attorneys = UNKNOWN;
  private long attorneysAt = UNKNOWN;
  private final List<StatusChange> statuses = new ArrayList<>();
  private RollingCounts counts = new RollingCounts();
  private DedupSet seen = new DedupSet();
  private EvidenceLog evidence = new EvidenceLog();
  private long lastEventAt = UNKNOWN;
  private long latestFilingAt = Long.MIN_VALUE;
  private long applied;

  private record StatusChange(long at, AgencyStatus status) {
  }

  public AgencyState(String agencyId) {
    this.agencyId = agencyId;
  }

  /**
   * Applies one fact unless its eventId was seen.
   *
   * @param nowMillis         arrival time: windows and dedup retention are measured from it
   * @param dedupRetentionDays days of arrival a repeat is recognised
   */
  public synchronized Outcome apply(Fact f, BucketClock clock, long nowMillis, int dedupRetentionDays) {
    int today = (int) clock.bucket(Resolution.DAY, nowMillis);
    if (!seen.add(f.idHash(), today, dedupRetentionDays)) {
      return Outcome.DUPLICATE;
    }
    applied++;
    lastEventAt = Math.max(lastEventAt, f.occurredAtMillis());
    boolean statusChanged = false;
    if (f.registry() != null) {
      statusChanged = applyRegistry(f);
    }
    if (f.type() == EventType.PENALTY_IMPOSED) {
      if (f.penalty() == PenaltyMeasure.REVOCATION) {
        statusChanged = recordStatus(f.occurredAtMillis(), AgencyStatus.REVOKED);
      } else if (f.penalty() == PenaltyMeasure.STOP_NEW_BUSINESS) {
        statusChanged = recordStatus(f.occurredAtMillis(), AgencyStatus.STOP_NEW_BUSINESS);
      }
    }
    if (statusChanged && f.occurredAtMillis() < latestFilingAt) {
      // A status change dated before filings already counted: decide their licence again, by bucket.
      counts.derive(clock, Counter.FILINGS, Counter.UNLICENSED_FILINGS, t -> statusAt(t).forbidsFiling());
    }
    if (f.type() == EventType.FILING_SUBMITTED) {
      latestFilingAt = Math.max(latestFilingAt, f.occurredAtMillis());
    }
    remember(f);
    int mask = counters(f);
    if (mask == 0) {
      return Outcome.APPLIED;
    }
    return counts.add(clock, f.occurredAtMillis(), mask, nowMillis) ? Outcome.APPLIED : Outcome.OUT_OF_WINDOW;
  }

  /**
   * Replays history over whole days {@code [fromMillis, toMillis)}: optionally empties those days' buckets
   * first, forgets the eventIds of {@code facts} and applies them again, in one step, so the days end up
   * counting exactly the facts given.
   *
   * @param clear true for the first part of an agency's replay, false for the parts after it
   */
  public synchronized void replay(List<Fact> facts, boolean clear, long fromMillis, long toMillis, BucketClock clock,
                                  long nowMillis, int dedupRetentionDays) {
    if (clear) {
      counts.clear(clock, fromMillis, toMillis);
      evidence.clear(fromMillis, toMillis);
    }
    for (Fact f : facts) {
      if (seen.remove(f.idHash())) {
        applied--;
      }
      apply(f, clock, nowMillis, dedupRetentionDays);
    }
  }

  /** Keeps the application number of an event a rule may show as evidence. */
  private void remember(Fact f) {
    if (f.applicationNo() == null) {
      return;
    }
    long at = f.occurredAtMillis();
    switch (f.type()) {
      case FILING_SUBMITTED -> {
        evidence.add(Evidence.Kind.FILING, f.applicationNo(), at);
        if (statusAt(at).forbidsFiling()) {
          evidence.add(Evidence.Kind.UNLICENSED, f.applicationNo(), at);
        }
      }
      case FILING_REJECTED, FILING_WITHDRAWN -> {
        if (f.ipType() == cn.cq.ipmonitor.event.IpType.INVENTION) {
          evidence.add(Evidence.Kind.INVENTION_REFUSED, f.applicationNo(), at);
        }
      }
      case ABNORMAL_NOTIFIED -> evidence.add(Evidence.Kind.ABNORMAL, f.applicationNo(), at);
      case MALICIOUS_TRADEMARK_REFUSED -> evidence.add(Evidence.Kind.MALICIOUS_TRADEMARK, f.applicationNo(), at);
      case COMPLAINT_RECEIVED -> evidence.add(Evidence.Kind.COMPLAINT, f.applicationNo(), at);
      default -> {
        // grants, penalties and registry events are evidence of nothing a rule flags
      }
    }
  }

  /**
   * The evidence kept, as of {@code nowMillis}. Unlicensed filings are decided again against the status history
   * as it is now, like their count: a status change that arrived late re-decides the latest filings too.
   */
  public synchronized Evidence evidence(long nowMillis) {
    List<List<Evidence.Item>> kinds = new ArrayList<>(Evidence.Kind.COUNT);
    for (Evidence.Kind k : Evidence.Kind.values()) {
      kinds.add(k == Evidence.Kind.UNLICENSED ? unlicensed() : evidence.items(k, at -> true));
    }
    return new Evidence(nowMillis, kinds);
  }

  private List<Evidence.Item> unlicensed() {
    java.util.TreeSet<Evidence.Item> all = new java.util.TreeSet<>(java.util.Comparator
        .comparingLong(Evidence.Item::occurredAt).reversed().thenComparing(Evidence.Item::applicationNo));
    all.addAll(evidence.items(Evidence.Kind.UNLICENSED, at -> statusAt(at).forbidsFiling()));
    all.addAll(evidence.items(Evidence.Kind.FILING, at -> statusAt(at).forbidsFiling()));
    return all.stream().limit(EvidenceLog.PER_KIND).toList();
  }

  private int counters(Fact f) {
    return switch (f.type()) {
      case FILING_SUBMITTED -> Counter.FILINGS.bit() | byType(f)
          | (f.international() ? Counter.PCT_FILINGS.bit() : 0)
          | (statusAt(f.occurredAtMillis()).forbidsFiling() ? Counter.UNLICENSED_FILINGS.bit() : 0);
      case FILING_GRANTED -> Counter.GRANTS.bit() | invention(f, Counter.INVENTION_GRANTS);
      case FILING_REJECTED -> Counter.REJECTIONS.bit() | invention(f, Counter.INVENTION_REJECTIONS);
      case FILING_WITHDRAWN -> Counter.WITHDRAWALS.bit() | invention(f, Counter.INVENTION_WITHDRAWALS);
      case ABNORMAL_NOTIFIED -> Counter.ABNORMAL.bit();
      case MALICIOUS_TRADEMARK_REFUSED -> Counter.MALICIOUS_TRADEMARK.bit();
      case COMPLAINT_RECEIVED -> Counter.COMPLAINTS.bit();
      case PENALTY_IMPOSED -> Counter.PENALTIES.bit();
      case AGENCY_REGISTERED, AGENCY_STATUS_CHANGED -> 0;
    };
  }

  private static int byType(Fact f) {
    return switch (f.ipType()) {
      case INVENTION -> Counter.FILINGS_INVENTION.bit();
      case UTILITY_MODEL -> Counter.FILINGS_UTILITY_MODEL.bit();
      case DESIGN -> Counter.FILINGS_DESIGN.bit();
      case TRADEMARK -> Counter.FILINGS_TRADEMARK.bit();
    };
  }

  private static int invention(Fact f, Counter c) {
    return f.ipType() == cn.cq.ipmonitor.event.IpType.INVENTION ? c.bit() : 0;
  }

  /** Applies registry facts; tells whether the status history changed. */
  private boolean applyRegistry(Fact f) {
    AgencyEvent.Registry r = f.registry();
    long at = f.occurredAtMillis();
    if (f.type() == EventType.AGENCY_REGISTERED && at >= registeredAt) {
      registeredAt = at;
      name = r.name();
      kind = r.kind();
      district = f.district();
      zones = r.zones() == null ? List.of() : r.zones();
    } else if (f.type() == EventType.AGENCY_STATUS_CHANGED && f.district() != null && registeredAt == UNKNOWN) {
      district = f.district();
    }
    if (r.attorneys() != null && at >= attorneysAt) {
      attorneysAt = at;
      attorneys = r.attorneys();
    }
    return r.status() != null && recordStatus(at, r.status());
  }

  private boolean recordStatus(long at, AgencyStatus status) {
    if (statuses.contains(new StatusChange(at, status))) {
      return false;
    }
    int i = statuses.size();
    while (i > 0 && statuses.get(i - 1).at() > at) {
      i--;
    }
    statuses.add(i, new StatusChange(at, status));
    if (statuses.size() > MAX_STATUS_HISTORY) {
      statuses.remove(0);
    }
    return true;
  }

  /** The registry status in force at an instant; ACTIVE before any is known. */
  public synchronized AgencyStatus statusAt(long millis) {
    for (int i = statuses.size() - 1; i >= 0; i--) {
      if (statuses.get(i).at() <= millis) {
        return statuses.get(i).status();
      }
    }
    return AgencyStatus.ACTIVE;
  }

  /** The latest known status. */
  public synchronized AgencyStatus status() {
    return statuses.isEmpty() ? AgencyStatus.ACTIVE : statuses.get(statuses.size() - 1).status();
  }

  /** The counts and registry facts as of {@code nowMillis}, consistent with each other. */
  public synchronized Measures measure(BucketClock clock, long nowMillis) {
    long[][] windows = new long[Window.COUNT][];
    for (Window w : Window.values()) {
      windows[w.ordinal()] = counts.window(clock, w, nowMillis);
    }
    long last24h = counts.hours(clock, Counter.FILINGS, nowMillis, Measures.SURGE_RECENT_HOURS - 1, 0);
    long prior = counts.hours(clock, Counter.FILINGS, nowMillis,
        Measures.SURGE_RECENT_HOURS + Measures.SURGE_BASELINE_HOURS - 1, Measures.SURGE_RECENT_HOURS);
    return new Measures(windows, last24h, prior, Math.max(attorneys, 0));
  }

  /** Drops what no window reads any more and eventIds past retention (for idle agencies). */
  public synchronized void compact(BucketClock clock, long nowMillis, int dedupRetentionDays) {
    counts.evict(clock, nowMillis);
    seen.expire((int) clock.bucket(Resolution.DAY, nowMillis), dedupRetentionDays);
    evidence.evictBefore(nowMillis - (long) Resolution.DAY.retained * Resolution.DAY.millis);
  }

  public String agencyId() {
    return agencyId;
  }

  public synchronized String name() {
    return name;
  }

  public synchronized AgencyKind kind() {
    return kind;
  }

  public synchronized String district() {
    return district;
  }

  public synchronized List<String> zones() {
    return zones;
  }

  /** Practising attorneys, or -1 when not known yet. */
  public synchronized int attorneys() {
    return attorneys;
  }

  public synchronized long lastEventAt() {
    return lastEventAt;
  }

  /** Distinct events applied. */
  public synchronized long applied() {
    return applied;
  }

  public synchronized int cells() {
    return counts.cells();
  }

  public synchronized int rememberedEventIds() {
    return seen.size();
  }

  /** Application numbers kept as evidence, all kinds. */
  public synchronized int evidenceEntries() {
    return evidence.size();
  }

  public synchronized void writeTo(DataOutput out) throws IOException {
    out.writeUTF(agencyId);
    Fact.writeNullable(out, name);
    out.writeByte(kind == null ? UNKNOWN : kind.ordinal());
    Fact.writeNullable(out, district);
    out.writeInt(zones.size());
    for (String z : zones) {
      out.writeUTF(z);
    }
    out.writeLong(registeredAt);
    out.writeInt(attorneys);
    out.writeLong(attorneysAt);
    out.writeInt(statuses.size());
    for (StatusChange s : statuses) {
      out.writeLong(s.at());
      out.writeByte(s.status().ordinal());
    }
    out.writeLong(lastEventAt);
    out.writeLong(latestFilingAt);
    out.writeLong(applied);
    counts.writeTo(out);
    seen.writeTo(out);
    evidence.writeTo(out);
  }

  public static AgencyState readFrom(DataInput in) throws IOException {
    AgencyState s = new AgencyState(in.readUTF());
    s.name = Fact.readNullable(in);
    int kind = in.readByte();
    s.kind = kind == UNKNOWN ? null : AgencyKind.values()[kind];
    s.district = Fact.readNullable(in);
    int zoneCount = in.readInt();
    List<String> zones = new ArrayList<>(zoneCount);
    for (int i = 0; i < zoneCount; i++) {
      zones.add(in.readUTF());
    }
    s.zones = List.copyOf(zones);
    s.registeredAt = in.readLong();
    s.attorneys = in.readInt();
    s.attorneysAt = in.readLong();
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      s.statuses.add(new StatusChange(in.readLong(), AgencyStatus.values()[in.readByte()]));
    }
    s.lastEventAt = in.readLong();
    s.latestFilingAt = in.readLong();
    s.applied = in.readLong();
    s.counts = RollingCounts.readFrom(in);
    s.seen = DedupSet.readFrom(in);
    s.evidence = EvidenceLog.readFrom(in);
    return s;
  }
}
