package cn.cq.ipmonitor.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChannelNameTest {

  @Test
  void parsesTheFourKinds() {
    assertEquals(ChannelName.CITY, ChannelName.parse("city"));
    assertEquals(ChannelName.ALERTS, ChannelName.parse("alerts"));
    assertEquals(new ChannelName(ChannelName.Kind.DISTRICT, "500105"), ChannelName.parse("district:500105"));
    assertEquals(new ChannelName(ChannelName.Kind.AGENCY, "P-500105-0007"), ChannelName.parse("agency:P-500105-0007"));
    assertEquals("district:500105", ChannelName.parse("district:500105").toString());
    assertEquals("agency:A1", ChannelName.parse("agency:A1").toString());
    assertTrue(ChannelName.CITY.isSnapshot());
    assertFalse(ChannelName.ALERTS.isSnapshot());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "City", "district:", "district:110101", "district:500105x", "agency:", "agency:a b",
      "agency:../x", "agency:0123456789012345678901234567890123", "alerts:500105", "weather"})
  void refusesWithAReason(String s) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChannelName.parse(s));
    assertFalse(e.getMessage().isBlank());
  }

  @Test
  void refusesNull() {
    assertThrows(IllegalArgumentException.class, () -> ChannelName.parse(null));
  }
}
