package cn.cq.ipmonitor.state;

import cn.cq.ipmonitor.config.ClusterConfig;
import cn.cq.ipmonitor.indicator.AgencyReading;
import cn.cq.ipmonitor.indicator.AgencyState;
import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.SerializerConfig;
import com.hazelcast.config.SplitBrainProtectionConfig;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import java.util.List;

/**
 * Builds the Hazelcast member configuration: Vert.x's own cluster structures (from vertx-hazelcast's
 * defaults) plus the monitor's maps and serialisers, with TCP-IP discovery only (multicast and
 * auto-detection off: on a shared machine they would join strangers).
 */
public final class HazelcastSetup {

  private HazelcastSetup() {
  }

  public static Config config(ClusterConfig cluster) {
    Config c = ConfigUtil.loadConfig();
    c.setClusterName(cluster.name());
    c.setProperty("hazelcast.logging.type", "slf4j");
    c.setProperty("hazelcast.phone.home.enabled", "false");
    c.setProperty("hazelcast.wait.seconds.before.join", Integer.toString(cluster.joinWaitSeconds()));
    c.setProperty("hazelcast.shutdownhook.enabled", "false");

    NetworkConfig net = c.getNetworkConfig();
    net.setPort(cluster.port()).setPortCount(cluster.portCount()).setPortAutoIncrement(true);
    net.getInterfaces().setEnabled(true).setInterfaces(List.of(cluster.host()));
    JoinConfig join = net.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true)
        .setMembers(cluster.members().isEmpty() ? List.of(cluster.host()) : cluster.members());

    // Below minMembers every call on the state fails fast: a node cut off from its cluster answers 503
    // rather than numbers that stopped moving.
    if (cluster.minMembers() > 1) {
      c.addSplitBrainProtectionConfig(new SplitBrainProtectionConfig(StateNames.MIN_MEMBERS_RULE, true,
          cluster.minMembers()));
    }
    c.addMapConfig(new MapConfig(StateNames.AGENCIES)
        .setInMemoryFormat(InMemoryFormat.OBJECT)
        .setBackupCount(cluster.backupCount())
        .setSplitBrainProtectionName(cluster.minMembers() > 1 ? StateNames.MIN_MEMBERS_RULE : null)
        .setStatisticsEnabled(true));
    c.addMapConfig(new MapConfig(StateNames.META).setBackupCount(cluster.backupCount()));

    c.getSerializationConfig()
        .addDataSerializableFactory(StateNames.FACTORY_ID, new Serializers.Factory())
        .addSerializerConfig(new SerializerConfig().setTypeClass(AgencyState.class)
            .setImplementation(new Serializers.AgencyStateSerializer()))
        .addSerializerConfig(new SerializerConfig().setTypeClass(AgencyReading.class)
            .setImplementation(new Serializers.AgencyReadingSerializer()));
    return c;
  }
}
