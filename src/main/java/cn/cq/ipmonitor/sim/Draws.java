package cn.cq.ipmonitor.sim;

import java.util.SplittableRandom;

/** Random draws the JDK lacks. Everything takes the caller's generator so results stay seeded. */
final class Draws {

  /** Above this mean the Poisson draw switches from Knuth's product method to a normal approximation. */
  private static final double KNUTH_LIMIT = 30.0;
  /** Golden-ratio increment of SplitMix64, used to derive independent per-day / per-purpose seeds. */
  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private Draws() {
  }

  static int poisson(SplittableRandom rng, double mean) {
    if (mean <= 0) {
      return 0;
    }
    if (mean > KNUTH_LIMIT) {
      return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(rng)));
    }
    double limit = Math.exp(-mean);
    double product = rng.nextDouble();
    int n = 0;
    while (product > limit) {
      product *= rng.nextDouble();
      n++;
    }
    return n;
  }

  static double gaussian(SplittableRandom rng) {
    double u = 1.0 - rng.nextDouble();
    return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * rng.nextDouble());
  }

  static double uniform(SplittableRandom rng, double low, double high) {
    return low + (high - low) * rng.nextDouble();
  }

  /** An integer in [low, high], both inclusive. */
  static int between(SplittableRandom rng, int low, int high) {
    return low + rng.nextInt(high - low + 1);
  }

  static boolean chance(SplittableRandom rng, double p) {
    return rng.nextDouble() < p;
  }

  /** An index drawn with probability proportional to {@code weights[i]}. */
  static int weighted(SplittableRandom rng, double[] weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double x = rng.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      x -= weights[i];
      if (x < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  /** A well-mixed seed from a base seed and a salt (SplitMix64 finaliser), for independent streams. */
  static long mix(long seed, long salt) {
    long z = seed + GOLDEN_GAMMA * (salt + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
