package cn.cq.ipmonitor.state;

import cn.cq.ipmonitor.indicator.AgencyState;
import cn.cq.ipmonitor.indicator.Fact;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Replays one agency's history over whole days where its state lives (see {@link AgencyState#replay}). */
public final class ReplayFacts extends AtInstant implements EntryProcessor<String, AgencyState, Integer> {

  private Fact[] facts;
  private boolean clear;
  private long fromMillis;
  private long toMillis;
  private int dedupRetentionDays;

  public ReplayFacts() {
  }

  public ReplayFacts(List<Fact> facts, boolean clear, long fromMillis, long toMillis, long nowMillis, String zone,
                     int dedupRetentionDays) {
    super(nowMillis, zone);
    this.facts = facts.toArray(new Fact[0]);
    this.clear = clear;
    this.fromMillis = fromMillis;
    this.toMillis = toMillis;
    this.dedupRetentionDays = dedupRetentionDays;
  }

  @Override
  public Integer process(Map.Entry<String, AgencyState> entry) {
    AgencyState state = entry.getValue() == null ? new AgencyState(entry.getKey()) : entry.getValue();
    state.replay(Arrays.asList(facts), clear, fromMillis, toMillis, clock(), nowMillis, dedupRetentionDays);
    entry.setValue(state);
    return facts.length;
  }

  @Override
  public EntryProcessor<String, AgencyState, Integer> getBackupProcessor() {
    return this;
  }

  @Override
  public int getClassId() {
    return Serializers.REPLAY_FACTS;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    super.writeData(out);
    out.writeBoolean(clear);
    out.writeLong(fromMillis);
    out.writeLong(toMillis);
    out.writeInt(dedupRetentionDays);
    Fact.writeAll(out, facts);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    super.readData(in);
    clear = in.readBoolean();
    fromMillis = in.readLong();
    toMillis = in.readLong();
    dedupRetentionDays = in.readInt();
    facts = Fact.readAll(in);
  }
}
