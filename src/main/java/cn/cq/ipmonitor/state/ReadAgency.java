package cn.cq.ipmonitor.state;

import cn.cq.ipmonitor.indicator.AgencyReading;
import cn.cq.ipmonitor.indicator.AgencyState;
import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import java.io.IOException;
import java.util.Map;

/** Reads one agency where it lives and ships back only its reading, not its year of buckets. */
public final class ReadAgency extends AtInstant implements EntryProcessor<String, AgencyState, AgencyReading>,
    ReadOnly {

  private boolean withEvidence;

  public ReadAgency() {
  }

  public ReadAgency(long nowMillis, String zone) {
    this(nowMillis, zone, false);
  }

  /** @param withEvidence include the application numbers kept as evidence (for the alert rules) */
  public ReadAgency(long nowMillis, String zone, boolean withEvidence) {
    super(nowMillis, zone);
    this.withEvidence = withEvidence;
  }

  @Override
  public AgencyReading process(Map.Entry<String, AgencyState> entry) {
    AgencyState s = entry.getValue();
    if (s == null) {
      return null;
    }
    return withEvidence ? AgencyReading.withEvidence(s, clock(), nowMillis) : AgencyReading.of(s, clock(), nowMillis);
  }

  @Override
  public EntryProcessor<String, AgencyState, AgencyReading> getBackupProcessor() {
    return null;
  }

  @Override
  public int getClassId() {
    return Serializers.READ_AGENCY;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    super.writeData(out);
    out.writeBoolean(withEvidence);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    super.readData(in);
    withEvidence = in.readBoolean();
  }
}
