package cn.cq.ipmonitor.state;

import cn.cq.ipmonitor.indicator.AgencyState;
import cn.cq.ipmonitor.indicator.BucketClock;
import cn.cq.ipmonitor.indicator.Fact;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Applies a batch of one agency's facts where the agency's state lives. The same processor runs on the
 * backup replica with the same arrival time, so primary and backup stay identical, and because each fact
 * is deduplicated by its eventId hash inside the state, re-applying a batch (a redelivery after a node
 * died between writing here and committing its Kafka offsets) changes nothing.
 * Result: {@code [applied, duplicates, outOfWindow]}.
 */
public final class ApplyFacts extends AtInstant implements EntryProcessor<String, AgencyState, int[]> {

  private Fact[] facts;
  private int dedupRetentionDays;

  public ApplyFacts() {
  }

  public ApplyFacts(List<Fact> facts, long nowMillis, String zone, int dedupRetentionDays) {
    super(nowMillis, zone);
    this.facts = facts.toArray(new Fact[0]);
    this.dedupRetentionDays = dedupRetentionDays;
  }

  @Override
  public int[] process(Map.Entry<String, AgencyState> entry) {
    AgencyState state = entry.getValue();
    if (state == null) {
      state = new AgencyState(entry.getKey());
    }
    BucketClock clock = clock();
    int[] result = new int[3];
    for (Fact f : facts) {
      result[state.apply(f, clock, nowMillis, dedupRetentionDays).ordinal()]++;
    }
    entry.setValue(state);
    return result;
  }

  @Override
  public EntryProcessor<String, AgencyState, int[]> getBackupProcessor() {
    return this;
  }

  @Override
  public int getClassId() {
    return Serializers.APPLY_FACTS;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    super.writeData(out);
    out.writeInt(dedupRetentionDays);
    Fact.writeAll(out, facts);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    super.readData(in);
    dedupRetentionDays = in.readInt();
    facts = Fact.readAll(in);
  }
}
