package cn.cq.ipmonitor.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Agency state on a cluster of three Hazelcast members")
class ClusteredAgencyStoreTest extends AgencyStoreSuite {

  private static StoreMembers members;

  @BeforeAll
  static void start() {
    members = new StoreMembers(3);
    assertEquals(3, members.members.get(0).getCluster().getMembers().size(), "the three members form one cluster");
  }

  @AfterAll
  static void stop() {
    members.close();
  }

  @Override
  List<AgencyStore> stores() {
    return members.stores;
  }
}
