package cn.cq.ipmonitor.indicator;

import static cn.cq.ipmonitor.indicator.MeasuresBuilder.measures;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import cn.cq.ipmonitor.config.ConfigLoader;
import cn.cq.ipmonitor.config.IndicatorConfig;
import cn.cq.ipmonitor.event.EventType;
import cn.cq.ipmonitor.event.IpType;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Derived")
class DerivedTest {

  static final IndicatorConfig CFG = ConfigLoader.load(null, Map.of()).indicators();
  static final double EPS = 1e-12;

  static Derived derive(MeasuresBuilder b) {
    return Derived.of(b.build(), CFG);
  }

  static IndicatorConfig withMinimums(int closed, int filings, double baseline) {
    return new IndicatorConfig(CFG.zone(), closed, filings, baseline, CFG.nationalInventionGrantRate(),
        CFG.abnormalCategories(), CFG.risk());
  }

  @Test
  @DisplayName("the defaults ask for 30 closed cases, 30 patent filings and a baseline mean of 1")
  void defaults() {
    assertEquals(30, CFG.minClosedForGrantRate());
    assertEquals(30, CFG.minFilingsForAbnormalShare());
    assertEquals(1.0, CFG.minSurgeBaseline());
  }

  @Test
  @DisplayName("an agency with nothing has no derived indicator at all")
  void empty() {
    assertEquals(new Derived(null, null, null, null), Derived.of(Measures.zero(), CFG));
  }

  @Nested
  @DisplayName("inventionGrantRate")
  class GrantRate {

    @Test
    @DisplayName("is null under 30 closed invention cases")
    void under30() {
      assertNull(derive(measures().year(Counter.INVENTION_GRANTS, 29)).inventionGrantRate());
      assertNull(derive(measures().year(Counter.INVENTION_GRANTS, 10).year(Counter.INVENTION_REJECTIONS, 10)
          .year(Counter.INVENTION_WITHDRAWALS, 9)).inventionGrantRate());
    }

    @Test
    @DisplayName("is grants / (grants + rejections + withdrawals) at exactly 30")
    void at30() {
      Derived d = derive(measures().year(Counter.INVENTION_GRANTS, 12).year(Counter.INVENTION_REJECTIONS, 10)
          .year(Counter.INVENTION_WITHDRAWALS, 8));
      assertEquals(0.4, d.inventionGrantRate(), EPS);
      assertEquals(0.0, derive(measures().year(Counter.INVENTION_REJECTIONS, 30)).inventionGrantRate(), EPS);
      assertEquals(1.0, derive(measures().year(Counter.INVENTION_GRANTS, 30)).inventionGrantRate(), EPS);
    }

    @Test
    @DisplayName("counts invention outcomes only, in the 365d window only")
    void inventionsOnly() {
      assertNull(derive(measures().year(Counter.GRANTS, 100).year(Counter.REJECTIONS, 100)
          .year(Counter.INVENTION_GRANTS, 5)).inventionGrantRate());
      assertNull(derive(measures().in(Window.D30, Counter.INVENTION_GRANTS, 100)).inventionGrantRate());
    }

    @Test
    @DisplayName("never divides by zero when the minimum is configured as 0")
    void zeroMinimum() {
      assertNull(Derived.of(Measures.zero(), withMinimums(0, 0, 0)).inventionGrantRate());
      assertEquals(1.0, Derived.of(measures().year(Counter.INVENTION_GRANTS, 1).build(), withMinimums(0, 0, 0))
          .inventionGrantRate(), EPS);
    }
  }

  @Nested
  @DisplayName("abnormalShare")
  class AbnormalShare {

    @Test
    @DisplayName("is null under 30 patent filings, however many trademark filings there are")
    void under30() {
      Derived d = derive(measures().year(Counter.FILINGS_INVENTION, 29).year(Counter.FILINGS_TRADEMARK, 500)
          .year(Counter.FILINGS, 529).year(Counter.ABNORMAL, 3));
      assertNull(d.abnormalShare());
    }

    @Test
    @DisplayName("is abnormal / (invention + utility model + design filings) from 30 on; trademarks are not"
        + " in the denominator")
    void at30() {
      Derived d = derive(measures().year(Counter.FILINGS_INVENTION, 10).year(Counter.FILINGS_UTILITY_MODEL, 10)
          .year(Counter.FILINGS_DESIGN, 10).year(Counter.FILINGS_TRADEMARK, 70).year(Counter.FILINGS, 100)
          .year(Counter.ABNORMAL, 3));
      assertEquals(0.1, d.abnormalShare(), EPS);
    }

    @Test
    @DisplayName("is 0 with no abnormal notices, and may exceed 1")
    void extremes() {
      assertEquals(0.0, derive(measures().year(Counter.FILINGS_DESIGN, 30)).abnormalShare(), EPS);
      assertEquals(2.0, derive(measures().year(Counter.FILINGS_UTILITY_MODEL, 30).year(Counter.ABNORMAL, 60))
          .abnormalShare(), EPS);
    }
  }

  @Nested
  @DisplayName("surge")
  class Surge {

    @ParameterizedTest(name = "last24h {0}, prior 29 days {1} -> {2}")
    @CsvSource({
        "10, 29, 10.0",     // baseline mean exactly 1
        "50, 290, 5.0",
        "0, 58, 0.0",
        "3, 87, 1.0",
        "100, 2900, 1.0"})
    @DisplayName("is last 24h / (prior 29 days / 29)")
    void ratio(long last24h, long prior, double expected) {
      assertEquals(expected, derive(measures().surge(last24h, prior)).surge(), EPS);
    }

    @ParameterizedTest(name = "prior {0}")
    @CsvSource({"0", "1", "28"})
    @DisplayName("is null when the baseline mean is under 1")
    void smallBaseline(long prior) {
      assertNull(derive(measures().surge(1_000, prior)).surge());
    }

    @Test
    @DisplayName("follows the configured minimum baseline")
    void configured() {
      Measures m = measures().surge(20, 58).build();
      assertEquals(10.0, Derived.of(m, withMinimums(30, 30, 2.0)).surge(), EPS);
      assertNull(Derived.of(m, withMinimums(30, 30, 2.5)).surge());
      assertNull(Derived.of(measures().surge(5, 0).build(), withMinimums(30, 30, 0)).surge(),
          "no division by zero with a zero minimum");
    }

    @Test
    @DisplayName("is computed from an agency's own state: 10 filings today against 2 a day before")
    void fromState() {
      AgencyState s = new AgencyState(TestFacts.AGENCY);
      for (int d = 1; d <= 29; d++) {
        TestFacts.apply(s, TestFacts.filing("p" + d + "a", TestFacts.NOW.minus(Duration.ofDays(d).plusHours(1))));
        TestFacts.apply(s, TestFacts.filing("p" + d + "b", TestFacts.NOW.minus(Duration.ofDays(d).plusHours(2))));
      }
      for (int i = 0; i < 10; i++) {
        TestFacts.apply(s, TestFacts.filing("r" + i, TestFacts.hoursAgo(i)));
      }
      assertEquals(5.0, Derived.of(TestFacts.measure(s), CFG).surge(), EPS);
    }
  }

  @Nested
  @DisplayName("perAttorneyAnnual")
  class PerAttorney {

    @Test
    @DisplayName("is null when attorneys are unknown (0)")
    void unknown() {
      assertNull(derive(measures().year(Counter.FILINGS, 1_000).attorneys(0)).perAttorneyAnnual());
    }

    @Test
    @DisplayName("is 365d filings / attorneys")
    void ratio() {
      assertEquals(250.0, derive(measures().year(Counter.FILINGS, 1_000).attorneys(4)).perAttorneyAnnual(), EPS);
      assertEquals(0.0, derive(measures().attorneys(3)).perAttorneyAnnual(), EPS);
      assertEquals(0.0, derive(measures().in(Window.D30, Counter.FILINGS, 90).attorneys(3)).perAttorneyAnnual(),
          EPS, "only the 365d window counts");
    }
  }

  @Test
  @DisplayName("an agency's state gives a grant rate once 30 invention cases have closed in the year")
  void grantRateFromState() {
    AgencyState s = new AgencyState(TestFacts.AGENCY);
    for (int i = 0; i < 29; i++) {
      EventType t = i < 12 ? EventType.FILING_GRANTED : i < 22 ? EventType.FILING_REJECTED : EventType.FILING_WITHDRAWN;
      TestFacts.apply(s, TestFacts.outcome(t, "o" + i, TestFacts.daysAgo(i * 10L), IpType.INVENTION));
    }
    TestFacts.apply(s, TestFacts.outcome(EventType.FILING_GRANTED, "design", TestFacts.daysAgo(1), IpType.DESIGN));
    assertNull(Derived.of(TestFacts.measure(s), CFG).inventionGrantRate());
    TestFacts.apply(s, TestFacts.outcome(EventType.FILING_WITHDRAWN, "o29", TestFacts.daysAgo(300), IpType.INVENTION));
    Double rate = Derived.of(TestFacts.measure(s), CFG).inventionGrantRate();
    assertNotNull(rate);
    assertEquals(12.0 / 30, rate, EPS);
  }
}
