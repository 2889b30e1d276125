package io.github.resilientredis.diagnostics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Endpoint}.
 */
class EndpointTests {

	@Test
	void toStringWhenStandaloneShouldShowSchemeHostAndPort() {
		assertThat(Endpoint.standalone("cache.example.com:6380", true)).hasToString("rediss://cache.example.com:6380");
		assertThat(Endpoint.standalone("127.0.0.1:6390", false)).hasToString("redis://127.0.0.1:6390");
	}

	@Test
	void toStringWhenSentinelOrClusterShouldNameTheTopology() {
		assertThat(Endpoint.sentinel("[s1:26379, s2:26379]", "mymaster", false))
			.hasToString("redis://[s1:26379, s2:26379] (sentinel master mymaster)");
		assertThat(Endpoint.cluster("[n1:7000, n2:7000]", true)).hasToString("rediss://[n1:7000, n2:7000] (cluster)");
	}

	@Test
	void urlWhenItHasAPasswordShouldMaskItAndTakeTlsFromTheScheme() {
		Endpoint endpoint = Endpoint.url("rediss://app:s3cret@cache.example.com:6380");
		assertThat(endpoint.kind()).isEqualTo(Endpoint.Kind.STANDALONE);
		assertThat(endpoint.tls()).isTrue();
		assertThat(endpoint.toString()).doesNotContain("s3cret").isEqualTo("rediss://app:****@cache.example.com:6380");
		assertThat(Endpoint.url("redis://:s3cret@127.0.0.1:6390").tls()).isFalse();
	}

}
