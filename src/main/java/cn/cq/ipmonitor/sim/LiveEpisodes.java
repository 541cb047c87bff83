package cn.cq.ipmonitor.sim;

import cn.cq.ipmonitor.config.SimulatorConfig;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Misconduct that starts while the monitor watches: on average {@code misbehaviourPerHour} a
 * patent agency begins a surge, receives a burst of abnormal notices, or is revoked and files on.
 * An episode's events are returned at once; the caller releases them as their time comes.
 */
final class LiveEpisodes {

  private static final Logger LOG = LoggerFactory.getLogger(LiveEpisodes.class);

  enum Kind { SURGE, ABNORMAL_BURST, REVOKED_FILING }

  /** Revocations are permanent, so they are rarer than the other two. */
  private static final double[] KIND_WEIGHTS = {0.4, 0.4, 0.2};
  private static final long SURGE_MIN_SPAN = 30 * ActivityCurve.MINUTE;
  private static final long SURGE_MAX_SPAN = 60 * ActivityCurve.MINUTE;
  /** At least 20 notices within minutes: the monitor's ABNORMAL_BURST threshold. */
  private static final int BURST_MIN = 20;
  private static final int BURST_MAX = 40;
  private static final long BURST_MIN_SPAN = 2 * ActivityCurve.MINUTE;
  private static final long BURST_MAX_SPAN = 5 * ActivityCurve.MINUTE;
  /** Notified applications were filed some weeks or months before. */
  private static final int NOTIFIED_MIN_AGE_DAYS = 20;
  private static final int NOTIFIED_MAX_AGE_DAYS = 120;
  private static final long STATUS_DELAY = ActivityCurve.MINUTE;
  private static final int REVOKED_MIN_FILINGS = 1;
  private static final int REVOKED_MAX_FILINGS = 5;
  private static final long REVOKED_MIN_SPAN = 10 * ActivityCurve.MINUTE;
  private static final long REVOKED_MAX_SPAN = 30 * ActivityCurve.MINUTE;
  private static final long LIVE_SALT = 0x11FEL;

  private final List<SimAgency> candidates;
  private final SimulatorConfig config;
  private final Drafts drafts;
  private final ExtraFilings extra;
  private final SplittableRandom rng;
  private final Set<String> revoked = new HashSet<>();
  private long started;

  LiveEpisodes(List<SimAgency> agencies, SimulatorConfig config, Drafts drafts, ExtraFilings extra) {
    this.candidates = agencies.stream().filter(SimAgency::filesPatents).toList();
    this.config = config;
    this.drafts = drafts;
    this.extra = extra;
    this.rng = new SplittableRandom(Draws.mix(config.seed(), LIVE_SALT));
    agencies.stream().filter(a -> a.misbehaviour() == Misbehaviour.REVOKED_FILING).forEach(a -> revoked.add(a.id()));
  }

  /** The events of every episode starting in [from, to]; later parts are timed after {@code to}. */
  List<Draft> start(long from, long to) {
    List<Draft> out = new ArrayList<>();
    long first = ActivityCurve.ceilSecond(from);
    long last = ActivityCurve.floorSecond(to);
    if (candidates.isEmpty() || last < first) {
      return out;
    }
    int n = Draws.poisson(rng, config.misbehaviourPerHour() * (to - from) / ActivityCurve.HOUR);
    for (int i = 0; i < n; i++) {
      long at = first + rng.nextLong(last - first + 1) / ActivityCurve.SECOND * ActivityCurve.SECOND;
      Kind kind = Kind.values()[Draws.weighted(rng, KIND_WEIGHTS)];
      SimAgency a = candidates.get(rng.nextInt(candidates.size()));
      if (kind == Kind.REVOKED_FILING && !revoked.add(a.id())) {
        kind = Kind.SURGE; // already revoked: revoking again says nothing new
      }
      Drafts ns = drafts.namespaced("e" + at / ActivityCurve.SECOND + "-");
      int before = out.size();
      switch (kind) {
        case SURGE -> surge(a, at, ns, out);
        case ABNORMAL_BURST -> burst(a, at, ns, out);
        case REVOKED_FILING -> revocation(a, at, ns, out);
      }
      started++;
      LOG.info("Live misbehaviour episode {} at agency {} ({} events)", kind, a.id(), out.size() - before);
    }
    return out;
  }

  long started() {
    return started;
  }

  private void surge(SimAgency a, long at, Drafts ns, List<Draft> out) {
    int n = BackfillEpisodes.surgeSize(a, config.scale(), rng);
    long span = SURGE_MIN_SPAN + rng.nextLong(SURGE_MAX_SPAN - SURGE_MIN_SPAN);
    for (int i = 0; i < n; i++) {
      out.add(ns.filed(extra.create(a, ActivityCurve.floorSecond(at + rng.nextLong(span)), rng)));
    }
  }

  private void burst(SimAgency a, long at, Drafts ns, List<Draft> out) {
    int n = Draws.between(rng, BURST_MIN, BURST_MAX);
    long span = BURST_MIN_SPAN + rng.nextLong(BURST_MAX_SPAN - BURST_MIN_SPAN);
    String batchId = OutcomeRules.batchId(OutcomeRules.batchKey(OutcomeRules.batchDate(ActivityCurve.dateOf(at))));
    LocalDate today = ActivityCurve.dateOf(at);
    for (int i = 0; i < n; i++) {
      LocalDate filedOn = today.minusDays(Draws.between(rng, NOTIFIED_MIN_AGE_DAYS, NOTIFIED_MAX_AGE_DAYS));
      IpType type = IpType.PATENTS[Draws.weighted(rng, DayModel.patentMix())];
      Filing f = extra.create(a, type, ActivityCurve.sampleInstant(filedOn, rng), rng);
      out.add(ns.abnormal(f, ActivityCurve.floorSecond(at + rng.nextLong(span)), OutcomeRules.category(rng), batchId));
    }
  }

  private void revocation(SimAgency a, long at, Drafts ns, List<Draft> out) {
    out.add(ns.penalty(a, at, "REVOCATION", 0));
    long revokedAt = at + STATUS_DELAY;
    out.add(ns.statusChanged(a, revokedAt, Drafts.REVOKED));
    int n = Draws.between(rng, REVOKED_MIN_FILINGS, REVOKED_MAX_FILINGS);
    long span = REVOKED_MIN_SPAN + rng.nextLong(REVOKED_MAX_SPAN - REVOKED_MIN_SPAN);
    for (int i = 0; i < n; i++) {
      long t = ActivityCurve.floorSecond(revokedAt + ActivityCurve.SECOND + rng.nextLong(span));
      out.add(ns.filed(extra.create(a, t, rng)));
    }
  }
}
