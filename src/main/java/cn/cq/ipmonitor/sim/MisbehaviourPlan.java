package cn.cq.ipmonitor.sim;

import cn.cq.ipmonitor.event.AgencyKind;
import cn.cq.ipmonitor.config.SimulatorConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Plants misconduct on a small share of the population, at least one agency of every kind, and
 * sizes those agencies so the monitor's indicators can see it (an indicator is null under 30 cases).
 */
final class MisbehaviourPlan {

  /** About 5% of patent agencies misbehave, and about 0.5% of trademark agencies. */
  static final double PATENT_SHARE = 0.05;
  static final double TRADEMARK_SHARE = 0.005;
  private static final Misbehaviour[] PATENT_KINDS = {
      Misbehaviour.SURGE, Misbehaviour.ABNORMAL_BATCH, Misbehaviour.REVOKED_FILING,
      Misbehaviour.OVERLOAD, Misbehaviour.LOW_GRANT_RATE, Misbehaviour.COMPLAINTS};
  /** Very large agencies are left alone: the planted cases should read as the typical small offender. */
  private static final int MAX_CANDIDATE_ATTORNEYS = 19;

  /** A surge is only visible against a mean of at least one filing a day. */
  private static final int SURGE_MIN_ATTORNEYS = 6;
  /** Enough filings that a 7.5-10% notice share does not drown in noise. */
  private static final int ABNORMAL_MIN_ATTORNEYS = 5;
  /** Enough attorneys for the 200 closed invention cases the LOW_GRANT_RATE rule needs. */
  private static final int LOW_GRANT_MIN_ATTORNEYS = 8;
  private static final int OTHER_MIN_ATTORNEYS = 2;
  private static final int OVERLOAD_MIN_ATTORNEYS = 2;
  private static final int OVERLOAD_MAX_ATTORNEYS = 3;
  private static final double OVERLOAD_MIN_PER_ATTORNEY = 380;
  private static final double OVERLOAD_MAX_PER_ATTORNEY = 450;
  private static final double LOW_GRANT_MIN = 0.15;
  private static final double LOW_GRANT_MAX = 0.20;
  private static final double ABNORMAL_MIN = 0.075;
  private static final double ABNORMAL_MAX = 0.10;
  private static final double ABNORMAL_WITHDRAWAL_MIN = 0.50;
  private static final double ABNORMAL_WITHDRAWAL_MAX = 0.60;
  private static final double MALICIOUS_MIN = 0.07;
  private static final double MALICIOUS_MAX = 0.09;
  private static final int MALICIOUS_MIN_STAFF = 4;

  private MisbehaviourPlan() {
  }

  static List<SimAgency> apply(List<SimAgency> agencies, SimulatorConfig config, SplittableRandom rng) {
    List<SimAgency> result = new ArrayList<>(agencies);
    List<SimAgency> patentCandidates = shuffled(agencies.stream()
        .filter(a -> a.filesPatents() && a.attorneys() <= MAX_CANDIDATE_ATTORNEYS).toList(), rng);
    int patentCount = Math.min(patentCandidates.size(),
        Math.max((int) Math.round(config.patentAgencies() * PATENT_SHARE),
            Math.min(PATENT_KINDS.length, config.patentAgencies())));
    for (int i = 0; i < patentCount; i++) {
      // The first round gives every kind one agency; any extra agencies get a kind at random.
      Misbehaviour kind = i < PATENT_KINDS.length ? PATENT_KINDS[i] : PATENT_KINDS[rng.nextInt(PATENT_KINDS.length)];
      SimAgency a = patentCandidates.get(i);
      result.set(a.index(), patentOffender(a, kind, rng));
    }
    List<SimAgency> trademarkCandidates = shuffled(agencies.stream()
        .filter(a -> a.kind() == AgencyKind.TRADEMARK).toList(), rng);
    int trademarkCount = Math.min(trademarkCandidates.size(),
        Math.max(1, (int) Math.round(config.trademarkAgencies() * TRADEMARK_SHARE)));
    for (int i = 0; i < trademarkCount; i++) {
      SimAgency a = trademarkCandidates.get(i);
      int staff = Math.max(a.attorneys(), MALICIOUS_MIN_STAFF);
      SimAgency.Profile profile = a.profile()
          .withTrademarksPerYear(a.profile().trademarksPerYear() * staff / a.attorneys())
          .withMaliciousShare(Draws.uniform(rng, MALICIOUS_MIN, MALICIOUS_MAX));
      result.set(a.index(), a.with(Misbehaviour.MALICIOUS_TM, staff, profile));
    }
    return List.copyOf(result);
  }

  private static SimAgency patentOffender(SimAgency a, Misbehaviour kind, SplittableRandom rng) {
    SimAgency.Profile p = a.profile();
    return switch (kind) {
      case SURGE -> resized(a, kind, SURGE_MIN_ATTORNEYS, rng);
      case ABNORMAL_BATCH -> {
        SimAgency sized = resized(a, kind, ABNORMAL_MIN_ATTORNEYS, rng);
        yield sized.with(kind, sized.attorneys(), sized.profile().withAbnormal(
            Draws.uniform(rng, ABNORMAL_MIN, ABNORMAL_MAX),
            Draws.uniform(rng, ABNORMAL_WITHDRAWAL_MIN, ABNORMAL_WITHDRAWAL_MAX)));
      }
      case OVERLOAD -> {
        int attorneys = Draws.between(rng, OVERLOAD_MIN_ATTORNEYS, OVERLOAD_MAX_ATTORNEYS);
        double perAttorney = Draws.uniform(rng, OVERLOAD_MIN_PER_ATTORNEY, OVERLOAD_MAX_PER_ATTORNEY);
        yield a.with(kind, attorneys, p.withPatentsPerYear(attorneys * perAttorney));
      }
      case LOW_GRANT_RATE -> {
        SimAgency sized = resized(a, kind, LOW_GRANT_MIN_ATTORNEYS, rng);
        yield sized.with(kind, sized.attorneys(),
            sized.profile().withInventionGrantRate(Draws.uniform(rng, LOW_GRANT_MIN, LOW_GRANT_MAX)));
      }
      default -> resized(a, kind, OTHER_MIN_ATTORNEYS, rng);
    };
  }

  /** Raises the agency to {@code minAttorneys} (with a normal per-attorney volume) if it is smaller. */
  private static SimAgency resized(SimAgency a, Misbehaviour kind, int minAttorneys, SplittableRandom rng) {
    if (a.attorneys() >= minAttorneys) {
      return a.with(kind, a.attorneys(), a.profile());
    }
    double productivity = Draws.uniform(rng, AgencyPopulation.MIN_PRODUCTIVITY, AgencyPopulation.MAX_PRODUCTIVITY);
    return a.with(kind, minAttorneys,
        a.profile().withPatentsPerYear(minAttorneys * AgencyPopulation.FILINGS_PER_ATTORNEY * productivity));
  }

  private static List<SimAgency> shuffled(List<SimAgency> list, SplittableRandom rng) {
    List<SimAgency> copy = new ArrayList<>(list);
    for (int i = copy.size() - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      copy.set(j, copy.set(i, copy.get(j)));
    }
    return copy;
  }
}
