package io.github.resilientredis.connection;

import java.time.Duration;

/**
 * How pooled dedicated connections are checked before they are used: a connection a
 * firewall or load balancer dropped silently (no FIN, no RST) still looks open to the
 * client, and only a round trip tells.
 *
 * @param mode when a PING is sent
 * @param timeout deadline of the validation PING; a connection that does not answer in
 * time is closed and replaced
 */
public record PoolValidation(Mode mode, Duration timeout) {

	/** PING idle connections on every eviction run, with a 250 ms deadline. */
	public static final PoolValidation DEFAULT = new PoolValidation(Mode.WHILE_IDLE, Duration.ofMillis(250));

	/**
	 * When pooled connections are validated with a PING. A borrowed connection is always
	 * checked to be open (no round trip).
	 */
	public enum Mode {

		/** No PING: only the open check on borrow. */
		NONE,

		/** PING every connection when it is borrowed (one round trip per borrow). */
		ON_BORROW,

		/**
		 * PING idle connections on every run of the pool's evictor (one PING per idle
		 * connection per eviction interval), off the request path.
		 */
		WHILE_IDLE

	}

}
