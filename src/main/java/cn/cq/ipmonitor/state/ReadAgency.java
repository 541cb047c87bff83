package cn.cq.ipmonitor.state;

import cn.cq.ipmonitor.indicator.AgencyReading;
import cn.cq.ipmonitor.indicator.AgencyState;
import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import java.util.Map;

/** Reads one agency where it lives and ships back only its reading, not its year of buckets. */
public final class ReadAgency extends AtInstant implements EntryProcessor<String, AgencyState, AgencyReading>,
    ReadOnly {

  public ReadAgency() {
  }

  public ReadAgency(long nowMillis, String zone) {
    super(nowMillis, zone);
  }

  @Override
  public AgencyReading process(Map.Entry<String, AgencyState> entry) {
    AgencyState s = entry.getValue();
    return s == null ? null : AgencyReading.of(s, clock(), nowMillis);
  }

  @Override
  public EntryProcessor<String, AgencyState, AgencyReading> getBackupProcessor() {
    return null;
  }

  @Override
  public int getClassId() {
    return Serializers.READ_AGENCY;
  }
}
