package cn.cq.ipmonitor.config;

/**
 * Deductions of the risk model, in the spirit of the patent agency credit evaluation: every agency starts
 * at 100 and loses points per finding; the README shows the formula.
 */
public record RiskConfig(double abnormalShareAmber, double abnormalShareRed, double abnormalDeductionMax,
                         double grantRateGapAmber, double grantRateGapRed, double grantRateDeduction,
                         double perAttorneyAmber, double perAttorneyRed, double overloadDeduction,
                         double surgeFactor, double surgeDeduction, double unlicensedDeduction,
                         double complaintDeduction, double complaintDeductionMax,
                         double penaltyDeduction, double penaltyDeductionMax,
                         double maliciousTrademarkDeduction, double maliciousTrademarkDeductionMax,
                         double revokedDeduction, double stopBusinessDeduction) {
}
