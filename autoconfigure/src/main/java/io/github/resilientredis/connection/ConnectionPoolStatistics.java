package io.github.resilientredis.connection;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Point-in-time view of the dedicated-connection pool, read by health, the endpoint and
 * meters.
 */
public interface ConnectionPoolStatistics {

	/**
	 * Whether dedicated connections are pooled at all.
	 * @return {@code true} when pooling is enabled
	 */
	boolean isPooled();

	/**
	 * Connections currently borrowed.
	 * @return the number of active connections
	 */
	int getActive();

	/**
	 * Connections idle in the pool.
	 * @return the number of idle connections
	 */
	int getIdle();

	/**
	 * Threads waiting for a connection.
	 * @return the number of waiting threads
	 */
	int getWaiting();

	/**
	 * Most connections that can be borrowed: {@code redis.pool.max-active} per pool in use
	 * (one pool per connection type and API: the blocking and the reactive API each pool
	 * their dedicated connections), max-active while none is in use.
	 * @return the maximum
	 */
	int getMaxActive();

	/**
	 * Connections created since start.
	 * @return the created count
	 */
	long getCreated();

	/**
	 * Connections destroyed since start.
	 * @return the destroyed count
	 */
	long getDestroyed();

	/**
	 * Borrowed connections held longer than the given duration, oldest first.
	 * @param threshold minimum time held
	 * @return the long-held borrows, with the borrower's stack trace when recorded
	 */
	List<Borrow> borrowedLongerThan(Duration threshold);

	/**
	 * One borrowed connection.
	 * @param id identifies this borrow: unique per borrow, also when the same connection
	 * is borrowed again
	 * @param connection description of the connection (no credentials)
	 * @param heldFor time since it was borrowed
	 * @param borrowStackTrace the borrower's stack trace, or {@code null} when not
	 * recorded
	 */
	record Borrow(long id, String connection, Duration heldFor, @Nullable String borrowStackTrace) {
	}

}
