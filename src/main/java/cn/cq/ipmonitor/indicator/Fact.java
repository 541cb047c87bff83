package cn.cq.ipmonitor.indicator;

import cn.cq.ipmonitor.event.AgencyEvent;
import cn.cq.ipmonitor.event.AgencyKind;
import cn.cq.ipmonitor.event.AgencyStatus;
import cn.cq.ipmonitor.event.EventType;
import cn.cq.ipmonitor.event.IpType;
import cn.cq.ipmonitor.event.PenaltyMeasure;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the live state needs of an event, and nothing more: it travels to the member that owns the agency,
 * so it is small. Registry facts carry the agency's details; all others are a handful of numbers.
 *
 * @param idHash     {@link DedupSet#hash} of the eventId
 * @param ipType     null when the event has none
 * @param penalty    null unless PENALTY_IMPOSED
 * @param district   set on registry facts that carry one
 * @param registry   null unless a registry event
 * @param applicationNo the application the event is about, or null; kept as evidence ({@link EvidenceLog})
 */
public record Fact(long idHash, long occurredAtMillis, EventType type, IpType ipType, boolean international,
                   PenaltyMeasure penalty, String district, AgencyEvent.Registry registry, String applicationNo) {

  /** A fact that names no application. */
  public Fact(long idHash, long occurredAtMillis, EventType type, IpType ipType, boolean international,
              PenaltyMeasure penalty, String district, AgencyEvent.Registry registry) {
    this(idHash, occurredAtMillis, type, ipType, international, penalty, district, registry, null);
  }

  private static final EventType[] TYPES = EventType.values();
  private static final IpType[] IP_TYPES = IpType.values();
  private static final PenaltyMeasure[] MEASURES = PenaltyMeasure.values();
  private static final AgencyKind[] KINDS = AgencyKind.values();
  private static final AgencyStatus[] STATUSES = AgencyStatus.values();
  private static final int NONE = -1;

  public static Fact of(AgencyEvent e) {
    return new Fact(DedupSet.hash(e.eventId()), e.occurredAtMillis(), e.type(), e.ipType(),
        e.route().isInternational(), e.penalty(), e.type().isRegistry() ? e.district() : null, e.registry(),
        e.applicationNo());
  }

  public void writeTo(DataOutput out) throws IOException {
    out.writeLong(idHash);
    out.writeLong(occurredAtMillis);
    out.writeByte(type.ordinal());
    out.writeByte(ipType == null ? NONE : ipType.ordinal());
    out.writeBoolean(international);
    out.writeByte(penalty == null ? NONE : penalty.ordinal());
    writeNullable(out, district);
    out.writeBoolean(registry != null);
    if (registry != null) {
      writeNullable(out, registry.name());
      out.writeByte(registry.kind() == null ? NONE : registry.kind().ordinal());
      out.writeInt(registry.attorneys() == null ? NONE : registry.attorneys());
      out.writeByte(registry.status() == null ? NONE : registry.status().ordinal());
      out.writeInt(registry.zones() == null ? NONE : registry.zones().size());
      if (registry.zones() != null) {
        for (String z : registry.zones()) {
          out.writeUTF(z);
        }
      }
    }
    writeNullable(out, applicationNo);
  }

  public static Fact readFrom(DataInput in) throws IOException {
    long hash = in.readLong();
    long at = in.readLong();
    EventType type = TYPES[in.readByte()];
    int ip = in.readByte();
    boolean international = in.readBoolean();
    int measure = in.readByte();
    String district = readNullable(in);
    AgencyEvent.Registry registry = null;
    if (in.readBoolean()) {
      String name = readNullable(in);
      int kind = in.readByte();
      int attorneys = in.readInt();
      int status = in.readByte();
      int zoneCount = in.readInt();
      List<String> zones = null;
      if (zoneCount >= 0) {
        zones = new ArrayList<>(zoneCount);
        for (int i = 0; i < zoneCount; i++) {
          zones.add(in.readUTF());
        }
      }
      registry = new AgencyEvent.Registry(name, kind == NONE ? null : KINDS[kind],
          attorneys == NONE ? null : attorneys, status == NONE ? null : STATUSES[status], zones);
    }
    return new Fact(hash, at, type, ip == NONE ? null : IP_TYPES[ip], international,
        measure == NONE ? null : MEASURES[measure], district, registry, readNullable(in));
  }

  /** Writes a batch of facts, count first. */
  public static void writeAll(DataOutput out, Fact[] facts) throws IOException {
    out.writeInt(facts.length);
    for (Fact f : facts) {
      f.writeTo(out);
    }
  }

  /** Reads what {@link #writeAll} wrote. */
  public static Fact[] readAll(DataInput in) throws IOException {
    Fact[] facts = new Fact[in.readInt()];
    for (int i = 0; i < facts.length; i++) {
      facts[i] = readFrom(in);
    }
    return facts;
  }

  static void writeNullable(DataOutput out, String s) throws IOException {
    out.writeBoolean(s != null);
    if (s != null) {
      out.writeUTF(s);
    }
  }

  static String readNullable(DataInput in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }
}
