package cn.cq.ipmonitor.state;

import cn.cq.ipmonitor.indicator.AgencyState;
import cn.cq.ipmonitor.indicator.BucketClock;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.time.ZoneId;
import java.util.Map;

/** Drops expired buckets and eventIds of every agency, so idle agencies' memory follows the clock too. */
public final class CompactAgency implements EntryProcessor<String, AgencyState, Void>, IdentifiedDataSerializable {

  private long nowMillis;
  private String zone;
  private int dedupRetentionDays;

  public CompactAgency() {
  }

  public CompactAgency(long nowMillis, String zone, int dedupRetentionDays) {
    this.nowMillis = nowMillis;
    this.zone = zone;
    this.dedupRetentionDays = dedupRetentionDays;
  }

  @Override
  public Void process(Map.Entry<String, AgencyState> entry) {
    AgencyState s = entry.getValue();
    if (s != null) {
      s.compact(new BucketClock(ZoneId.of(zone)), nowMillis, dedupRetentionDays);
      entry.setValue(s);
    }
    return null;
  }

  @Override
  public int getFactoryId() {
    return StateNames.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return Serializers.COMPACT;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeLong(nowMillis);
    out.writeString(zone);
    out.writeInt(dedupRetentionDays);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    nowMillis = in.readLong();
    zone = in.readString();
    dedupRetentionDays = in.readInt();
  }
}
