package cn.cq.ipmonitor.indicator;

import cn.cq.ipmonitor.event.AgencyKind;
import cn.cq.ipmonitor.event.AgencyStatus;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An agency's state read at one instant: registry facts and measures, small enough to ship between
 * members. Derived indicators and risk are computed from it where it is read ({@link Assessment}), so
 * the yearly national grant rate is configuration of the reader only.
 *
 * @param district   null until the agency's registry record arrives
 * @param attorneys  -1 when unknown
 * @param evidence   application numbers behind the counts; {@link Evidence#NONE} unless read for the alert rules
 */
public record AgencyReading(String agencyId, String name, AgencyKind kind, String district, List<String> zones,
                            AgencyStatus status, int attorneys, long lastEventAt, long applied,
                            Measures measures, Evidence evidence) {

  /** A reading without evidence. */
  public AgencyReading(String agencyId, String name, AgencyKind kind, String district, List<String> zones,
                       AgencyStatus status, int attorneys, long lastEventAt, long applied, Measures measures) {
    this(agencyId, name, kind, district, zones, status, attorneys, lastEventAt, applied, measures, Evidence.NONE);
  }

  /** A reading with the evidence the alert rules show; only those need it, so only they pay for shipping it. */
  public static AgencyReading withEvidence(AgencyState s, BucketClock clock, long nowMillis) {
    AgencyReading r = of(s, clock, nowMillis);
    return new AgencyReading(r.agencyId, r.name, r.kind, r.district, r.zones, r.status, r.attorneys, r.lastEventAt,
        r.applied, r.measures, s.evidence(nowMillis));
  }

  public static AgencyReading of(AgencyState s, BucketClock clock, long nowMillis) {
    // measure() first: the registry getters below each lock briefly, and a registry event in between
    // changes nothing the measures depend on except attorneys, which we read from the measures' own copy.
    Measures m = s.measure(clock, nowMillis);
    return new AgencyReading(s.agencyId(), s.name(), s.kind(), s.district(), s.zones(), s.status(),
        s.attorneys(), s.lastEventAt(), s.applied(), m);
  }

  public void writeTo(DataOutput out) throws IOException {
    out.writeUTF(agencyId);
    Fact.writeNullable(out, name);
    out.writeByte(kind == null ? -1 : kind.ordinal());
    Fact.writeNullable(out, district);
    out.writeInt(zones.size());
    for (String z : zones) {
      out.writeUTF(z);
    }
    out.writeByte(status.ordinal());
    out.writeInt(attorneys);
    out.writeLong(lastEventAt);
    out.writeLong(applied);
    measures.writeTo(out);
    evidence.writeTo(out);
  }

  public static AgencyReading readFrom(DataInput in) throws IOException {
    String id = in.readUTF();
    String name = Fact.readNullable(in);
    int kind = in.readByte();
    String district = Fact.readNullable(in);
    int n = in.readInt();
    List<String> zones = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      zones.add(in.readUTF());
    }
    AgencyStatus status = AgencyStatus.values()[in.readByte()];
    return new AgencyReading(id, name, kind < 0 ? null : AgencyKind.values()[kind], district, List.copyOf(zones),
        status, in.readInt(), in.readLong(), in.readLong(), Measures.readFrom(in), Evidence.readFrom(in));
  }
}
