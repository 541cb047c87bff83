package cn.cq.ipmonitor.sim;

import java.time.LocalDate;
import java.util.List;

/**
 * The day model's events as one time-ordered stream from a window start onwards, generated a day
 * at a time. Before the first day it quietly generates the days whose decisions still fall due
 * inside the window (the "pre-roll"), so the window starts in steady state: inventions decided
 * this year were filed one or two years ago.
 */
final class Timeline {

  /** Longest filing-to-decision delay plus a week for weekends and notice batches. */
  static final int PRE_ROLL_DAYS = IpType.INVENTION.maxDecisionDays + 7;

  private final DayModel model;
  private final long start;
  private final OutcomeBook book;
  private LocalDate nextDay;
  private List<Draft> today = List.of();
  private int pos;
  private boolean preRolled;

  /** Emits events strictly after {@code start}. */
  Timeline(DayModel model, long start) {
    this.model = model;
    this.start = start;
    this.book = new OutcomeBook(start);
    this.nextDay = ActivityCurve.dateOf(start);
  }

  /** The next event at or before {@code until}, without consuming it; null if there is none yet. */
  Draft peek(long until) {
    preRoll();
    while (true) {
      while (pos < today.size()) {
        Draft d = today.get(pos);
        if (d.at() > start) {
          return d.at() <= until ? d : null;
        }
        pos++; // the window's first day began before the window
      }
      if (ActivityCurve.startOfDay(nextDay) > until) {
        return null;
      }
      today = model.generate(nextDay, true, book);
      pos = 0;
      nextDay = nextDay.plusDays(1);
    }
  }

  /** Consumes the event {@link #peek} returned. */
  void advance() {
    pos++;
  }

  long pendingDecisions() {
    return book.size();
  }

  private void preRoll() {
    if (preRolled) {
      return;
    }
    preRolled = true;
    for (LocalDate d = nextDay.minusDays(PRE_ROLL_DAYS); d.isBefore(nextDay); d = d.plusDays(1)) {
      model.generate(d, false, book);
    }
  }
}
