package io.github.resilientredis.monitor;

import java.time.Instant;

/**
 * A change of the master address the sentinels name, as observed by the monitor.
 *
 * @param at when the change was observed
 * @param from the previous master
 * @param to the new master
 */
public record Failover(Instant at, NodeAddress from, NodeAddress to) {
}
