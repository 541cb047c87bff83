package cn.cq.ipmonitor.sim;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decisions that fall due later, bucketed by day so a day's generation takes exactly its own.
 * Its size is the city's volume times the longest delay (~200k at scale 1): the one sizeable
 * structure of the generator, hence the compact {@link Filing}.
 */
final class OutcomeBook {

  private final Map<Long, List<OutcomeRules.Pending>> byDay = new HashMap<>();
  private final long notBefore;
  private long size;

  /** Decisions due at or before {@code notBefore} are not kept (they fall before the window). */
  OutcomeBook(long notBefore) {
    this.notBefore = notBefore;
  }

  void schedule(OutcomeRules.Pending p) {
    if (p.at() <= notBefore) {
      return;
    }
    byDay.computeIfAbsent(ActivityCurve.dateOf(p.at()).toEpochDay(), d -> new ArrayList<>()).add(p);
    size++;
  }

  /** Removes and returns the decisions due on {@code day}. */
  List<OutcomeRules.Pending> drain(LocalDate day) {
    List<OutcomeRules.Pending> due = byDay.remove(day.toEpochDay());
    if (due == null) {
      return List.of();
    }
    size -= due.size();
    return due;
  }

  long size() {
    return size;
  }
}
