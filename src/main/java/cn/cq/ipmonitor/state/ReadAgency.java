package cn.cq.ipmonitor.state;

import cn.cq.ipmonitor.indicator.AgencyReading;
import cn.cq.ipmonitor.indicator.AgencyState;
import cn.cq.ipmonitor.indicator.BucketClock;
import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.time.ZoneId;
import java.util.Map;

/** Reads one agency where it lives and ships back only its reading, not its year of buckets. */
public final class ReadAgency implements EntryProcessor<String, AgencyState, AgencyReading>, ReadOnly,
    IdentifiedDataSerializable {

  private long nowMillis;
  private String zone;

  public ReadAgency() {
  }

  public ReadAgency(long nowMillis, String zone) {
    this.nowMillis = nowMillis;
    this.zone = zone;
  }

  @Override
  public AgencyReading process(Map.Entry<String, AgencyState> entry) {
    AgencyState s = entry.getValue();
    return s == null ? null : AgencyReading.of(s, new BucketClock(ZoneId.of(zone)), nowMillis);
  }

  @Override
  public EntryProcessor<String, AgencyState, AgencyReading> getBackupProcessor() {
    return null;
  }

  @Override
  public int getFactoryId() {
    return StateNames.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return Serializers.READ_AGENCY;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeLong(nowMillis);
    out.writeString(zone);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    nowMillis = in.readLong();
    zone = in.readString();
  }
}
