package cn.cq.ipmonitor.sim;

/**
 * The identifier formats of DOMAIN.md, with their real check characters so the simulated data
 * survives any validator written against the real formats.
 */
public final class Identifiers {

  /** CNIPA weights over the 12 digits of a post-2003 application number. */
  private static final int[] PATENT_WEIGHTS = {2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5};
  private static final int PATENT_MODULUS = 11;
  private static final int PATENT_DIGITS = 12;
  private static final int PATENT_SERIAL_LIMIT = 10_000_000;

  /** Trademark numbers: 8 digits; each simulated year gets its own band so numbers do not repeat. */
  private static final int TRADEMARK_FLOOR = 10_000_000;
  private static final int TRADEMARK_YEAR_BAND = 7_000_000;
  private static final int TRADEMARK_YEAR_BANDS = 12;
  private static final int TRADEMARK_BASE_YEAR = 2020;

  /** GB 32100-2015: the unified social credit code alphabet (no I, O, S, V, Z) and weights. */
  private static final String CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  private static final int[] CREDIT_WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
  /** GB 11714: the organisation code embedded in positions 9-17 has its own check digit. */
  private static final int[] ORG_WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};
  private static final int ORG_MODULUS = 11;
  private static final int ORG_BODY_LENGTH = 8;
  private static final int ORG_BODY_LIMIT = 100_000_000;

  private static final int ATTORNEY_SERIAL_LIMIT = 100_000;

  private Identifiers() {
  }

  /** The check character of a 12-digit patent application number: weighted sum mod 11, 10 written 'X'. */
  public static char patentCheckDigit(String twelveDigits) {
    if (twelveDigits.length() != PATENT_DIGITS) {
      throw new IllegalArgumentException("a patent application number has 12 digits: " + twelveDigits);
    }
    int sum = 0;
    for (int i = 0; i < PATENT_DIGITS; i++) {
      char c = twelveDigits.charAt(i);
      if (c < '0' || c > '9') {
        throw new IllegalArgumentException("not a digit in " + twelveDigits);
      }
      sum += (c - '0') * PATENT_WEIGHTS[i];
    }
    int check = sum % PATENT_MODULUS;
    return check == 10 ? 'X' : (char) ('0' + check);
  }

  /** {@code 2026 1 0551234 . c}: year, type digit, 7-digit serial, dot, check character. */
  static String patentApplicationNo(int year, IpType type, int serial) {
    if (!type.isPatent() || serial < 0 || serial >= PATENT_SERIAL_LIMIT) {
      throw new IllegalArgumentException("no patent number for " + type + " serial " + serial);
    }
    String digits = zeroPadded(year, 4) + type.digit + zeroPadded(serial, 7);
    return digits + '.' + patentCheckDigit(digits);
  }

  /** Whether {@code no} is a well-formed patent application number with a correct check character. */
  public static boolean isValidPatentApplicationNo(String no) {
    if (no == null || !no.matches("\\d{12}\\.[0-9X]")) {
      return false;
    }
    return patentCheckDigit(no.substring(0, PATENT_DIGITS)) == no.charAt(PATENT_DIGITS + 1);
  }

  /** An 8-digit trademark application number; {@code serial} must be below 7,000,000. */
  static String trademarkApplicationNo(int year, int serial) {
    if (serial < 0 || serial >= TRADEMARK_YEAR_BAND) {
      throw new IllegalArgumentException("trademark serial out of range: " + serial);
    }
    int band = Math.floorMod(year - TRADEMARK_BASE_YEAR, TRADEMARK_YEAR_BANDS);
    return Integer.toString(TRADEMARK_FLOOR + band * TRADEMARK_YEAR_BAND + serial);
  }

  /**
   * An 18-character unified social credit code (GB 32100-2015) with both real check characters.
   *
   * @param authorityAndType two characters, e.g. "91" (market regulator, enterprise) or "12" (public institution)
   * @param division         6-digit administrative division, e.g. a Chongqing district code
   * @param orgBody          0..99,999,999: the organisation code body (8 digits)
   */
  static String creditCode(String authorityAndType, String division, int orgBody) {
    if (orgBody < 0 || orgBody >= ORG_BODY_LIMIT) {
      throw new IllegalArgumentException("organisation body out of range: " + orgBody);
    }
    String body = zeroPadded(orgBody, ORG_BODY_LENGTH);
    int orgSum = 0;
    for (int i = 0; i < ORG_BODY_LENGTH; i++) {
      orgSum += (body.charAt(i) - '0') * ORG_WEIGHTS[i];
    }
    int orgCheck = ORG_MODULUS - orgSum % ORG_MODULUS;
    char orgChar = orgCheck == 10 ? 'X' : orgCheck == ORG_MODULUS ? '0' : (char) ('0' + orgCheck);
    String first17 = authorityAndType + division + body + orgChar;
    return first17 + creditCheckChar(first17);
  }

  /** The 18th character of a unified social credit code, from its first 17. */
  public static char creditCheckChar(String first17) {
    int sum = 0;
    for (int i = 0; i < CREDIT_WEIGHTS.length; i++) {
      int value = CREDIT_ALPHABET.indexOf(first17.charAt(i));
      if (value < 0) {
        throw new IllegalArgumentException("not a credit code character in " + first17);
      }
      sum += value * CREDIT_WEIGHTS[i];
    }
    int modulus = CREDIT_ALPHABET.length();
    int check = (modulus - sum % modulus) % modulus;
    return CREDIT_ALPHABET.charAt(check);
  }

  /**
   * An 11-digit patent attorney certificate number: agency code, 5-digit serial, check digit. The
   * real check algorithm is not published; a Luhn digit stands in for it.
   */
  static String attorneyId(String agencyCode, int serial) {
    if (serial < 0 || serial >= ATTORNEY_SERIAL_LIMIT) {
      throw new IllegalArgumentException("attorney serial out of range: " + serial);
    }
    String ten = agencyCode + zeroPadded(serial, 5);
    return ten + luhnDigit(ten);
  }

  /** {@code value} in decimal, left-padded with zeros to {@code width} (String.format is slow on this hot path). */
  static String zeroPadded(int value, int width) {
    String digits = Integer.toString(value);
    if (digits.length() >= width) {
      return digits;
    }
    StringBuilder sb = new StringBuilder(width);
    for (int i = digits.length(); i < width; i++) {
      sb.append('0');
    }
    return sb.append(digits).toString();
  }

  private static char luhnDigit(String digits) {
    int sum = 0;
    boolean doubleIt = true;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (doubleIt) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      doubleIt = !doubleIt;
    }
    return (char) ('0' + (10 - sum % 10) % 10);
  }
}
