package cn.cq.ipmonitor.indicator;

import static cn.cq.ipmonitor.indicator.MeasuresBuilder.measures;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.cq.ipmonitor.config.ConfigLoader;
import cn.cq.ipmonitor.config.IndicatorConfig;
import cn.cq.ipmonitor.config.RiskConfig;
import cn.cq.ipmonitor.event.AgencyStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("RiskModel")
class RiskModelTest {

  static final IndicatorConfig CFG = ConfigLoader.load(null, Map.of()).indicators();
  static final RiskModel MODEL = new RiskModel(CFG);
  static final double EPS = 1e-9;

  static RiskModel.Risk assess(AgencyStatus status, MeasuresBuilder b) {
    Measures m = b.build();
    return MODEL.assess(status, m, Derived.of(m, CFG));
  }

  static RiskModel.Risk assess(MeasuresBuilder b) {
    return assess(AgencyStatus.ACTIVE, b);
  }

  /** Derived indicators given directly, for thresholds that counts cannot hit exactly. */
  static RiskModel.Risk assess(Derived d) {
    return MODEL.assess(AgencyStatus.ACTIVE, Measures.zero(), d);
  }

  static void assertDeduction(RiskModel.Risk r, String code, double points) {
    assertEquals(1, r.findings().size(), r.findings()::toString);
    RiskModel.Finding f = r.findings().get(0);
    assertEquals(code, f.code());
    assertEquals(points, f.deduction(), EPS);
    assertTrue(!f.detail().isBlank());
    assertEquals(100 - points, r.creditScore(), EPS);
    assertEquals(points, r.riskScore(), EPS);
    assertEquals(Grade.of(100 - points), r.grade());
  }

  static void assertClean(RiskModel.Risk r) {
    assertEquals(List.of(), r.findings());
    assertEquals(100.0, r.creditScore(), EPS);
    assertEquals(0.0, r.riskScore(), EPS);
    assertEquals(Grade.A, r.grade());
  }

  @Test
  @DisplayName("a clean agency scores 100, grade A, riskScore 0")
  void clean() {
    assertClean(assess(measures()));
    // Busy but healthy: plenty of filings, a good grant rate, no finding.
    assertClean(assess(measures().year(Counter.FILINGS, 1_000).year(Counter.FILINGS_INVENTION, 1_000)
        .year(Counter.INVENTION_GRANTS, 50).year(Counter.INVENTION_REJECTIONS, 50).attorneys(10).surge(40, 290)));
  }

  @Nested
  @DisplayName("status")
  class Status {

    @Test
    @DisplayName("REVOKED deducts 100: credit 0, riskScore 100, grade D")
    void revoked() {
      RiskModel.Risk r = assess(AgencyStatus.REVOKED, measures());
      assertDeduction(r, "LICENCE_REVOKED", 100);
      assertEquals(Grade.D, r.grade());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = AgencyStatus.class, names = {"STOP_NEW_BUSINESS", "SUSPENDED"})
    @DisplayName("STOP_NEW_BUSINESS and SUSPENDED deduct 60")
    void stopped(AgencyStatus s) {
      assertDeduction(assess(s, measures()), "STOP_NEW_BUSINESS", 60);
    }

    @Test
    @DisplayName("ABNORMAL_OPERATION alone deducts nothing")
    void abnormalOperation() {
      assertClean(assess(AgencyStatus.ABNORMAL_OPERATION, measures()));
    }

    @Test
    @DisplayName("the credit never goes below 0")
    void floor() {
      RiskModel.Risk r = assess(AgencyStatus.REVOKED, measures().year(Counter.UNLICENSED_FILINGS, 3)
          .year(Counter.PENALTIES, 9));
      assertEquals(3, r.findings().size());
      assertEquals(0.0, r.creditScore(), EPS);
      assertEquals(100.0, r.riskScore(), EPS);
      assertEquals(Grade.D, r.grade());
    }
  }

  @Nested
  @DisplayName("findings")
  class Findings {

    @Test
    @DisplayName("unlicensed filings in the year deduct 60")
    void unlicensed() {
      assertDeduction(assess(measures().year(Counter.UNLICENSED_FILINGS, 1)), "UNLICENSED_FILING", 60);
      assertClean(assess(measures().in(Window.D30, Counter.UNLICENSED_FILINGS, 1)));
    }

    @ParameterizedTest(name = "abnormal {0} of 100 patent filings -> {1}")
    @CsvSource({"1, 0", "2, 20", "4, 20", "5, 40", "50, 40"})
    @DisplayName("abnormalShare deducts half the maximum from 2 %, all of it from 5 %")
    void abnormalShare(long abnormal, double points) {
      RiskModel.Risk r = assess(measures().year(Counter.FILINGS_INVENTION, 100).year(Counter.ABNORMAL, abnormal));
      if (points == 0) {
        assertClean(r);
      } else {
        assertDeduction(r, "ABNORMAL_SHARE", points);
      }
    }

    @Test
    @DisplayName("abnormal notices under the 30-filing minimum deduct nothing")
    void abnormalShareNeedsDenominator() {
      assertClean(assess(measures().year(Counter.FILINGS_INVENTION, 29).year(Counter.ABNORMAL, 29)));
    }

    @ParameterizedTest(name = "grant rate {0} vs national 0.45 -> {1}")
    @CsvSource({"0.45, 0", "0.40, 0", "0.30, 7.5", "0.26, 7.5", "0.20, 15", "0.0, 15"})
    @DisplayName("a grant rate more than 10 points under the national rate deducts half, more than 20 all")
    void grantRate(double rate, double points) {
      RiskModel.Risk r = assess(new Derived(rate, null, null, null));
      if (points == 0) {
        assertClean(r);
      } else {
        assertDeduction(r, "LOW_GRANT_RATE", points);
      }
    }

    @ParameterizedTest(name = "{0} filings per attorney -> {1}")
    @CsvSource({"200, 0", "200.5, 7.5", "300, 7.5", "301, 15", "5000, 15"})
    @DisplayName("over 200 filings per attorney deducts half, over 300 all")
    void overload(double perAttorney, double points) {
      RiskModel.Risk r = assess(new Derived(null, null, null, perAttorney));
      if (points == 0) {
        assertClean(r);
      } else {
        assertDeduction(r, "ATTORNEY_OVERLOAD", points);
      }
    }

    @Test
    @DisplayName("overload computed from counts: 1,204 filings for 4 attorneys is over 300")
    void overloadFromCounts() {
      assertDeduction(assess(measures().year(Counter.FILINGS, 1_204).attorneys(4)), "ATTORNEY_OVERLOAD", 15);
      assertClean(assess(measures().year(Counter.FILINGS, 1_204).attorneys(0)));
    }

    @ParameterizedTest(name = "surge {0} -> {1}")
    @CsvSource({"4.99, 0", "5.0, 10", "30, 10"})
    @DisplayName("a surge of 5 times the baseline deducts 10")
    void surge(double surge, double points) {
      RiskModel.Risk r = assess(new Derived(null, null, surge, null));
      if (points == 0) {
        assertClean(r);
      } else {
        assertDeduction(r, "FILING_SURGE", points);
      }
    }

    @ParameterizedTest(name = "{0} x {1} -> {2}")
    @CsvSource({
        "COMPLAINTS, 1, 2", "COMPLAINTS, 3, 6", "COMPLAINTS, 5, 10", "COMPLAINTS, 7, 10",
        "PENALTIES, 1, 5", "PENALTIES, 4, 20", "PENALTIES, 10, 20",
        "MALICIOUS_TRADEMARK, 1, 1", "MALICIOUS_TRADEMARK, 20, 20", "MALICIOUS_TRADEMARK, 500, 20"})
    @DisplayName("complaints, penalties and malicious trademarks deduct per item up to a cap")
    void capped(Counter c, long n, double points) {
      assertDeduction(assess(measures().year(c, n)), c.name(), points);
    }

    @Test
    @DisplayName("findings add up")
    void sum() {
      RiskModel.Risk r = assess(measures().year(Counter.COMPLAINTS, 2).year(Counter.PENALTIES, 1)
          .year(Counter.MALICIOUS_TRADEMARK, 3).surge(50, 290));
      assertEquals(4, r.findings().size());
      assertEquals(100 - 4 - 5 - 3 - 10, r.creditScore(), EPS);
      assertEquals(Grade.C, r.grade());
    }
  }

  @Nested
  @DisplayName("configuration")
  class Configured {

    @Test
    @DisplayName("every deduction comes from the configuration (amber half, red full)")
    void custom() {
      RiskConfig rc = new RiskConfig(0.1, 0.2, 30, 0.05, 0.15, 12, 50, 80, 8, 3, 4, 33, 1.5, 3, 2.5, 5, 0.5, 2, 70, 45);
      IndicatorConfig cfg = new IndicatorConfig(CFG.zone(), 30, 30, 1.0, 0.5, CFG.abnormalCategories(), rc);
      RiskModel model = new RiskModel(cfg);
      Measures none = Measures.zero();
      java.util.function.Function<Derived, Double> deduction = d -> 100 - model.assess(AgencyStatus.ACTIVE, none, d)
          .creditScore();
      assertEquals(15.0, deduction.apply(new Derived(null, 0.1, null, null)), EPS, "abnormal amber: half of 30");
      assertEquals(30.0, deduction.apply(new Derived(null, 0.2, null, null)), EPS);
      assertEquals(0.0, deduction.apply(new Derived(0.46, null, null, null)), EPS, "gap 0.04 < 0.05");
      assertEquals(6.0, deduction.apply(new Derived(0.40, null, null, null)), EPS, "gap 0.10: half of 12");
      assertEquals(12.0, deduction.apply(new Derived(0.30, null, null, null)), EPS, "gap 0.20 > 0.15");
      assertEquals(4.0, deduction.apply(new Derived(null, null, null, 60.0)), EPS);
      assertEquals(8.0, deduction.apply(new Derived(null, null, null, 81.0)), EPS);
      assertEquals(4.0, deduction.apply(new Derived(null, null, 3.0, null)), EPS);
      assertEquals(70.0, 100 - model.assess(AgencyStatus.REVOKED, none, new Derived(null, null, null, null))
          .creditScore(), EPS);
      assertEquals(45.0, 100 - model.assess(AgencyStatus.SUSPENDED, none, new Derived(null, null, null, null))
          .creditScore(), EPS);
      Measures counts = measures().year(Counter.UNLICENSED_FILINGS, 1).year(Counter.COMPLAINTS, 10)
          .year(Counter.PENALTIES, 1).year(Counter.MALICIOUS_TRADEMARK, 3).build();
      assertEquals(33 + 3 + 2.5 + 1.5, 100 - model.assess(AgencyStatus.ACTIVE, counts,
          new Derived(null, null, null, null)).creditScore(), EPS);
    }
  }

  @Nested
  @DisplayName("grades")
  class Grades {

    @ParameterizedTest(name = "credit {0} -> {1}")
    @CsvSource({"100, A", "90, A", "89.999, B", "80, B", "79.999, C", "60, C", "59.999, D", "0, D", "-5, D"})
    @DisplayName("bands are A from 90, B from 80, C from 60, D under 60")
    void bands(double credit, Grade g) {
      assertEquals(g, Grade.of(credit));
    }

    @ParameterizedTest(name = "{0} -> credit {1}, grade {2}")
    @CsvSource({
        "COMPLAINTS 5, 90, A",
        "COMPLAINTS 5 MALICIOUS_TRADEMARK 1, 89, B",
        "PENALTIES 4, 80, B",
        "PENALTIES 4 MALICIOUS_TRADEMARK 1, 79, C",
        "PENALTIES 4 MALICIOUS_TRADEMARK 20, 60, C",
        "PENALTIES 4 MALICIOUS_TRADEMARK 20 COMPLAINTS 1, 58, D"})
    @DisplayName("the model's score lands in the right band exactly at 90, 80 and 60")
    void modelBands(String spec, double credit, Grade g) {
      MeasuresBuilder b = measures();
      String[] p = spec.split(" ");
      for (int i = 0; i < p.length; i += 2) {
        b.year(Counter.valueOf(p[i]), Long.parseLong(p[i + 1]));
      }
      RiskModel.Risk r = assess(b);
      assertEquals(credit, r.creditScore(), EPS);
      assertEquals(100 - credit, r.riskScore(), EPS);
      assertEquals(g, r.grade());
    }
  }

  @Test
  @DisplayName("Assessor derives the indicators and the risk of a reading")
  void assessor() {
    AgencyState s = new AgencyState(TestFacts.AGENCY);
    TestFacts.apply(s, TestFacts.registered("r", TestFacts.daysAgo(100), "A", "500112", 2));
    TestFacts.apply(s, TestFacts.status("rev", TestFacts.daysAgo(2), AgencyStatus.REVOKED));
    TestFacts.apply(s, TestFacts.filing("f", TestFacts.hoursAgo(1)));
    AgencyReading reading = AgencyReading.of(s, TestFacts.CLOCK, TestFacts.NOW.toEpochMilli());
    Assessment a = new Assessment.Assessor(CFG).assess(reading);
    assertEquals(reading, a.reading());
    assertEquals(0.5, a.derived().perAttorneyAnnual(), EPS);
    assertEquals(Grade.D, a.risk().grade());
    assertEquals(List.of("LICENCE_REVOKED", "UNLICENSED_FILING"),
        a.risk().findings().stream().map(RiskModel.Finding::code).toList());
    assertEquals(a.derived(), new Assessment.Assessor(CFG).derive(reading.measures()));
  }
}
