package cn.cq.ipmonitor.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReplayBufferTest {

  @Test
  void numbersFromOneAndReplaysWhatIsKept() {
    ReplayBuffer b = new ReplayBuffer(3);
    assertEquals(0, b.lastSeq());
    assertEquals(1, b.nextSeq());
    assertEquals(Optional.of(List.of()), b.after(0), "nothing yet, nothing missed");
    for (int i = 1; i <= 5; i++) {
      assertEquals(i, b.append("m" + i));
    }
    assertEquals(Optional.of(List.of("m3", "m4", "m5")), b.after(2));
    assertEquals(Optional.of(List.of("m5")), b.after(4));
    assertEquals(Optional.of(List.of()), b.after(5), "up to date");
    assertTrue(b.after(1).isEmpty(), "m2 is gone: only a snapshot will do");
    assertTrue(b.after(6).isEmpty(), "a seq from the future is from another stream");
    assertTrue(b.after(-1).isEmpty());
  }

  @Test
  void wrapsManyTimes() {
    ReplayBuffer b = new ReplayBuffer(4);
    for (int i = 1; i <= 1003; i++) {
      b.append("m" + i);
    }
    assertEquals(Optional.of(List.of("m1001", "m1002", "m1003")), b.after(1000));
    assertEquals(Optional.of(List.of("m1000", "m1001", "m1002", "m1003")), b.after(999));
    assertTrue(b.after(998).isEmpty());
  }

  @Test
  void refusesNoCapacity() {
    assertThrows(IllegalArgumentException.class, () -> new ReplayBuffer(0));
  }
}
