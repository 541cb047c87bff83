package cn.cq.ipmonitor.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Districts")
class DistrictsTest {

  @Test
  @DisplayName("lists Chongqing's 38 districts and counties, each code once, all 6-digit 50xxxx")
  void thirtyEight() {
    List<Districts.District> all = Districts.all();
    assertEquals(38, all.size());
    Set<String> codes = new HashSet<>();
    for (Districts.District d : all) {
      assertTrue(d.code().matches("50\\d{4}"), d.code());
      assertTrue(codes.add(d.code()), "duplicate " + d.code());
      assertTrue(Districts.isValid(d.code()));
      assertEquals(d, Districts.byCode(d.code()).orElseThrow());
      assertFalse(d.nameZh().isBlank());
      assertFalse(d.nameEn().isBlank());
    }
  }

  @Test
  @DisplayName("groups them 9 central, 12 new main-city, 11 north-east, 6 south-east")
  void groups() {
    Map<Districts.Group, Long> byGroup = Districts.all().stream()
        .collect(Collectors.groupingBy(Districts.District::group, Collectors.counting()));
    assertEquals(9L, byGroup.get(Districts.Group.CENTRAL_CITY));
    assertEquals(12L, byGroup.get(Districts.Group.NEW_MAIN_CITY));
    assertEquals(11L, byGroup.get(Districts.Group.NORTH_EAST));
    assertEquals(6L, byGroup.get(Districts.Group.SOUTH_EAST));
    assertEquals("渝北区", Districts.byCode("500112").orElseThrow().nameZh());
    assertEquals(Districts.Group.CENTRAL_CITY, Districts.byCode("500103").orElseThrow().group());
  }

  @ParameterizedTest(name = "[{0}]")
  @NullAndEmptySource
  @ValueSource(strings = {"500000", "500100", "110101", "510104", "50011", "5001120", " 500112", "500112 "})
  @DisplayName("knows no other code")
  void unknown(String code) {
    assertFalse(Districts.isValid(code));
    assertTrue(Districts.byCode(code).isEmpty());
  }

  @Test
  @DisplayName("hands out a list nobody can change")
  void immutable() {
    assertThrows(UnsupportedOperationException.class, () -> Districts.all().clear());
    assertEquals(38, Districts.all().size());
  }
}
