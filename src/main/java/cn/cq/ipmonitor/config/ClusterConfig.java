package cn.cq.ipmonitor.config;

import java.util.List;

/**
 * The Hazelcast member this node runs (it is also the Vert.x cluster manager).
 *
 * @param name          cluster name; members with another name never join
 * @param host          interface the member binds to and advertises
 * @param port          first port tried; {@code 0} picks a free one
 * @param portCount     how many ports from {@code port} on may be tried
 * @param members       TCP-IP members to join ({@code host} or {@code host:port}); empty means a cluster of one
 * @param backupCount   synchronous backups of per-agency state
 * @param joinWaitSeconds Hazelcast's wait before join; small on one machine
 * @param minMembers    below this many members a node is cut off: its state calls fail (503) instead of
 *                      answering with numbers that may be stale, and it is not ready
 */
public record ClusterConfig(String name, String host, int port, int portCount, List<String> members,
                            int backupCount, int joinWaitSeconds, int minMembers) {
  public ClusterConfig {
    members = List.copyOf(members);
  }
}
