package cn.cq.ipmonitor.sim;

import cn.cq.ipmonitor.config.SimulatorConfig;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * The simulator's event source: a year of history ({@link #backfill}) and then the present
 * ({@link #live}), as contract JSON. Pure and seeded: the same seed and the same calls give the
 * same events. Not thread-safe: one caller at a time.
 *
 * <p>The ordinary life of the city is generated day by day from (seed, date), so a restarted
 * simulator reproduces the same events with the same ids and the monitor's idempotency absorbs
 * them. Misconduct episodes are added on top.
 */
public final class EventGenerator {

  private final SimulatorConfig config;
  private final List<SimAgency> agencies;
  private final Drafts drafts;
  private final DayModel model;
  private final OutcomeRules rules = new OutcomeRules();
  private final ExtraFilings extra = new ExtraFilings();
  private final EventWriter writer = new EventWriter();
  private final LiveEpisodes liveEpisodes;
  /** Episode events waiting for their time, merged with the day model's stream. */
  private final PriorityQueue<Draft> pending = new PriorityQueue<>(Draft.ORDER);
  private Timeline timeline;
  private RateStream rateStream;

  public EventGenerator(SimulatorConfig config) {
    if (!(config.scale() > 0)) {
      throw new IllegalArgumentException("simulator scale must be positive: " + config.scale());
    }
    if (config.backfillDays() < 0) {
      throw new IllegalArgumentException("backfillDays must not be negative: " + config.backfillDays());
    }
    this.config = config;
    this.agencies = AgencyPopulation.generate(config);
    this.drafts = new Drafts(config.seed());
    this.model = new DayModel(agencies, config, drafts, rules);
    this.liveEpisodes = new LiveEpisodes(agencies, config, drafts, extra);
  }

  /** Every simulated agency, patent agencies first. */
  public List<SimAgency> agencies() {
    return agencies;
  }

  /** The agencies with planted misconduct. */
  public List<SimAgency> misbehaving() {
    return agencies.stream().filter(a -> a.misbehaviour() != Misbehaviour.NONE).toList();
  }

  /**
   * The last {@code backfillDays} days up to {@code nowMillis}, in event-time order, generated
   * lazily a day at a time: first every agency's AGENCY_REGISTERED at the window start, then the
   * window's events. Decisions that fall due after {@code nowMillis} are kept for {@link #live}.
   * Call once, before {@code live}.
   */
  public Iterator<SimEvent> backfill(long nowMillis) {
    if (timeline != null) {
      throw new IllegalStateException("the backfill has already run");
    }
    long start = ActivityCurve.floorSecond(nowMillis - config.backfillDays() * ActivityCurve.DAY);
    timeline = new Timeline(model, start);
    pending.addAll(BackfillEpisodes.plan(agencies, config.scale(), config.seed(), start, nowMillis,
        drafts.namespaced("e" + ActivityCurve.dateOf(nowMillis).toEpochDay() + "-"), extra));
    Iterator<Draft> registrations = registrations(start).iterator();
    return new Iterator<>() {
      private Draft next;

      @Override
      public boolean hasNext() {
        if (next == null) {
          next = registrations.hasNext() ? registrations.next() : nextDue(nowMillis, true);
        }
        return next != null;
      }

      @Override
      public SimEvent next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Draft d = next;
        next = null;
        return writer.write(d);
      }
    };
  }

  /**
   * The events of [fromMillis, toMillis], in event-time order: the day model's (or, when
   * {@code liveEventsPerSecond > 0}, a fixed-rate stream of the same mix) plus live misconduct.
   * Meant to be called with contiguous intervals; events of a skipped gap are dropped.
   */
  public List<SimEvent> live(long fromMillis, long toMillis) {
    if (toMillis < fromMillis) {
      throw new IllegalArgumentException("empty interval [" + fromMillis + ", " + toMillis + "]");
    }
    List<Draft> drafts = new ArrayList<>();
    if (timeline == null) {
      // Live without a backfill: the monitor still needs the registry first.
      timeline = new Timeline(model, fromMillis - 1);
      drafts.addAll(registrations(ActivityCurve.ceilSecond(fromMillis)));
    }
    boolean rateMode = config.liveEventsPerSecond() > 0;
    if (rateMode) {
      if (rateStream == null) {
        rateStream = new RateStream(agencies, config, this.drafts, rules, fromMillis);
      }
      pending.addAll(rateStream.emit(fromMillis, toMillis));
    }
    pending.addAll(liveEpisodes.start(fromMillis, toMillis));
    for (Draft d = nextDue(toMillis, !rateMode); d != null; d = nextDue(toMillis, !rateMode)) {
      if (d.at() >= fromMillis) {
        drafts.add(d);
      }
    }
    List<SimEvent> out = new ArrayList<>(drafts.size());
    for (Draft d : drafts) {
      out.add(writer.write(d));
    }
    return out;
  }

  /** Decisions generated but not yet due (diagnostics: the generator's main memory use). */
  public long pendingDecisions() {
    return timeline == null ? 0 : timeline.pendingDecisions();
  }

  /** Live misconduct episodes started so far. */
  public long liveEpisodesStarted() {
    return liveEpisodes.started();
  }

  private List<Draft> registrations(long at) {
    return agencies.stream().map(a -> drafts.registered(a, at)).toList();
  }

  /** The earliest event at or before {@code until} of the day model (if used) and the pending episodes. */
  private Draft nextDue(long until, boolean useTimeline) {
    Draft fromModel = useTimeline ? timeline.peek(until) : null;
    Draft fromPending = pending.peek();
    if (fromPending != null && fromPending.at() > until) {
      fromPending = null;
    }
    if (fromModel == null && fromPending == null) {
      return null;
    }
    if (fromPending == null || (fromModel != null && Draft.ORDER.compare(fromModel, fromPending) <= 0)) {
      timeline.advance();
      return fromModel;
    }
    return pending.poll();
  }
}
