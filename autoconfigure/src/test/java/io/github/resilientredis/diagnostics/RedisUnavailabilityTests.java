package io.github.resilientredis.diagnostics;

import java.io.IOException;
import java.net.ConnectException;
import java.util.NoSuchElementException;

import javax.net.ssl.SSLHandshakeException;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import org.junit.jupiter.api.Test;

import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.connection.PoolException;
import org.springframework.data.redis.serializer.SerializationException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link RedisUnavailability}: which failures mean Redis is unavailable (and open the breaker) and which are the caller's own errors.
 */
class RedisUnavailabilityTests {

	@Test
	void isUnavailabilityWhenConnectionFailureShouldBeTrue() {
		assertThat(RedisUnavailability.isUnavailability(new RedisConnectionFailureException("Redis connection failed",
				new RedisConnectionException("Unable to connect to 127.0.0.1:1", new ConnectException("refused")))))
			.isTrue();
	}

	@Test
	void isUnavailabilityWhenTimeoutShouldBeTrue() {
		assertThat(RedisUnavailability.isUnavailability(new QueryTimeoutException("Redis command timed out",
				new RedisCommandTimeoutException("Command timed out after 2 second(s)"))))
			.isTrue();
		assertThat(RedisUnavailability.isUnavailability(new RedisCommandTimeoutException("timed out"))).isTrue();
	}

	@Test
	void isUnavailabilityWhenServerStateErrorsShouldBeTrue() {
		assertThat(RedisUnavailability.isUnavailability(systemError("LOADING Redis is loading the dataset in memory")))
			.isTrue();
		assertThat(RedisUnavailability
			.isUnavailability(systemError("MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.")))
			.isTrue();
		assertThat(RedisUnavailability.isUnavailability(systemError("ERR max number of clients reached"))).isTrue();
		assertThat(RedisUnavailability.isUnavailability(systemError("CLUSTERDOWN The cluster is down"))).isTrue();
		assertThat(RedisUnavailability.isUnavailability(systemError("ERR the connection closed by user script")))
			.isFalse();
	}

	@Test
	void isUnavailabilityWhenDisconnectedShouldBeTrue() {
		assertThat(RedisUnavailability.isUnavailability(new RedisSystemException("Redis exception",
				new RedisException("Currently not connected. Commands are rejected."))))
			.isTrue();
		assertThat(RedisUnavailability
			.isUnavailability(new RedisSystemException("Redis exception", new RedisException("Connection closed"))))
			.isTrue();
		assertThat(RedisUnavailability.isUnavailability(new IOException("Connection reset by peer"))).isTrue();
		assertThat(RedisUnavailability
			.isUnavailability(new RedisSystemException("Redis exception", new RedisException("Connection disconnected"))))
			.isTrue();
		assertThat(RedisUnavailability
			.isUnavailability(new RedisSystemException("Redis exception", new RedisException("Connection is closed"))))
			.isTrue();
	}

	@Test
	void isUnavailabilityWhenTlsHandshakeFailsShouldBeTrue() {
		assertThat(RedisUnavailability.isUnavailability(new RedisConnectionException("Unable to connect",
				new SSLHandshakeException("PKIX path building failed"))))
			.isTrue();
	}

	@Test
	void isUnavailabilityWhenPoolExhaustedShouldFollowTheCause() {
		assertThat(RedisUnavailability.isUnavailability(new PoolException("Could not get a resource from the pool",
				new RedisConnectionException("Unable to connect"))))
			.isTrue();
		assertThat(RedisUnavailability.isUnavailability(new PoolException("Could not get a resource from the pool",
				new NoSuchElementException("Pool exhausted"))))
			.isFalse();
		assertThat(RedisUnavailability.isUnavailability(new RedisConnectionFailureException(
				"No Redis connection available in the pool", new NoSuchElementException("Timeout waiting for idle object"))))
			.isFalse();
	}

	@Test
	void isUnavailabilityWhenUserErrorShouldBeFalse() {
		assertThat(RedisUnavailability.isUnavailability(
				systemError("WRONGTYPE Operation against a key holding the wrong kind of value")))
			.isFalse();
		assertThat(RedisUnavailability.isUnavailability(systemError("ERR wrong number of arguments for 'get' command")))
			.isFalse();
		assertThat(RedisUnavailability
			.isUnavailability(systemError("ERR Error running script (call to f_0123): @user_script:1: oops")))
			.isFalse();
		assertThat(RedisUnavailability.isUnavailability(new SerializationException("Cannot deserialize"))).isFalse();
		assertThat(RedisUnavailability.isUnavailability(new InvalidDataAccessApiUsageException("bad"))).isFalse();
		assertThat(RedisUnavailability.isUnavailability(null)).isFalse();
	}

	@Test
	void describeShouldMaskCredentialsAndNameTheRootCause() {
		String description = Redaction.describe(new RedisConnectionFailureException(
				"Redis connection failed", new RedisConnectionException("Unable to connect to redis://app:s3cret@host:6379")));
		assertThat(description).doesNotContain("s3cret")
			.contains("RedisConnectionFailureException")
			.contains("Unable to connect to redis://****@host:6379");
	}

	private static RedisSystemException systemError(String message) {
		return new RedisSystemException("Error in execution", new RedisCommandExecutionException(message));
	}

}
