package io.github.resilientredis.monitor;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.api.async.RedisAsyncCommands;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.github.resilientredis.diagnostics.ConnectionFailureHints;
import io.github.resilientredis.diagnostics.ConnectionFailureHints.Hint;
import io.github.resilientredis.diagnostics.Endpoint;

/**
 * Finds configuration errors that waiting does not cure (wrong password, TLS mismatch,
 * missing ACL permission, database out of range, cluster nodes naming a standalone
 * server, unknown sentinel master) without waiting for application traffic: on the
 * monitoring connection it connects (the handshake authenticates and selects the
 * database), runs PING, and a GET (which the cache needs) of a random key that does not
 * exist. It never writes. The configuration error found is kept until a later
 * check passes, and logged at WARN once when it is found.
 */
public class ConfigurationCheck {

	private static final Log logger = LogFactory.getLog(ConfigurationCheck.class);

	private final OutOfBandConnection connection;

	private final Supplier<Endpoint> endpoint;

	private final boolean cluster;

	private final Duration timeout;

	private final AtomicBoolean started = new AtomicBoolean();

	/** Attempts of the startup check while its failures carry no hint at all. */
	private static final int UNEXPLAINED_ATTEMPTS = 3;

	private volatile @Nullable Hint misconfiguration;

	private volatile boolean unexplained;

	/**
	 * Create the check.
	 * @param connection the monitoring connection
	 * @param endpoint where the application connects
	 * @param cluster whether the application talks to Redis Cluster (then {@code CLUSTER
	 * NODES}, which the client needs for the topology, is tried too)
	 * @param timeout deadline of each command, including connecting
	 */
	public ConfigurationCheck(OutOfBandConnection connection, Supplier<Endpoint> endpoint, boolean cluster,
			Duration timeout) {
		this.connection = connection;
		this.endpoint = endpoint;
		this.cluster = cluster;
		this.timeout = timeout;
	}

	/**
	 * Run the check once on a daemon thread; later calls do nothing. Never blocks and
	 * never throws, so it cannot delay or fail startup.
	 */
	public void runInBackground() {
		if (this.started.compareAndSet(false, true)) {
			Thread thread = new Thread(this::runQuietly, "redis-config-check");
			thread.setDaemon(true);
			thread.start();
		}
	}

	/**
	 * Lettuce can lose the real cause of a failed connect (see
	 * {@link ConnectionFailureHints}, about 1-3 % of attempts under load): a failure without
	 * any hint is tried again a few times before the check gives up.
	 */
	private void runQuietly() {
		for (int attempt = 1; attempt <= UNEXPLAINED_ATTEMPTS; attempt++) {
			try {
				if (run().isPresent() || !this.unexplained) {
					return;
				}
				Thread.sleep(100L * attempt);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				logger.debug("Redis configuration check failed", ex);
				return;
			}
		}
	}

	/** {@link #run(Duration) Run} the check now with the configured deadline. */
	public Optional<Hint> run() {
		return run(this.timeout);
	}

	/**
	 * Run the check now with a deadline of its own (the health indicator's, say).
	 * @param timeout deadline of each command, including connecting
	 * @return the configuration error found; empty when the check passed or failed for
	 * another reason (the server is down or slow: a configuration error found earlier is
	 * then kept)
	 */
	public Optional<Hint> run(Duration timeout) {
		try {
			this.connection.execute(RedisAsyncCommands::ping, timeout);
			// a read the cache runs for the application (writes are never tried): NOPERM shows now
			String absent = "resilient-redis:config-check:" + UUID.randomUUID();
			this.connection.execute((commands) -> commands.get(absent), timeout);
			if (this.cluster) {
				this.connection.execute(RedisAsyncCommands::clusterNodes, timeout);
			}
		}
		catch (OutOfBandConnection.OutOfBandException | RedisCommandExecutionException ex) {
			Optional<Hint> hint = failed(ex);
			this.unexplained = hint.isEmpty();
			return hint.filter((found) -> found.kind().isConfigurationError());
		}
		this.unexplained = false;
		// only a passed check clears an error: PING alone does not show a missing permission
		Hint previous = this.misconfiguration;
		this.misconfiguration = null;
		if (previous != null) {
			logger.info("Redis at " + this.endpoint.get() + ": the configuration error is gone (" + previous.kind()
					+ ")");
		}
		return Optional.empty();
	}

	/**
	 * Record a failure seen on the monitoring connection (by the health PING, say).
	 * @param failure the failure
	 * @return the hint for it, whether a configuration error or not
	 */
	public Optional<Hint> failed(Throwable failure) {
		Optional<Hint> hint = ConnectionFailureHints.hint(failure, this.endpoint.get());
		hint.filter((found) -> found.kind().isConfigurationError()).ifPresent((found) -> {
			Hint previous = this.misconfiguration;
			this.misconfiguration = found;
			if (previous == null || previous.kind() != found.kind()) {
				// the hint never contains a password; the raw cause is left to DEBUG
				logger.warn("Redis is misconfigured: " + found.message());
			}
		});
		return hint;
	}

	/** The configuration error found by the last check, empty when a later check passed. */
	public Optional<Hint> misconfiguration() {
		return Optional.ofNullable(this.misconfiguration);
	}

}
