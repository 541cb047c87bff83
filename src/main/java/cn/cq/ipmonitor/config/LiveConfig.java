package cn.cq.ipmonitor.config;

/**
 * Live push over {@code /ws/live} (dashboards/PROTOCOL.md).
 *
 * @param enabled             serve the websocket
 * @param snapshotIntervalMs  cadence of indicator snapshots; the event-to-screen delay is this plus the pipeline
 * @param heartbeatSnapshots  an unchanged snapshot is still sent every this many intervals, so a screen can tell
 *                            a quiet feed from a dead connection
 * @param replayBuffer        messages kept per channel for clients that resume after a reconnect
 * @param maxQueuedMessages   messages one connection may have waiting when its socket is full; beyond that the
 *                            client is too slow and is disconnected
 * @param writeQueueBytes     bytes the socket itself may buffer before the connection counts as full
 * @param authTimeoutMs       how long a new connection has to authenticate
 * @param maxChannels         channels one connection may subscribe to
 * @param maxConnections      connections this node accepts
 * @param maxFrameBytes       the largest message a client may send
 * @param maxAlertsInSnapshot open alerts in an {@code alerts} snapshot
 */
public record LiveConfig(boolean enabled, long snapshotIntervalMs, int heartbeatSnapshots, int replayBuffer,
                         int maxQueuedMessages, int writeQueueBytes, long authTimeoutMs, int maxChannels,
                         int maxConnections, int maxFrameBytes, int maxAlertsInSnapshot) {
}
