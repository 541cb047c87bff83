package cn.cq.ipmonitor.state;

import cn.cq.ipmonitor.indicator.AgencyReading;
import cn.cq.ipmonitor.indicator.AgencyState;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import com.hazelcast.nio.serialization.StreamSerializer;
import java.io.IOException;

/**
 * Hazelcast serialisation of the monitor's classes. The pure state classes write themselves to a
 * {@link java.io.DataOutput}; these adapters keep Hazelcast types out of the {@code indicator} package.
 */
final class Serializers {

  static final int APPLY_FACTS = 1;
  static final int READ_AGENCY = 2;
  static final int READINGS_AGGREGATOR = 3;
  static final int COMPACT = 4;
  static final int REPLAY_FACTS = 5;

  private Serializers() {
  }

  static final class AgencyStateSerializer implements StreamSerializer<AgencyState> {
    @Override
    public void write(ObjectDataOutput out, AgencyState s) throws IOException {
      s.writeTo(out);
    }

    @Override
    public AgencyState read(ObjectDataInput in) throws IOException {
      return AgencyState.readFrom(in);
    }

    @Override
    public int getTypeId() {
      return StateNames.AGENCY_STATE_TYPE;
    }
  }

  static final class AgencyReadingSerializer implements StreamSerializer<AgencyReading> {
    @Override
    public void write(ObjectDataOutput out, AgencyReading r) throws IOException {
      r.writeTo(out);
    }

    @Override
    public AgencyReading read(ObjectDataInput in) throws IOException {
      return AgencyReading.readFrom(in);
    }

    @Override
    public int getTypeId() {
      return StateNames.AGENCY_READING_TYPE;
    }
  }

  static final class Factory implements DataSerializableFactory {
    @Override
    public IdentifiedDataSerializable create(int typeId) {
      return switch (typeId) {
        case APPLY_FACTS -> new ApplyFacts();
        case READ_AGENCY -> new ReadAgency();
        case READINGS_AGGREGATOR -> new ReadingsAggregator();
        case COMPACT -> new CompactAgency();
        case REPLAY_FACTS -> new ReplayFacts();
        default -> null;
      };
    }
  }
}
