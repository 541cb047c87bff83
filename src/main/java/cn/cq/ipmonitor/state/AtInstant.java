package cn.cq.ipmonitor.state;

import cn.cq.ipmonitor.indicator.BucketClock;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.time.ZoneId;

/**
 * What every processor and aggregator sent to the members shares: the instant it works at (the caller's
 * clock, so that a primary and its backup, or several members of one query, agree) and the zone of day
 * buckets.
 */
abstract class AtInstant implements IdentifiedDataSerializable {

  protected long nowMillis;
  protected String zone;
  private transient BucketClock clock;

  AtInstant() {
  }

  AtInstant(long nowMillis, String zone) {
    this.nowMillis = nowMillis;
    this.zone = zone;
  }

  protected BucketClock clock() {
    if (clock == null) {
      clock = new BucketClock(ZoneId.of(zone));
    }
    return clock;
  }

  @Override
  public int getFactoryId() {
    return StateNames.FACTORY_ID;
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
