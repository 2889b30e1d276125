package io.github.resilientredis.resilience;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The state of one circuit breaker of the command guard: the one {@code redis} breaker, or
 * in a Redis Cluster the breaker of one master node.
 * @param name the breaker name ({@code redis}, or {@code redis-shard-<first slot>})
 * @param node the cluster node's {@code host:port}, or {@code null} for the one breaker
 * @param slots the slot ranges the node serves in the client's current topology (empty
 * when it serves none, for example after a failover, or outside a cluster)
 * @param state the breaker state name (CLOSED, OPEN, HALF_OPEN...)
 * @param failureRate the failure rate in percent, or {@code -1} before the minimum number
 * of calls
 */
public record BreakerSnapshot(String name, @Nullable String node, List<SlotRange> slots, String state,
		float failureRate) {

	/**
	 * A range of hash slots.
	 * @param from the first slot
	 * @param to the last slot (inclusive)
	 */
	public record SlotRange(int from, int to) {

		@Override
		public String toString() {
			return (this.from == this.to) ? String.valueOf(this.from) : this.from + "-" + this.to;
		}

	}

}
