package io.github.resilientredis.connection;

import java.util.function.Supplier;

import io.lettuce.core.RedisChannelWriter;

/**
 * Wraps the channel writer of every command connection the
 * {@link ResilientLettuceConnectionFactory} opens, so that every command Lettuce sends
 * (imperative, reactive, pipelined, per cluster node) passes one place. The resilience
 * layer implements it to put the commands behind a circuit breaker; the default passes
 * through. Pub/sub, sentinel and out-of-band monitoring connections are not wrapped.
 */
@FunctionalInterface
public interface CommandGuard {

	/**
	 * A guard that leaves the writer as it is.
	 */
	CommandGuard NONE = (writer) -> writer;

	/**
	 * Wrap the writer of a new connection.
	 * @param writer the writer Lettuce built (endpoint, command expiry, listeners)
	 * @return the writer the connection uses
	 */
	RedisChannelWriter guard(RedisChannelWriter writer);

	/**
	 * Called once by the cluster client, before its first connection, with its topology:
	 * the writers of its node connections then implement {@link ClusterNodeWriter} and learn
	 * their node, so that a guard may keep one breaker per node.
	 * @param topology the cluster's topology
	 */
	default void clusterTopology(ClusterTopology topology) {
	}

	/**
	 * Called before a new connection is opened (never for Lettuce's reconnects of an
	 * existing one).
	 * @throws RuntimeException to refuse the connection, for example while the breaker is
	 * open; the exception reaches the caller as it is
	 */
	default void admitConnect() {
	}

	/**
	 * Carry the calling thread's guard context to a task that runs on another thread
	 * (Spring Data Redis runs cluster-wide commands on an executor).
	 * @param task the task
	 * @return the task to run instead
	 */
	default Runnable propagate(Runnable task) {
		return task;
	}

	/**
	 * Run an action whose commands, sent from this thread, are not the application's and
	 * so neither pass nor count in the guard (the pool's validation PING, recovery probes).
	 * @param <T> the result type
	 * @param action the action
	 * @return its result
	 */
	default <T> T bypass(Supplier<T> action) {
		return action.get();
	}

}
