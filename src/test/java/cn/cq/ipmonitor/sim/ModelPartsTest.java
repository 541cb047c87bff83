package cn.cq.ipmonitor.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The model's parts")
class ModelPartsTest {

  @Test
  @DisplayName("activity factors average 1 over a year, so annual volumes are kept")
  void dayFactorsAverageOne() {
    double sum = 0;
    LocalDate d = LocalDate.of(2026, 1, 1);
    for (int i = 0; i < 364; i++) { // 52 whole weeks
      sum += ActivityCurve.dayFactor(d.plusDays(i));
    }
    assertEquals(1.0, sum / 364, 0.02);
    assertTrue(ActivityCurve.dayFactor(LocalDate.of(2026, 12, 16)) > ActivityCurve.dayFactor(LocalDate.of(2026, 2, 11)),
        "December peak above February");
  }

  @Test
  @DisplayName("filing times fall on their own day, in whole seconds, mostly in office hours")
  void sampledInstants() {
    SplittableRandom rng = new SplittableRandom(3);
    LocalDate day = LocalDate.of(2026, 3, 18);
    int office = 0;
    int n = 10_000;
    for (int i = 0; i < n; i++) {
      long t = ActivityCurve.sampleInstant(day, rng);
      assertEquals(day, ActivityCurve.dateOf(t));
      assertEquals(0, t % 1_000);
      int hour = (int) ((t - ActivityCurve.startOfDay(day)) / ActivityCurve.HOUR);
      office += hour >= 9 && hour < 18 ? 1 : 0;
    }
    assertTrue(office > 0.6 * n, "office-hour share " + office / (double) n);
  }

  @Test
  @DisplayName("decisions land on working days")
  void workingDays() {
    assertEquals(DayOfWeek.MONDAY, ActivityCurve.workingDayFrom(LocalDate.of(2026, 11, 21)).getDayOfWeek());
    assertEquals(LocalDate.of(2026, 11, 18), ActivityCurve.workingDayFrom(LocalDate.of(2026, 11, 18)));
  }

  @Test
  @DisplayName("abnormal notices come in two-weekly batches numbered within the year")
  void batches() {
    assertEquals(LocalDate.of(2026, 1, 14), OutcomeRules.batchDate(LocalDate.of(2026, 1, 1)));
    assertEquals(LocalDate.of(2026, 1, 14), OutcomeRules.batchDate(LocalDate.of(2026, 1, 14)));
    assertEquals(LocalDate.of(2026, 1, 28), OutcomeRules.batchDate(LocalDate.of(2026, 1, 15)));
    assertEquals(LocalDate.of(2026, 12, 30), OutcomeRules.batchDate(LocalDate.of(2026, 12, 20)));
    assertEquals(LocalDate.of(2027, 1, 14), OutcomeRules.batchDate(LocalDate.of(2026, 12, 31)));
    assertEquals("2026-B001", OutcomeRules.batchId(OutcomeRules.batchKey(LocalDate.of(2026, 1, 14))));
    assertEquals("2026-B017", OutcomeRules.batchId(OutcomeRules.batchKey(LocalDate.ofYearDay(2026, 17 * 14))));
  }

  @Test
  @DisplayName("Poisson draws have the requested mean, small or large")
  void poissonMean() {
    SplittableRandom rng = new SplittableRandom(5);
    for (double mean : new double[] {0.01, 2.5, 29, 400}) {
      long sum = 0;
      int n = 20_000;
      for (int i = 0; i < n; i++) {
        sum += Draws.poisson(rng, mean);
      }
      assertEquals(mean, sum / (double) n, 4 * Math.sqrt(mean / n) + 1e-3, "mean " + mean);
    }
    assertEquals(0, Draws.poisson(rng, 0));
    assertEquals(0, Draws.poisson(rng, -1));
  }

  @Test
  @DisplayName("JSON escapes quotes and control characters in free text")
  void escaping() throws Exception {
    SimAgency a = AgencyPopulation.generate(BackfillTest.DEFAULTS).get(0);
    Draft d = new Drafts(1).complaint(a, 0, new SplittableRandom(1));
    java.util.Map<String, Object> detail = new java.util.LinkedHashMap<>(d.detail());
    detail.put("summary", "他说：\"包授权\"\n\t\\");
    Draft tricky = new Draft(d.at(), d.eventId(), d.type(), a, null, null, null, null, null, detail);
    String json = new EventWriter().write(tricky).json();
    assertEquals("他说：\"包授权\"\n\t\\",
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).at("/detail/summary").asText());
    assertEquals("1970-01-01T08:00:00+08:00", EventWriter.occurredAt(0));
  }
}
