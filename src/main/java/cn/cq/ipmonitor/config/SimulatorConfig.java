package cn.cq.ipmonitor.config;

/**
 * The realistic event source of the demo (DOMAIN.md magnitudes).
 *
 * @param enabled              run the simulator on this node
 * @param seed                 same seed, same agencies and events
 * @param patentAgencies       patent agencies headquartered in Chongqing
 * @param trademarkAgencies    trademark-only agencies
 * @param backfillDays         event-time history produced at start, as fast as the broker takes it
 * @param liveEventsPerSecond  rate once live
 * @param scale                multiplies every volume (1.0 = Chongqing's real magnitudes)
 * @param misbehaviourPerHour  how often, on average, a live agency starts misbehaving
 * @param nationalInventionGrantRate grant rate the simulated outcomes follow
 */
public record SimulatorConfig(boolean enabled, long seed, int patentAgencies, int trademarkAgencies,
                              int backfillDays, double liveEventsPerSecond, double scale,
                              double misbehaviourPerHour, double nationalInventionGrantRate) {
}
