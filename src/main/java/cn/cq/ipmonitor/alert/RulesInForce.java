package cn.cq.ipmonitor.alert;

import cn.cq.ipmonitor.config.IndicatorConfig;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * The alert rules a node runs, and the decision to replace them when their file changes. A new version is
 * swapped in whole (the evaluator reads one {@link Snapshot} per round, never half of two); a file that cannot
 * be read or does not validate never replaces what runs, and is remembered as the last error until a good
 * file loads. The same contents (or the same read error) offered again are not decided twice, so a broken
 * file is reported once, not at every poll. Pure: the caller reads the file.
 */
public final class RulesInForce {

  /** What {@link #offer} did. */
  public enum Outcome { UNCHANGED, LOADED, REJECTED }

  /** Why a reload was refused, and when. */
  public record Rejection(long at, List<String> reasons) {
  }

  /**
   * The rules in force.
   *
   * @param source    the rule file, or the bundled resource's name
   * @param loadedAt  when these rules were loaded
   * @param lastError the last refused reload since these rules loaded, or null
   */
  public record Snapshot(RuleSet rules, RuleEngine engine, String source, long loadedAt, Rejection lastError) {
  }

  private final IndicatorConfig indicators;
  private final AtomicReference<Snapshot> current;
  /** Digest of the last contents decided, or the last read error; null before any. */
  private String lastSeen;

  /**
   * @param contents the bytes {@code initial} was parsed from, or null when they are not at hand (bundled rules)
   */
  public RulesInForce(RuleSet initial, String source, byte[] contents, IndicatorConfig indicators, long now) {
    this.indicators = Objects.requireNonNull(indicators, "indicators");
    this.current = new AtomicReference<>(new Snapshot(initial, new RuleEngine(initial, indicators), source, now,
        null));
    this.lastSeen = contents == null ? null : digest(contents);
  }

  public Snapshot snapshot() {
    return current.get();
  }

  /** The engine to evaluate a round with. */
  public RuleEngine engine() {
    return current.get().engine();
  }

  /** The names of the rules in force, as a view that follows reloads (for validating subscriptions, silences). */
  public Set<String> names() {
    return new java.util.AbstractSet<>() {
      @Override
      public boolean contains(Object o) {
        return current.get().rules().rule(String.valueOf(o)) != null;
      }

      @Override
      public java.util.Iterator<String> iterator() {
        return names(current.get()).iterator();
      }

      @Override
      public int size() {
        return current.get().rules().rules().size();
      }
    };
  }

  private static Set<String> names(Snapshot s) {
    return s.rules().rules().stream().map(RuleDefinition::name).collect(Collectors.toUnmodifiableSet());
  }

  /**
   * Decides on the rule file as just read.
   *
   * @param contents  the file's bytes, or null when it could not be read
   * @param readError why it could not be read (with contents null)
   */
  public synchronized Outcome offer(byte[] contents, String readError, long now) {
    String seen = contents == null ? "unreadable: " + readError : digest(contents);
    if (seen.equals(lastSeen)) {
      return Outcome.UNCHANGED;
    }
    lastSeen = seen;
    Snapshot was = current.get();
    if (contents == null) {
      return reject(was, List.of("cannot read " + was.source() + ": " + readError), now);
    }
    RuleSet rules;
    try {
      rules = RuleSet.parse(contents);
    } catch (RuleSetException e) {
      return reject(was, e.problems(), now);
    }
    current.set(new Snapshot(rules, new RuleEngine(rules, indicators), was.source(), now, null));
    return Outcome.LOADED;
  }

  private Outcome reject(Snapshot was, List<String> reasons, long now) {
    current.set(new Snapshot(was.rules(), was.engine(), was.source(), was.loadedAt(), new Rejection(now, reasons)));
    return Outcome.REJECTED;
  }

  private static String digest(byte[] contents) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(contents));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  @Override
  public String toString() {
    Snapshot s = current.get();
    return "RulesInForce[" + s.source() + ", " + s.rules() + "]";
  }
}
