package cn.cq.ipmonitor.sim;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The misconduct of the backfill that is tied to "now" rather than to a rate: the surge of the
 * last day, the revocation some weeks ago, the complaints of the last month. Rate-like misconduct
 * (abnormal notices, overload, low grant rate, malicious trademarks) lives in the agencies' profiles.
 */
final class BackfillEpisodes {

  /** A surge is 8-15 times the normal daily rate, at least 20 filings, inside the last 20 hours. */
  static final double SURGE_MIN_FACTOR = 8;
  static final double SURGE_MAX_FACTOR = 15;
  static final int SURGE_MIN_FILINGS = 20;
  private static final long SURGE_SPAN = 20 * ActivityCurve.HOUR;
  private static final int REVOKED_MIN_DAYS_AGO = 21;
  private static final int REVOKED_MAX_DAYS_AGO = 42;
  /** The penalty decision is recorded a little before the registry changes the status. */
  private static final long PENALTY_LEAD = 10 * ActivityCurve.MINUTE;
  private static final int REVOKED_MIN_EXTRA_FILINGS = 2;
  private static final int REVOKED_MAX_EXTRA_FILINGS = 4;
  private static final int COMPLAINTS_MIN = 6;
  private static final int COMPLAINTS_MAX = 12;
  private static final int COMPLAINT_DAYS = 30;
  private static final long EPISODE_SALT = 0xE915L;

  private BackfillEpisodes() {
  }

  /** Every planted episode's events inside the window (start, now], unsorted. */
  static List<Draft> plan(List<SimAgency> agencies, double scale, long seed, long start, long now,
                          Drafts drafts, ExtraFilings extra) {
    SplittableRandom rng = new SplittableRandom(Draws.mix(seed, EPISODE_SALT));
    List<Draft> out = new ArrayList<>();
    for (SimAgency a : agencies) {
      switch (a.misbehaviour()) {
        case SURGE -> surge(a, scale, now, rng, drafts, extra, out);
        case REVOKED_FILING -> revocation(a, start, now, rng, drafts, extra, out);
        case COMPLAINTS -> complaints(a, now, rng, drafts, out);
        default -> { }
      }
    }
    out.removeIf(d -> d.at() <= start || d.at() > now);
    return out;
  }

  /** Filings a surge adds: the factor times the agency's mean daily volume, never fewer than the floor. */
  static int surgeSize(SimAgency a, double scale, SplittableRandom rng) {
    double daily = (a.profile().patentsPerYear() + a.profile().trademarksPerYear()) * scale
        / ActivityCurve.DAYS_PER_YEAR;
    return Math.max(SURGE_MIN_FILINGS,
        (int) Math.round(Draws.uniform(rng, SURGE_MIN_FACTOR, SURGE_MAX_FACTOR) * daily));
  }

  private static void surge(SimAgency a, double scale, long now, SplittableRandom rng, Drafts drafts,
                            ExtraFilings extra, List<Draft> out) {
    int n = surgeSize(a, scale, rng);
    for (int i = 0; i < n; i++) {
      long at = ActivityCurve.floorSecond(now - rng.nextLong(SURGE_SPAN));
      out.add(drafts.filed(extra.create(a, at, rng)));
    }
  }

  private static void revocation(SimAgency a, long start, long now, SplittableRandom rng, Drafts drafts,
                                 ExtraFilings extra, List<Draft> out) {
    LocalDate day = ActivityCurve.workingDayFrom(ActivityCurve.dateOf(now)
        .minusDays(Draws.between(rng, REVOKED_MIN_DAYS_AGO, REVOKED_MAX_DAYS_AGO)));
    long revokedAt = ActivityCurve.sampleInstant(day, rng);
    if (revokedAt <= start + PENALTY_LEAD || revokedAt >= now) {
      revokedAt = ActivityCurve.floorSecond(start + (now - start) / 2); // a short window: revoke mid-way
    }
    out.add(drafts.penalty(a, revokedAt - PENALTY_LEAD, "REVOCATION", 0));
    out.add(drafts.statusChanged(a, revokedAt, Drafts.REVOKED));
    // The day model keeps the agency filing; these make sure filings follow even in a short window.
    int n = Draws.between(rng, REVOKED_MIN_EXTRA_FILINGS, REVOKED_MAX_EXTRA_FILINGS);
    for (int i = 0; i < n; i++) {
      long at = ActivityCurve.floorSecond(revokedAt + 1 + rng.nextLong(Math.max(1, now - revokedAt - 1)));
      out.add(drafts.filed(extra.create(a, Math.max(at, revokedAt + ActivityCurve.SECOND), rng)));
    }
  }

  private static void complaints(SimAgency a, long now, SplittableRandom rng, Drafts drafts, List<Draft> out) {
    int n = Draws.between(rng, COMPLAINTS_MIN, COMPLAINTS_MAX);
    LocalDate today = ActivityCurve.dateOf(now);
    for (int i = 0; i < n; i++) {
      long at = ActivityCurve.sampleInstant(today.minusDays(rng.nextInt(COMPLAINT_DAYS)), rng);
      if (at > now) {
        at = ActivityCurve.floorSecond(now - rng.nextLong(ActivityCurve.HOUR));
      }
      out.add(drafts.complaint(a, at, rng));
    }
  }
}
