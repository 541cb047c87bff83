package cn.cq.ipmonitor.sim;

/**
 * One application filed through an agency, kept compact because the outcome book holds hundreds of
 * thousands of them until their decisions fall due.
 *
 * @param agency   the filing agency
 * @param ipType   what was filed
 * @param filedAt  filing instant, epoch milliseconds, whole seconds
 * @param serial   the application number's serial within its year (see {@link Identifiers})
 * @param route    DOMESTIC, PCT, MADRID or HAGUE
 * @param attorney index of the handling attorney within the agency (ignored for trademarks)
 * @param client   index of the applicant within the agency's clientele
 */
record Filing(SimAgency agency, IpType ipType, long filedAt, int serial, String route, int attorney, int client) {

  String applicationNo() {
    int year = ActivityCurve.dateOf(filedAt).getYear();
    return ipType.isPatent()
        ? Identifiers.patentApplicationNo(year, ipType, serial)
        : Identifiers.trademarkApplicationNo(year, serial);
  }

  /** The handling attorney's certificate number; none for trademarks (no patent attorney is required). */
  String attorneyId() {
    return ipType.isPatent() ? agency.attorneyId(attorney % Math.max(1, agency.attorneys())) : null;
  }
}
