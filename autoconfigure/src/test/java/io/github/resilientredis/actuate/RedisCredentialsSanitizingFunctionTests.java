package io.github.resilientredis.actuate;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedisCredentialsSanitizingFunction}: pure mapping of keys and values.
 */
class RedisCredentialsSanitizingFunctionTests {

	private final RedisCredentialsSanitizingFunction function = new RedisCredentialsSanitizingFunction();

	@Test
	void applyWhenPasswordKeyInAnyFormShouldMaskWholeValue() {
		for (String key : new String[] { "redis.password", "redis.sentinel.password", "redis.tls.client-key-password",
				"redis.tls.clientKeyPassword", "REDIS_PASSWORD", "REDIS_SENTINEL_PASSWORD",
				"REDIS_TLS_CLIENTKEYPASSWORD", "REDIS_AUTH_TOKEN" }) {
			assertThat(sanitize(key, "s3cret")).as(key).isEqualTo(SanitizableData.SANITIZED_VALUE);
		}
	}

	@Test
	void applyWhenUrlShouldMaskOnlyThePassword() {
		assertThat(sanitize("redis.url", "rediss://default:s3cret@cache.example.com:6380/1"))
			.isEqualTo("rediss://default:****@cache.example.com:6380/1");
		assertThat(sanitize("REDIS_URL", "redis://:s3cret@10.0.0.1:6379")).isEqualTo("redis://:****@10.0.0.1:6379");
		assertThat(sanitize("redis.url", "redis://cache.example.com:6379")).isEqualTo("redis://cache.example.com:6379");
	}

	@Test
	void applyWhenUrlDoesNotParseShouldShowOnlyItsShape() {
		assertThat(sanitize("redis.url", "redis://:s3cret/127.0.0.1:16701")).isEqualTo("redis://:****/****:****");
	}

	@Test
	void applyWhenOtherRedisKeyHoldsUrlWithCredentialsShouldMaskThem() {
		assertThat(sanitize("REDIS_TLS_URL", "rediss://:s3cret@10.0.0.1:6380")).isEqualTo("rediss://:****@10.0.0.1:6380");
	}

	@Test
	void applyWhenOtherRedisKeyShouldLeaveValue() {
		assertThat(sanitize("redis.host", "cache.example.com")).isEqualTo("cache.example.com");
		assertThat(sanitize("redis.tls.client-key-file", "/etc/redis/client.key")).isEqualTo("/etc/redis/client.key");
		assertThat(sanitize("REDIS_PORT", "tcp://10.0.0.1:6379")).isEqualTo("tcp://10.0.0.1:6379");
	}

	@Test
	void filterShouldOnlyAcceptRedisKeys() {
		assertThat(this.function.filter().test(data("spring.data.redis.password", "x"))).isFalse();
		assertThat(this.function.filter().test(data("redisson.password", "x"))).isFalse();
		assertThat(this.function.filter().test(data("redis.password", "x"))).isTrue();
		assertThat(this.function.filter().test(data("REDIS_PASSWORD", "x"))).isTrue();
	}

	private Object sanitize(String key, Object value) {
		return this.function.applyUnlessFiltered(data(key, value)).getValue();
	}

	private static SanitizableData data(String key, Object value) {
		PropertySource<?> source = new MapPropertySource("test", Map.of(key, value));
		return new SanitizableData(source, key, value);
	}

}
