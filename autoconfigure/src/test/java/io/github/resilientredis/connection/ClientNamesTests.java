package io.github.resilientredis.connection;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClientNames}.
 */
class ClientNamesTests {

	@Test
	void ofWhenClientNameSetShouldPreferItToTheApplicationName() {
		assertThat(ClientNames.of("orders", "Order Service")).isEqualTo("orders");
	}

	@Test
	void ofWhenOnlyApplicationNameSetShouldReplaceWhitespace() {
		assertThat(ClientNames.of(null, " Order  Service ")).isEqualTo("Order-Service");
	}

	@Test
	void ofWhenNothingSetShouldUseTheDefault() {
		assertThat(ClientNames.of(null, null)).isEqualTo("resilient-redis-app");
		assertThat(ClientNames.configured("", " ")).isNull();
	}

	@Test
	void outOfBandShouldAddTheSuffixToTheNameOrTheDefault() {
		assertThat(ClientNames.outOfBand("orders")).isEqualTo("orders:oob");
		assertThat(ClientNames.outOfBand(null)).isEqualTo("resilient-redis-app:oob");
		assertThat(ClientNames.outOfBand("")).isEqualTo("resilient-redis-app:oob");
	}

}
