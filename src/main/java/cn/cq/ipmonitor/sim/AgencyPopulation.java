package cn.cq.ipmonitor.sim;

import cn.cq.ipmonitor.event.AgencyKind;
import cn.cq.ipmonitor.config.SimulatorConfig;
import cn.cq.ipmonitor.event.Districts;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Chongqing's patent and trademark agencies as the simulator sees them (DOMAIN.md magnitudes):
 * where they sit, how big they are, what they file, and which of them misbehave. Pure and seeded.
 */
public final class AgencyPopulation {

  /** Central city, new main-city, north-east, south-east: where agencies sit (policy: the east is under-served). */
  private static final double[] GROUP_SHARES = {0.75, 0.18, 0.05, 0.02};
  /** Within a group, the districts with more business carry more agencies; the others weigh 1. */
  private static final Map<String, Double> DISTRICT_WEIGHTS = Map.ofEntries(
      Map.entry("500112", 1.6), Map.entry("500103", 1.3), Map.entry("500105", 1.2), Map.entry("500107", 1.1),
      Map.entry("500104", 0.4), Map.entry("500109", 0.6), Map.entry("500113", 0.6),
      Map.entry("500102", 1.5), Map.entry("500118", 1.5), Map.entry("500116", 1.5),
      Map.entry("500101", 3.0), Map.entry("500114", 2.0));

  private static final int FIRST_PATENT_CODE = 50001;
  private static final double BOTH_SHARE = 0.2;
  /** 83% of patent agencies have fewer than 10 attorneys; 12% have 10-19; the rest 20-60. */
  private static final double SMALL_AGENCY_SHARE = 0.83;
  private static final double MID_AGENCY_SHARE = 0.12;
  private static final double[] SMALL_ATTORNEY_WEIGHTS = {8, 14, 16, 15, 13, 11, 9, 8, 6};
  private static final int MID_MIN = 10;
  private static final int MID_MAX = 19;
  private static final int LARGE_MIN = 20;
  private static final int LARGE_SPAN = 40;
  private static final double[] TRADEMARK_STAFF_WEIGHTS = {25, 22, 16, 12, 9, 7, 5, 4};

  static final double FILINGS_PER_ATTORNEY = 170;
  /**
   * Agencies differ in productivity; the most productive files 170 a year an attorney, so even a one-attorney
   * agency's Poisson year (sd about 13) stays clear of the 200-a-year amber line (at 1.1 it crossed it).
   */
  static final double MIN_PRODUCTIVITY = 0.85;
  static final double MAX_PRODUCTIVITY = 1.0;
  private static final double BOTH_TRADEMARKS_PER_ATTORNEY = 40;
  private static final double CITY_TRADEMARKS_PER_YEAR = 130_000;
  private static final double TRADEMARK_SPREAD_LOW = 0.5;
  private static final double TRADEMARK_SPREAD_HIGH = 1.5;
  /** An agency doing both keeps its total near 170 an attorney: its trademarks vary less than its patents. */
  private static final double BOTH_TRADEMARK_SPREAD_LOW = 0.75;
  private static final double BOTH_TRADEMARK_SPREAD_HIGH = 1.0;

  /*
   * A normal agency sits well inside every threshold, so the rules separate it from a misbehaving one on the
   * demo's wall screen. Its own rate varies a little around the national one (binomial noise over a year's
   * closed cases adds about 3 points at the rules' 200-case minimum); abnormal notices and malicious refusals
   * are rare enough that the minimum counts of their rules are not reached by chance.
   */
  private static final double GRANT_RATE_SPREAD = 0.02;
  private static final double NORMAL_ABNORMAL_SHARE = 0.0005;
  private static final double NORMAL_WITHDRAWAL_AFTER_NOTICE = 0.95;
  private static final double NORMAL_MALICIOUS_SHARE = 0.001;

  /** Zones have no district code: membership is drawn among agencies of the districts they cover. */
  private static final Map<String, String> ZONE_OF_DISTRICT = Map.of(
      "500105", "LIANGJIANG", "500112", "LIANGJIANG", "500109", "LIANGJIANG",
      "500106", "HIGHTECH_ZONE", "500107", "HIGHTECH_ZONE", "500110", "WANSHENG");
  private static final double ZONE_MEMBER_SHARE = 0.4;

  private static final String ENTERPRISE_CREDIT_PREFIX = "91";
  private static final int ORG_BODY_LIMIT = 100_000_000;
  private static final long POPULATION_SALT = 1;

  private AgencyPopulation() {
  }

  /** Patent agencies first (codes 50001...), then trademark agencies; misbehaviour already planted. */
  public static List<SimAgency> generate(SimulatorConfig config) {
    SplittableRandom rng = new SplittableRandom(Draws.mix(config.seed(), POPULATION_SALT));
    AgencyNames names = new AgencyNames(rng.split());
    List<String> patentDistricts = districts(config.patentAgencies(), rng);
    List<String> trademarkDistricts = districts(config.trademarkAgencies(), rng);
    List<SimAgency> agencies = new ArrayList<>(config.patentAgencies() + config.trademarkAgencies());
    for (int i = 0; i < config.patentAgencies(); i++) {
      AgencyKind kind = Draws.chance(rng, BOTH_SHARE) ? AgencyKind.BOTH : AgencyKind.PATENT;
      int attorneys = patentAttorneys(rng);
      // DOMAIN.md's ~170 filings an attorney a year are all types: an agency doing trademarks too files fewer
      // patents per attorney, so its total stays near 170 (and a normal agency stays under the overload line).
      double perAttorney = kind == AgencyKind.BOTH ? FILINGS_PER_ATTORNEY - BOTH_TRADEMARKS_PER_ATTORNEY
          : FILINGS_PER_ATTORNEY;
      double patents = attorneys * perAttorney * Draws.uniform(rng, MIN_PRODUCTIVITY, MAX_PRODUCTIVITY);
      double trademarks = kind == AgencyKind.BOTH
          ? attorneys * BOTH_TRADEMARKS_PER_ATTORNEY
            * Draws.uniform(rng, BOTH_TRADEMARK_SPREAD_LOW, BOTH_TRADEMARK_SPREAD_HIGH)
          : 0;
      agencies.add(agency(agencies.size(), Integer.toString(FIRST_PATENT_CODE + i), kind,
          patentDistricts.get(i), attorneys, patents, trademarks, config, names, rng));
    }
    addTrademarkAgencies(agencies, trademarkDistricts, config, names, rng);
    return MisbehaviourPlan.apply(agencies, config, rng.split());
  }

  private static void addTrademarkAgencies(List<SimAgency> agencies, List<String> districts, SimulatorConfig config,
                                           AgencyNames names, SplittableRandom rng) {
    double byBoth = agencies.stream().mapToDouble(a -> a.profile().trademarksPerYear()).sum();
    double remaining = Math.max(0, CITY_TRADEMARKS_PER_YEAR - byBoth);
    int[] staff = new int[districts.size()];
    double[] weight = new double[districts.size()];
    double totalWeight = 0;
    for (int i = 0; i < staff.length; i++) {
      staff[i] = 1 + Draws.weighted(rng, TRADEMARK_STAFF_WEIGHTS);
      weight[i] = staff[i] * Draws.uniform(rng, TRADEMARK_SPREAD_LOW, TRADEMARK_SPREAD_HIGH);
      totalWeight += weight[i];
    }
    Set<String> codes = new HashSet<>();
    for (int i = 0; i < staff.length; i++) {
      String district = districts.get(i);
      String code;
      do {
        code = Identifiers.creditCode(ENTERPRISE_CREDIT_PREFIX, district, rng.nextInt(ORG_BODY_LIMIT));
      } while (!codes.add(code));
      agencies.add(agency(agencies.size(), code, AgencyKind.TRADEMARK, district, staff[i], 0,
          remaining * weight[i] / totalWeight, config, names, rng));
    }
  }

  private static SimAgency agency(int index, String id, AgencyKind kind, String district, int attorneys,
                                  double patents, double trademarks, SimulatorConfig config, AgencyNames names,
                                  SplittableRandom rng) {
    String zone = ZONE_OF_DISTRICT.get(district);
    List<String> zones = zone != null && Draws.chance(rng, ZONE_MEMBER_SHARE) ? List.of(zone) : List.of();
    double grantRate = config.nationalInventionGrantRate() + Draws.uniform(rng, -GRANT_RATE_SPREAD, GRANT_RATE_SPREAD);
    SimAgency.Profile profile = new SimAgency.Profile(patents, trademarks, grantRate, NORMAL_ABNORMAL_SHARE,
        NORMAL_WITHDRAWAL_AFTER_NOTICE, kind != AgencyKind.PATENT ? NORMAL_MALICIOUS_SHARE : 0);
    return new SimAgency(index, id, names.next(kind, rng), kind, district, attorneys, zones, Misbehaviour.NONE,
        profile);
  }

  private static int patentAttorneys(SplittableRandom rng) {
    double u = rng.nextDouble();
    if (u < SMALL_AGENCY_SHARE) {
      return 1 + Draws.weighted(rng, SMALL_ATTORNEY_WEIGHTS);
    }
    if (u < SMALL_AGENCY_SHARE + MID_AGENCY_SHARE) {
      return Draws.between(rng, MID_MIN, MID_MAX);
    }
    double v = rng.nextDouble();
    return LARGE_MIN + (int) Math.round(LARGE_SPAN * v * v); // squared: most large agencies are nearer 20 than 60
  }

  /**
   * {@code n} district codes in random order, apportioned to the four groups by largest remainder so
   * every group gets its share even in a small population (and is never empty for n >= 50).
   */
  static List<String> districts(int n, SplittableRandom rng) {
    Districts.Group[] groups = Districts.Group.values();
    int[] counts = new int[groups.length];
    double[] remainders = new double[groups.length];
    int assigned = 0;
    for (int g = 0; g < groups.length; g++) {
      double exact = n * GROUP_SHARES[g];
      counts[g] = (int) Math.floor(exact);
      remainders[g] = exact - counts[g];
      assigned += counts[g];
    }
    for (; assigned < n; assigned++) {
      int best = 0;
      for (int g = 1; g < groups.length; g++) {
        best = remainders[g] > remainders[best] ? g : best;
      }
      counts[best]++;
      remainders[best] = -1;
    }
    List<String> codes = new ArrayList<>(n);
    for (int g = 0; g < groups.length; g++) {
      Districts.Group group = groups[g];
      List<Districts.District> members = Districts.all().stream().filter(d -> d.group() == group).toList();
      double[] weights = members.stream().mapToDouble(d -> DISTRICT_WEIGHTS.getOrDefault(d.code(), 1.0)).toArray();
      for (int i = 0; i < counts[g]; i++) {
        codes.add(members.get(Draws.weighted(rng, weights)).code());
      }
    }
    for (int i = codes.size() - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      codes.set(j, codes.set(i, codes.get(j)));
    }
    return codes;
  }
}
