package cn.cq.ipmonitor.state;

import cn.cq.ipmonitor.indicator.AgencyReading;
import cn.cq.ipmonitor.indicator.AgencyState;
import com.hazelcast.aggregation.Aggregator;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads every agency (of one district, or all) on the members that hold them, in parallel, and brings
 * back their readings: the basis of lists, district and city views.
 */
public final class ReadingsAggregator extends AtInstant
    implements Aggregator<Map.Entry<String, AgencyState>, List<AgencyReading>> {

  private String district;
  private List<AgencyReading> readings = new ArrayList<>();

  public ReadingsAggregator() {
  }

  /** @param district only agencies registered there; null for all */
  public ReadingsAggregator(long nowMillis, String zone, String district) {
    super(nowMillis, zone);
    this.district = district;
  }

  @Override
  public void accumulate(Map.Entry<String, AgencyState> entry) {
    AgencyState s = entry.getValue();
    if (s == null || (district != null && !district.equals(s.district()))) {
      return;
    }
    readings.add(AgencyReading.of(s, clock(), nowMillis));
  }

  @Override
  public void combine(Aggregator aggregator) {
    readings.addAll(((ReadingsAggregator) aggregator).readings);
  }

  @Override
  public List<AgencyReading> aggregate() {
    return readings;
  }

  @Override
  public int getClassId() {
    return Serializers.READINGS_AGGREGATOR;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    super.writeData(out);
    out.writeString(district);
    out.writeInt(readings.size());
    for (AgencyReading r : readings) {
      r.writeTo(out);
    }
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    super.readData(in);
    district = in.readString();
    int n = in.readInt();
    readings = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      readings.add(AgencyReading.readFrom(in));
    }
  }
}
