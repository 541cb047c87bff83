package cn.cq.ipmonitor.sim;

import cn.cq.ipmonitor.event.EventType;
import cn.cq.ipmonitor.config.SimulatorConfig;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The ordinary life of the city on one day: every agency's filings, the decisions that fall due,
 * the odd complaint or penalty. A day's random stream is seeded by (seed, date) alone, so a day
 * comes out the same whichever run, window or restart generates it.
 */
final class DayModel {

  /** Share of patent filings by type, in {@link IpType#PATENTS} order (DOMAIN.md: ~40/45/15). */
  private static final double[] PATENT_MIX = {0.40, 0.45, 0.15};
  private static final double PCT_SHARE = 0.03;
  private static final double HAGUE_SHARE = 0.01;
  private static final double MADRID_SHARE = 0.04;
  /** Ordinary agencies: a complaint every few years, a mild penalty rarer still. */
  private static final double COMPLAINTS_PER_AGENCY_YEAR = 0.3;
  private static final double PENALTIES_PER_AGENCY_YEAR = 0.03;
  private static final String[] MILD_MEASURES = {"INTERVIEW", "WARNING", "CORRECTION_ORDER", "FINE"};
  private static final long FINE_STEP_YUAN = 1_000;
  private static final int FINE_MIN_STEPS = 10;
  private static final int FINE_MAX_STEPS = 50;

  /** Application serials of a day: dayOfYear * 10,000 + n; the day model uses n below 8,000. */
  static final int SERIALS_PER_DAY = 10_000;
  static final int EPISODE_SERIAL_BASE = 8_000;
  private static final long DAY_SALT = 0xDA7L;
  private static final double CAPACITY_SIGMAS = 6;

  private final List<SimAgency> agencies;
  private final long seed;
  private final double scale;
  private final Drafts drafts;
  private final OutcomeRules rules;

  DayModel(List<SimAgency> agencies, SimulatorConfig config, Drafts drafts, OutcomeRules rules) {
    this.agencies = agencies;
    this.seed = config.seed();
    this.scale = config.scale();
    this.drafts = drafts;
    this.rules = rules;
    checkNumberingCapacity();
  }

  /**
   * Application serials allow 8,000 filings of a type per day; refuses a population and scale whose
   * busiest day (December weekday, with a margin) would exceed that, rather than failing mid-run.
   */
  private void checkNumberingCapacity() {
    double busiestDay = ActivityCurve.peakDayFactor() * scale / ActivityCurve.DAYS_PER_YEAR;
    double[] perType = new double[IpType.values().length];
    for (SimAgency a : agencies) {
      for (int t = 0; t < IpType.PATENTS.length; t++) {
        perType[IpType.PATENTS[t].ordinal()] += a.profile().patentsPerYear() * PATENT_MIX[t] * busiestDay;
      }
      perType[IpType.TRADEMARK.ordinal()] += a.profile().trademarksPerYear() * busiestDay;
    }
    for (IpType type : IpType.values()) {
      double peak = perType[type.ordinal()];
      if (peak + CAPACITY_SIGMAS * Math.sqrt(peak) >= EPISODE_SERIAL_BASE) {
        throw new IllegalArgumentException(String.format(
            "scale %s gives up to %.0f %s filings a day; application numbering allows %d: lower the scale",
            scale, peak, type, EPISODE_SERIAL_BASE));
      }
    }
  }

  /**
   * Generates {@code date}: its decisions are scheduled in {@code book}; when {@code emit}, returns
   * the day's filings and background events plus the decisions due today, in event-time order.
   * Days before the window are generated with {@code emit} false, only for their later decisions.
   */
  List<Draft> generate(LocalDate date, boolean emit, OutcomeBook book) {
    SplittableRandom rng = new SplittableRandom(Draws.mix(Draws.mix(seed, DAY_SALT), date.toEpochDay()));
    double perYearToday = ActivityCurve.dayFactor(date) * scale / ActivityCurve.DAYS_PER_YEAR;
    int[] next = new int[IpType.values().length];
    List<Draft> out = new ArrayList<>();
    for (SimAgency a : agencies) {
      SimAgency.Profile p = a.profile();
      for (int t = 0; t < IpType.PATENTS.length; t++) {
        file(a, IpType.PATENTS[t], Draws.poisson(rng, p.patentsPerYear() * PATENT_MIX[t] * perYearToday),
            date, next, rng, emit ? out : null, book);
      }
      file(a, IpType.TRADEMARK, Draws.poisson(rng, p.trademarksPerYear() * perYearToday), date, next, rng,
          emit ? out : null, book);
    }
    background(date, perYearToday, rng, emit ? out : null);
    if (emit) {
      for (OutcomeRules.Pending due : book.drain(date)) {
        out.add(due.type() == EventType.ABNORMAL_NOTIFIED
            ? drafts.abnormal(due.filing(), due.at(), due.category(), due.batchId())
            : drafts.outcome(due.filing(), due.type(), due.at()));
      }
      out.sort(Draft.ORDER);
    } else {
      book.drain(date); // nothing due before the window is wanted
    }
    return out;
  }

  private void file(SimAgency a, IpType type, int count, LocalDate date, int[] next, SplittableRandom rng,
                    List<Draft> out, OutcomeBook book) {
    for (int i = 0; i < count; i++) {
      int n = next[type.ordinal()]++;
      if (n >= EPISODE_SERIAL_BASE) {
        throw new IllegalStateException("more than " + EPISODE_SERIAL_BASE + " " + type + " filings on " + date
            + ": scale " + scale + " is beyond what the numbering supports");
      }
      Filing f = new Filing(a, type, ActivityCurve.sampleInstant(date, rng),
          date.getDayOfYear() * SERIALS_PER_DAY + n, route(type, rng), rng.nextInt(Math.max(1, a.attorneys())),
          client(a, rng));
      if (out != null) {
        out.add(drafts.filed(f));
      }
      rules.decide(f, rng, book::schedule);
    }
  }

  private void background(LocalDate date, double perYearToday, SplittableRandom rng, List<Draft> out) {
    int complaints = Draws.poisson(rng, agencies.size() * COMPLAINTS_PER_AGENCY_YEAR * perYearToday);
    for (int i = 0; i < complaints; i++) {
      SimAgency a = agencies.get(rng.nextInt(agencies.size()));
      Draft d = drafts.complaint(a, ActivityCurve.sampleInstant(date, rng), rng);
      if (out != null) {
        out.add(d);
      }
    }
    int penalties = Draws.poisson(rng, agencies.size() * PENALTIES_PER_AGENCY_YEAR * perYearToday);
    for (int i = 0; i < penalties; i++) {
      SimAgency a = agencies.get(rng.nextInt(agencies.size()));
      String measure = MILD_MEASURES[rng.nextInt(MILD_MEASURES.length)];
      long amount = "FINE".equals(measure) ? FINE_STEP_YUAN * Draws.between(rng, FINE_MIN_STEPS, FINE_MAX_STEPS) : 0;
      Draft d = drafts.penalty(a, ActivityCurve.sampleInstant(ActivityCurve.workingDayFrom(date), rng), measure,
          amount);
      if (out != null && ActivityCurve.dateOf(d.at()).equals(date)) {
        out.add(d);
      }
    }
  }

  static String route(IpType type, SplittableRandom rng) {
    double u = rng.nextDouble();
    return switch (type) {
      case INVENTION -> u < PCT_SHARE ? "PCT" : "DOMESTIC";
      case DESIGN -> u < HAGUE_SHARE ? "HAGUE" : "DOMESTIC";
      case TRADEMARK -> u < MADRID_SHARE ? "MADRID" : "DOMESTIC";
      default -> "DOMESTIC";
    };
  }

  /** A client of the agency; the first few clients file most (squared uniform). */
  static int client(SimAgency a, SplittableRandom rng) {
    double u = rng.nextDouble();
    return (int) (a.clients() * u * u);
  }

  static double inventionShare() {
    return PATENT_MIX[0];
  }

  static double[] patentMix() {
    return PATENT_MIX.clone();
  }
}
