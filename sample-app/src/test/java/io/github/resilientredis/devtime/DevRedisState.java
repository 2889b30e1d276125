package io.github.resilientredis.devtime;

import org.jspecify.annotations.Nullable;

/**
 * What {@code GET /dev/redis} says about the dev-time Redis.
 *
 * @param available whether a dev-time Redis could be started at all
 * @param host the host the application connects to
 * @param port the port the application connects to (a closed port without a dev-time Redis)
 * @param state what the server is doing
 * @param message what to do about a missing dev-time Redis, or why an action failed
 */
public record DevRedisState(boolean available, String host, int port, State state, @Nullable String message) {

	/**
	 * What the dev-time server is doing.
	 */
	public enum State {

		/** Serving. */
		RUNNING,
		/** Frozen with SIGSTOP: connections stay open, commands time out. */
		PAUSED,
		/** Killed or stopped; restart brings it back on the same port. */
		KILLED,
		/** No dev-time Redis could be started (no redis-server, no Docker). */
		UNAVAILABLE

	}

}
