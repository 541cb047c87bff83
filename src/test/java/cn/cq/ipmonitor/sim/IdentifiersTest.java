package cn.cq.ipmonitor.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Identifiers")
class IdentifiersTest {

  @ParameterizedTest(name = "{0} has check character {1}")
  @CsvSource({
      // Published application numbers (e.g. the one behind CN114911801A).
      "202210635727, 1", "202321160956, 9", "201710158044, 0", "202510836767, 6",
      // A sum that leaves 10 is written X.
      "202610516233, X"})
  @DisplayName("compute the CNIPA check character of real application numbers")
  void patentCheckDigit(String twelve, char expected) {
    assertEquals(expected, Identifiers.patentCheckDigit(twelve));
  }

  @Test
  @DisplayName("format patent numbers as year, type digit, 7-digit serial, dot, check character")
  void patentNumberFormat() {
    String no = Identifiers.patentApplicationNo(2026, IpType.UTILITY_MODEL, 551_234);
    assertTrue(no.matches("20262\\d{7}\\.[0-9X]"), no);
    assertTrue(no.startsWith("202620551234."), no);
    assertTrue(Identifiers.isValidPatentApplicationNo(no));
  }

  @ParameterizedTest
  @ValueSource(strings = {"202210635727.2", "20221063572.1", "202210635727", "2022106357271", "abc", ""})
  @DisplayName("reject patent numbers with a wrong check character or shape")
  void invalidPatentNumbers(String no) {
    assertFalse(Identifiers.isValidPatentApplicationNo(no));
  }

  @Test
  @DisplayName("refuse to number trademarks as patents and serials out of range")
  void badPatentInput() {
    assertThrows(IllegalArgumentException.class, () -> Identifiers.patentApplicationNo(2026, IpType.TRADEMARK, 1));
    assertThrows(IllegalArgumentException.class,
        () -> Identifiers.patentApplicationNo(2026, IpType.INVENTION, 10_000_000));
    assertThrows(IllegalArgumentException.class, () -> Identifiers.patentCheckDigit("20221063572a"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"914403001922038216", "9144030071526726XG", "91440300708461136T"})
  @DisplayName("compute the check character of real unified social credit codes")
  void creditCheckOfRealCodes(String code) {
    assertEquals(code.charAt(17), Identifiers.creditCheckChar(code.substring(0, 17)));
  }

  @Test
  @DisplayName("build Chongqing credit codes of 18 uppercase characters that are valid agency ids")
  void creditCodes() {
    for (int body : new int[] {0, 1, 12_345_678, 99_999_999}) {
      String code = Identifiers.creditCode("91", "500105", body);
      assertEquals(18, code.length());
      assertTrue(code.matches("91500105[0-9A-Z]{10}"), code);
      assertTrue(ContractChecks.AGENCY_ID.matcher(code).matches());
      assertEquals(code.charAt(17), Identifiers.creditCheckChar(code.substring(0, 17)));
    }
  }

  @Test
  @DisplayName("give attorneys 11-digit certificate numbers that start with the agency code")
  void attorneyIds() {
    String id = Identifiers.attorneyId("50012", 10_037);
    assertTrue(id.matches("5001210037\\d"), id);
    assertThrows(IllegalArgumentException.class, () -> Identifiers.attorneyId("50012", 100_000));
  }

  @Test
  @DisplayName("give trademarks 8-digit numbers, distinct per year")
  void trademarkNumbers() {
    String a = Identifiers.trademarkApplicationNo(2026, 3_669_999);
    String b = Identifiers.trademarkApplicationNo(2025, 3_669_999);
    assertTrue(a.matches("\\d{8}") && b.matches("\\d{8}"), a + " " + b);
    assertFalse(a.equals(b));
    assertTrue(Identifiers.trademarkApplicationNo(2031, 6_999_999).matches("\\d{8}"));
  }
}
