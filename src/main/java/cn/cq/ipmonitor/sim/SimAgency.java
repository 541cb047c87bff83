package cn.cq.ipmonitor.sim;

import cn.cq.ipmonitor.event.AgencyKind;
import java.util.List;

/**
 * One simulated agency: its registry data (what {@code AGENCY_REGISTERED} says) and the behaviour
 * the generator gives it.
 *
 * @param index        position in the population; fixes the order in which the generator draws
 * @param id           5-digit patent agency code ({@code 50xxx}) or 18-character credit code
 * @param name         registered Chinese name
 * @param kind         PATENT, TRADEMARK or BOTH
 * @param district     6-digit district code (one of {@code Districts})
 * @param attorneys    practising attorneys (patent agencies) or trademark staff
 * @param zones        functional zones, e.g. {@code LIANGJIANG}; often empty
 * @param misbehaviour planted misconduct, {@link Misbehaviour#NONE} for most
 * @param profile      volumes and outcome rates at scale 1
 */
public record SimAgency(int index, String id, String name, AgencyKind kind, String district, int attorneys,
                        List<String> zones, Misbehaviour misbehaviour, Profile profile) {

  /** Attorney certificate serials start here so they do not look like 00001, 00002... */
  private static final int ATTORNEY_SERIAL_BASE = 10_000;
  private static final int ATTORNEY_SERIAL_STEP = 37;
  private static final int ATTORNEY_SERIAL_SPREAD = 97;
  /** Every agency has a regular clientele; bigger agencies more of it. */
  private static final int CLIENTS_BASE = 30;
  private static final int CLIENTS_PER_ATTORNEY = 15;

  public SimAgency {
    zones = List.copyOf(zones);
  }

  /**
   * What the agency does in a year at scale 1, and how its applications end.
   *
   * @param patentsPerYear        patent filings a year, all types
   * @param trademarksPerYear     trademark filings a year
   * @param inventionGrantRate    grants / (grants + rejections + withdrawals) of its inventions
   * @param abnormalShare         share of its patent filings CNIPA notifies as abnormal
   * @param withdrawalAfterNotice share of notified applications withdrawn afterwards
   * @param maliciousShare        share of its trademark filings refused as malicious
   */
  public record Profile(double patentsPerYear, double trademarksPerYear, double inventionGrantRate,
                        double abnormalShare, double withdrawalAfterNotice, double maliciousShare) {

    Profile withPatentsPerYear(double value) {
      return new Profile(value, trademarksPerYear, inventionGrantRate, abnormalShare, withdrawalAfterNotice,
          maliciousShare);
    }

    Profile withTrademarksPerYear(double value) {
      return new Profile(patentsPerYear, value, inventionGrantRate, abnormalShare, withdrawalAfterNotice,
          maliciousShare);
    }

    Profile withInventionGrantRate(double value) {
      return new Profile(patentsPerYear, trademarksPerYear, value, abnormalShare, withdrawalAfterNotice,
          maliciousShare);
    }

    Profile withAbnormal(double share, double withdrawal) {
      return new Profile(patentsPerYear, trademarksPerYear, inventionGrantRate, share, withdrawal, maliciousShare);
    }

    Profile withMaliciousShare(double value) {
      return new Profile(patentsPerYear, trademarksPerYear, inventionGrantRate, abnormalShare,
          withdrawalAfterNotice, value);
    }
  }

  /** Whether the agency files patent applications (and so has attorneys with certificate numbers). */
  public boolean filesPatents() {
    return kind != AgencyKind.TRADEMARK;
  }

  /** The certificate number of attorney {@code i} (0-based), or null for a trademark-only agency. */
  public String attorneyId(int i) {
    if (!filesPatents()) {
      return null;
    }
    int serial = ATTORNEY_SERIAL_BASE + i * ATTORNEY_SERIAL_STEP + index % ATTORNEY_SERIAL_SPREAD;
    return Identifiers.attorneyId(id, serial);
  }

  /** Size of the agency's regular clientele. */
  int clients() {
    return CLIENTS_BASE + CLIENTS_PER_ATTORNEY * attorneys;
  }

  SimAgency with(Misbehaviour newMisbehaviour, int newAttorneys, Profile newProfile) {
    return new SimAgency(index, id, name, kind, district, newAttorneys, zones, newMisbehaviour, newProfile);
  }
}
