package cn.cq.ipmonitor.sim;

import cn.cq.ipmonitor.event.EventType;
import java.time.LocalDate;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * What becomes of a filing and when: the office decision after DOMAIN.md's delays, and for the
 * few that CNIPA notifies as abnormal, the notice in the next batch and (mostly) a withdrawal.
 */
final class OutcomeRules {

  /** A decision due later: an outcome event or an abnormal notice (then with category and batch). */
  record Pending(long at, Filing filing, EventType type, int category, int batch) {

    /** {@code 2026-B017}: the year and number of CNIPA's notice batch. */
    String batchId() {
      return OutcomeRules.batchId(batch);
    }
  }

  private static final double DESIGN_GRANT = 0.87;
  private static final double DESIGN_REJECT = 0.06;
  private static final double TRADEMARK_REGISTER = 0.65;
  private static final double TRADEMARK_REFUSE = 0.30;
  /** Inventions not granted end half in rejection, half in (deemed) withdrawal. */
  private static final double INVENTION_REJECT_SHARE_OF_REST = 0.5;

  /** CNIPA notifies in batches every two weeks, at the earliest a week after filing. */
  private static final int NOTICE_MIN_LAG_DAYS = 7;
  private static final int BATCH_INTERVAL_DAYS = 14;
  private static final long NOTICE_TIME_OF_DAY = 10 * ActivityCurve.HOUR;
  private static final long NOTICE_SPREAD_SECONDS = 30 * 60;
  private static final int BATCH_KEY = 1000;
  private static final int WITHDRAWAL_MIN_DAYS = 5;
  private static final int WITHDRAWAL_MAX_DAYS = 60;
  /** CNIPA order No. 77 categories 1..10; duplicates and fabrication are the most common. */
  private static final double[] CATEGORY_WEIGHTS = {30, 15, 10, 5, 8, 5, 7, 10, 5, 5};

  /** Decides the filing's future and hands every due event to {@code sink}. */
  void decide(Filing f, SplittableRandom rng, Consumer<Pending> sink) {
    SimAgency.Profile p = f.agency().profile();
    long decidedAt = decisionTime(f, rng);
    if (f.ipType().isPatent() && Draws.chance(rng, p.abnormalShare())) {
      int category = category(rng);
      LocalDate batchDate = batchDate(ActivityCurve.dateOf(f.filedAt()).plusDays(NOTICE_MIN_LAG_DAYS));
      long noticeAt = ActivityCurve.startOfDay(ActivityCurve.workingDayFrom(batchDate)) + NOTICE_TIME_OF_DAY
          + rng.nextLong(NOTICE_SPREAD_SECONDS) * ActivityCurve.SECOND;
      sink.accept(new Pending(noticeAt, f, EventType.ABNORMAL_NOTIFIED, category, batchKey(batchDate)));
      if (Draws.chance(rng, p.withdrawalAfterNotice())) {
        LocalDate day = ActivityCurve.dateOf(noticeAt)
            .plusDays(Draws.between(rng, WITHDRAWAL_MIN_DAYS, WITHDRAWAL_MAX_DAYS));
        sink.accept(new Pending(ActivityCurve.sampleInstant(ActivityCurve.workingDayFrom(day), rng), f,
            EventType.FILING_WITHDRAWN, 0, 0));
      } else {
        // A notified application that is not withdrawn is refused in the ordinary decision.
        sink.accept(new Pending(Math.max(decidedAt, noticeAt + ActivityCurve.DAY), f, EventType.FILING_REJECTED, 0, 0));
      }
      return;
    }
    sink.accept(new Pending(decidedAt, f, closingType(f.agency(), f.ipType(), rng), 0, 0));
  }

  /** How an ordinary (not notified) application ends. */
  EventType closingType(SimAgency agency, IpType type, SplittableRandom rng) {
    double u = rng.nextDouble();
    SimAgency.Profile p = agency.profile();
    return switch (type) {
      case INVENTION -> u < p.inventionGrantRate() ? EventType.FILING_GRANTED
          : u < p.inventionGrantRate() + (1 - p.inventionGrantRate()) * INVENTION_REJECT_SHARE_OF_REST
          ? EventType.FILING_REJECTED : EventType.FILING_WITHDRAWN;
      case UTILITY_MODEL, DESIGN -> u < DESIGN_GRANT ? EventType.FILING_GRANTED
          : u < DESIGN_GRANT + DESIGN_REJECT ? EventType.FILING_REJECTED : EventType.FILING_WITHDRAWN;
      // A malicious refusal replaces the ordinary refusal: one event per decided application.
      case TRADEMARK -> u < p.maliciousShare() ? EventType.MALICIOUS_TRADEMARK_REFUSED
          : u < p.maliciousShare() + TRADEMARK_REGISTER ? EventType.FILING_GRANTED
          : u < p.maliciousShare() + TRADEMARK_REGISTER + TRADEMARK_REFUSE ? EventType.FILING_REJECTED
          : EventType.FILING_WITHDRAWN;
    };
  }

  /** The date of the first notice batch on or after {@code date}; batches fall on every 14th day of a year. */
  static LocalDate batchDate(LocalDate date) {
    int batch = (date.getDayOfYear() + BATCH_INTERVAL_DAYS - 1) / BATCH_INTERVAL_DAYS;
    if (batch * BATCH_INTERVAL_DAYS > date.lengthOfYear()) {
      return LocalDate.of(date.getYear() + 1, 1, BATCH_INTERVAL_DAYS);
    }
    return LocalDate.ofYearDay(date.getYear(), batch * BATCH_INTERVAL_DAYS);
  }

  /** A notice category of CNIPA order No. 77, 1..10. */
  static int category(SplittableRandom rng) {
    return 1 + Draws.weighted(rng, CATEGORY_WEIGHTS);
  }

  static String batchId(int batchKey) {
    return String.format("%d-B%03d", batchKey / BATCH_KEY, batchKey % BATCH_KEY);
  }

  static int batchKey(LocalDate batchDate) {
    return batchDate.getYear() * BATCH_KEY + batchDate.getDayOfYear() / BATCH_INTERVAL_DAYS;
  }

  private static long decisionTime(Filing f, SplittableRandom rng) {
    int days = Draws.between(rng, f.ipType().minDecisionDays, f.ipType().maxDecisionDays);
    LocalDate day = ActivityCurve.workingDayFrom(ActivityCurve.dateOf(f.filedAt()).plusDays(days));
    return ActivityCurve.sampleInstant(day, rng);
  }
}
