package cn.cq.ipmonitor.sim;

/** The contract's {@code ipType}, with what the simulator needs to know about each. */
enum IpType {
  INVENTION('1', 487, 670),
  UTILITY_MODEL('2', 91, 243),
  DESIGN('3', 91, 243),
  TRADEMARK(' ', 213, 304);

  /** The type digit of a patent application number (none for trademarks). */
  final char digit;
  /** Filing-to-decision delay in days (DOMAIN.md: invention 16-22, UM/design 3-8, trademark 7-10 months). */
  final int minDecisionDays;
  final int maxDecisionDays;

  IpType(char digit, int minDecisionDays, int maxDecisionDays) {
    this.digit = digit;
    this.minDecisionDays = minDecisionDays;
    this.maxDecisionDays = maxDecisionDays;
  }

  boolean isPatent() {
    return this != TRADEMARK;
  }

  /** The patent types, in the fixed order the generator draws them (determinism depends on it). */
  static final IpType[] PATENTS = {INVENTION, UTILITY_MODEL, DESIGN};
}
