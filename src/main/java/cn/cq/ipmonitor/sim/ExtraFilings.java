package cn.cq.ipmonitor.sim;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Filings made outside the day model (misbehaviour episodes). Their serials come from the part of
 * each day's serial range the day model leaves free, so their application numbers stay unique.
 */
final class ExtraFilings {

  private static final int FREE_PER_DAY = DayModel.SERIALS_PER_DAY - DayModel.EPISODE_SERIAL_BASE;

  private final Map<Long, Integer> used = new HashMap<>();

  /** A patent filing of the agency's usual type mix (a trademark one for a trademark-only agency). */
  Filing create(SimAgency a, long at, SplittableRandom rng) {
    IpType type = a.filesPatents() ? IpType.PATENTS[Draws.weighted(rng, DayModel.patentMix())] : IpType.TRADEMARK;
    return create(a, type, at, rng);
  }

  Filing create(SimAgency a, IpType type, long at, SplittableRandom rng) {
    return new Filing(a, type, at, next(ActivityCurve.dateOf(at), type), DayModel.route(type, rng),
        rng.nextInt(Math.max(1, a.attorneys())), DayModel.client(a, rng));
  }

  /**
   * The next free serial of {@code type} on {@code date}. Past 2,000 in one day (only at very large
   * scales) serials repeat; the simulator accepts that rather than widening the number format.
   */
  private int next(LocalDate date, IpType type) {
    long key = date.toEpochDay() * IpType.values().length + type.ordinal();
    int n = used.merge(key, 1, Integer::sum) - 1;
    return date.getDayOfYear() * DayModel.SERIALS_PER_DAY + DayModel.EPISODE_SERIAL_BASE + n % FREE_PER_DAY;
  }
}
