package io.github.resilientredis.autoconfigure;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the property names of {@link RedisUnknownPropertyFailureAnalyzer}.
 */
class RedisUnknownPropertyNamesTests {

	@Test
	void allShouldListLeafPropertiesOfEveryGroupInDashedForm() {
		assertThat(RedisUnknownPropertyFailureAnalyzer.NAMES).contains("redis.url", "redis.password",
				"redis.command-timeout", "redis.pool.max-active", "redis.sentinel.password", "redis.tls.client-key-password",
				"redis.circuit-breaker.wait-in-open-state", "redis.cluster.nodes", "redis.tls",
				"redis.pool.validation", "redis.cache.value-format", "redis.cache.compression.threshold",
				"redis.cache.json.trusted-packages")
			.doesNotContain("redis.pool", "redis.class", "redis.pool.determine-max-idle", "redis.cache.compression");
	}

	@Test
	void closestWhenTypoShouldFindTheProperty() {
		assertThat(RedisUnknownPropertyFailureAnalyzer.closest("redis.pool.max-actve")).isEqualTo("redis.pool.max-active");
		assertThat(RedisUnknownPropertyFailureAnalyzer.closest("redis.comand-timeout")).isEqualTo("redis.command-timeout");
		assertThat(RedisUnknownPropertyFailureAnalyzer.closest("redis.tls.verifymode")).isEqualTo("redis.tls.verify-mode");
	}

	@Test
	void closestWhenPropertyInWrongGroupShouldFindItsGroup() {
		assertThat(RedisUnknownPropertyFailureAnalyzer.closest("redis.max-idle")).isEqualTo("redis.pool.max-idle");
		assertThat(RedisUnknownPropertyFailureAnalyzer.closest("redis.tcp-user-timeout")).isEqualTo("redis.keepalive.tcp-user-timeout");
	}

	@Test
	void closestWhenIndexedShouldIgnoreTheIndex() {
		assertThat(RedisUnknownPropertyFailureAnalyzer.closest("redis.cluster.node[0]")).isEqualTo("redis.cluster.nodes");
	}

	@Test
	void closestWhenNothingIsCloseShouldReturnNull() {
		assertThat(RedisUnknownPropertyFailureAnalyzer.closest("redis.something-else-entirely")).isNull();
	}

	@Test
	void distanceShouldCountEdits() {
		assertThat(RedisUnknownPropertyFailureAnalyzer.distance("kitten", "sitting")).isEqualTo(3);
		assertThat(RedisUnknownPropertyFailureAnalyzer.distance("", "abc")).isEqualTo(3);
		assertThat(RedisUnknownPropertyFailureAnalyzer.distance("same", "same")).isZero();
	}

}
