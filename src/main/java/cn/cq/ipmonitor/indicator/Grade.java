package cn.cq.ipmonitor.indicator;

/** Credit grades of the patent agency credit evaluation: A 90-100, B 80-<90, C 60-<80, D <60. */
public enum Grade {
  A, B, C, D;

  private static final double A_MIN = 90;
  private static final double B_MIN = 80;
  private static final double C_MIN = 60;

  public static Grade of(double creditScore) {
    if (creditScore >= A_MIN) {
      return A;
    }
    if (creditScore >= B_MIN) {
      return B;
    }
    return creditScore >= C_MIN ? C : D;
  }
}
