package cn.cq.ipmonitor.state;

import cn.cq.ipmonitor.indicator.AgencyState;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import java.io.IOException;
import java.util.Map;

/** Drops expired buckets and eventIds of every agency, so idle agencies' memory follows the clock too. */
public final class CompactAgency extends AtInstant implements EntryProcessor<String, AgencyState, Void> {

  private int dedupRetentionDays;

  public CompactAgency() {
  }

  public CompactAgency(long nowMillis, String zone, int dedupRetentionDays) {
    super(nowMillis, zone);
    this.dedupRetentionDays = dedupRetentionDays;
  }

  @Override
  public Void process(Map.Entry<String, AgencyState> entry) {
    AgencyState s = entry.getValue();
    if (s != null) {
      s.compact(clock(), nowMillis, dedupRetentionDays);
      entry.setValue(s);
    }
    return null;
  }

  @Override
  public int getClassId() {
    return Serializers.COMPACT;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    super.writeData(out);
    out.writeInt(dedupRetentionDays);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    super.readData(in);
    dedupRetentionDays = in.readInt();
  }
}
