package cn.cq.ipmonitor.state;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Agency state on a single Hazelcast member")
class SingleMemberAgencyStoreTest extends AgencyStoreSuite {

  private static StoreMembers members;

  @BeforeAll
  static void start() {
    members = new StoreMembers(1);
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
