package cn.cq.ipmonitor.sim;

import cn.cq.ipmonitor.config.SimulatorConfig;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Live events at a fixed rate ({@code liveEventsPerSecond}) for load tests, with the day model's
 * mix: agencies in proportion to their volume, half filings and half decisions of earlier filings,
 * abnormal notices and malicious refusals at each agency's own shares.
 */
final class RateStream {

  private static final double FILING_SHARE = 0.5;
  /** Serials above every day-model range: [3,670,000, 7,000,000) is unused by day and episode filings. */
  private static final int SERIAL_FLOOR = 367 * DayModel.SERIALS_PER_DAY;
  private static final int SERIAL_SPAN = 7_000_000 - SERIAL_FLOOR;
  private static final long RATE_SALT = 0x4A7EL;

  private final List<SimAgency> agencies;
  private final double[] cumulative;
  private final double perMilli;
  private final OutcomeRules rules;
  private final SplittableRandom rng;
  private final Drafts drafts;
  private int serial;
  private long lastTo = Long.MIN_VALUE;
  private double owed;

  RateStream(List<SimAgency> agencies, SimulatorConfig config, Drafts drafts, OutcomeRules rules, long firstFrom) {
    this.agencies = agencies;
    this.cumulative = new double[agencies.size()];
    double sum = 0;
    for (int i = 0; i < agencies.size(); i++) {
      SimAgency.Profile p = agencies.get(i).profile();
      sum += p.patentsPerYear() + p.trademarksPerYear();
      cumulative[i] = sum;
    }
    this.perMilli = config.liveEventsPerSecond() / ActivityCurve.SECOND;
    this.rules = rules;
    this.rng = new SplittableRandom(Draws.mix(config.seed() ^ firstFrom, RATE_SALT));
    // Ids carry the start second so a restarted load run does not repeat the previous run's ids.
    this.drafts = drafts.namespaced("r" + firstFrom / ActivityCurve.SECOND + "-");
    this.serial = rng.nextInt(SERIAL_SPAN);
  }

  /** Events in whole seconds of (previous to, to]; a tick without a whole second carries its share on. */
  List<Draft> emit(long from, long to) {
    long lo = ActivityCurve.ceilSecond(lastTo == Long.MIN_VALUE ? from : Math.max(from, lastTo + 1));
    long hi = ActivityCurve.floorSecond(to);
    owed += perMilli * (to - (lastTo == Long.MIN_VALUE ? from : Math.max(from, lastTo)));
    lastTo = to;
    List<Draft> out = new ArrayList<>();
    if (hi < lo || cumulative.length == 0 || cumulative[cumulative.length - 1] <= 0) {
      return out;
    }
    int n = Draws.poisson(rng, owed);
    owed = 0;
    long seconds = (hi - lo) / ActivityCurve.SECOND + 1;
    for (int i = 0; i < n; i++) {
      out.add(event(lo + rng.nextLong(seconds) * ActivityCurve.SECOND));
    }
    out.sort(Draft.ORDER);
    return out;
  }

  private Draft event(long at) {
    double x = rng.nextDouble() * cumulative[cumulative.length - 1];
    int i = Arrays.binarySearch(cumulative, x);
    SimAgency a = agencies.get(i >= 0 ? Math.min(i + 1, cumulative.length - 1) : -i - 1);
    SimAgency.Profile p = a.profile();
    boolean patent = rng.nextDouble() * (p.patentsPerYear() + p.trademarksPerYear()) < p.patentsPerYear();
    IpType type = patent ? IpType.PATENTS[Draws.weighted(rng, DayModel.patentMix())] : IpType.TRADEMARK;
    if (Draws.chance(rng, FILING_SHARE)) {
      return drafts.filed(filing(a, type, at));
    }
    // A decision on an application filed one decision-delay ago.
    int age = Draws.between(rng, type.minDecisionDays, type.maxDecisionDays);
    LocalDate filedOn = ActivityCurve.dateOf(at).minusDays(age);
    Filing earlier = filing(a, type, ActivityCurve.sampleInstant(filedOn, rng));
    if (patent && Draws.chance(rng, p.abnormalShare())) {
      String batchId = OutcomeRules.batchId(OutcomeRules.batchKey(OutcomeRules.batchDate(ActivityCurve.dateOf(at))));
      return drafts.abnormal(earlier, at, OutcomeRules.category(rng), batchId);
    }
    return drafts.outcome(earlier, rules.closingType(a, type, rng), at);
  }

  private Filing filing(SimAgency a, IpType type, long at) {
    serial = (serial + 1) % SERIAL_SPAN;
    return new Filing(a, type, at, SERIAL_FLOOR + serial, DayModel.route(type, rng),
        rng.nextInt(Math.max(1, a.attorneys())), DayModel.client(a, rng));
  }
}
