package cn.cq.ipmonitor.sim;

import java.util.Locale;

/**
 * An agency's clients, derived from (seed, agency, client index) so a client keeps its identity
 * and kind across all its filings without anything being stored.
 */
final class Applicants {

  /** Cumulative shares of ENTERPRISE, UNIVERSITY, INSTITUTE, INDIVIDUAL; the rest OTHER. */
  private static final double[] KIND_CUMULATIVE = {0.72, 0.84, 0.89, 0.98};
  private static final String[] KINDS = {"ENTERPRISE", "UNIVERSITY", "INSTITUTE", "INDIVIDUAL", "OTHER"};
  private static final String ENTERPRISE_PREFIX = "91";
  /** Universities and research institutes are public institutions registered with the city. */
  private static final String INSTITUTION_PREFIX = "12";
  private static final String CITY_DIVISION = "500000";
  private static final String INDIVIDUAL_PREFIX = "IND-";
  private static final int ORG_BODY_LIMIT = 100_000_000;
  private static final int INDIVIDUAL_HEX_DIGITS = 10;
  /** Forces 16 hex digits, so the pseudonym always has its full length. */
  private static final long HEX_LEADING_BIT = 1L << 63;
  private static final long CLIENT_SALT = 0x5EEDC11EL;
  private static final double UNIT = 0x1.0p-53;

  private final long seed;

  Applicants(long seed) {
    this.seed = seed;
  }

  Draft.Applicant of(SimAgency agency, int client) {
    long h = Draws.mix(Draws.mix(seed, CLIENT_SALT + agency.index()), client);
    double u = (h >>> 11) * UNIT;
    int kind = 0;
    while (kind < KIND_CUMULATIVE.length && u >= KIND_CUMULATIVE[kind]) {
      kind++;
    }
    int body = (int) Math.floorMod(h >>> 7, (long) ORG_BODY_LIMIT);
    String id = switch (KINDS[kind]) {
      case "UNIVERSITY", "INSTITUTE" -> Identifiers.creditCode(INSTITUTION_PREFIX, CITY_DIVISION, body);
      // Individuals get a pseudonym, never anything that looks like an identity card number.
      case "INDIVIDUAL" -> INDIVIDUAL_PREFIX + Long.toHexString(h | HEX_LEADING_BIT).substring(1,
          1 + INDIVIDUAL_HEX_DIGITS).toUpperCase(Locale.ROOT);
      default -> Identifiers.creditCode(ENTERPRISE_PREFIX, agency.district(), body);
    };
    return new Draft.Applicant(id, KINDS[kind]);
  }
}
