package io.github.resilientredis.sample;

import io.github.resilientredis.monitor.RedisEvent;
import io.github.resilientredis.monitor.UtilizationLevel;
import io.github.resilientredis.test.RedisServer;
import io.github.resilientredis.test.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The sample application against a real redis-server: the second read of a product is
 * served from Redis (and says so), an update refreshes the cached entry, and the status
 * page's snapshot shows the healthy state.
 */
@SpringBootTest
@AutoConfigureMockMvc
class SampleApplicationIntegrationTests {

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension(RedisServer.builder());

	@Autowired
	private MockMvc mvc;

	@Autowired
	private MockMvcTester tester;

	@Autowired
	private ProductDatabase database;

	@DynamicPropertySource
	static void redisProperties(DynamicPropertyRegistry registry) {
		registry.add("redis.url", () -> redis.server().url());
	}

	@Test
	void productWhenReadTwiceShouldBeServedFromRedisTheSecondTime() throws Exception {
		long databaseReads = this.database.reads();
		long redisGets = redis.server().commandCalls("get");
		this.mvc.perform(get("/products/2")).andExpect(status().isOk()).andExpect(jsonPath("$.name").value("Coffee grinder"));
		this.mvc.perform(get("/products/2")).andExpect(status().isOk()).andExpect(jsonPath("$.name").value("Coffee grinder"));
		assertThat(this.database.reads()).isEqualTo(databaseReads + 1);
		assertThat(redis.server().commandCalls("get")).isGreaterThanOrEqualTo(redisGets + 2);
		assertThat(redis.server().admin().exists("products::2")).isEqualTo(1);
	}

	@Test
	void productWhenUpdatedShouldRefreshTheCachedEntry() throws Exception {
		this.mvc.perform(get("/products/3")).andExpect(status().isOk());
		this.mvc
			.perform(put("/products/3").contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"Milk frother XL\",\"price\":45.00}"))
			.andExpect(status().isOk());
		long databaseReads = this.database.reads();
		this.mvc.perform(get("/products/3")).andExpect(status().isOk()).andExpect(jsonPath("$.name").value("Milk frother XL"));
		assertThat(this.database.reads()).isEqualTo(databaseReads);
	}

	@Test
	void productWhenUnknownShouldBeNotFound() throws Exception {
		this.mvc.perform(get("/products/99")).andExpect(status().isNotFound());
		this.mvc.perform(get("/products/99/answer")).andExpect(status().isNotFound());
	}

	@Test
	void answerWhenReadTwiceShouldComeFromTheDatabaseThenFromRedisFaster() {
		redis.server().admin().del("products::1");
		ProductAnswer first = answer(1);
		assertThat(first.product().name()).isEqualTo("Espresso machine");
		assertThat(first.source()).isEqualTo(ProductAnswer.Source.DATABASE);
		assertThat(first.durationMicros()).isGreaterThanOrEqualTo(200_000);
		ProductAnswer second = answer(1);
		assertThat(second.product()).isEqualTo(first.product());
		assertThat(second.source()).isEqualTo(ProductAnswer.Source.REDIS);
		assertThat(second.durationMicros()).isLessThan(first.durationMicros());
	}

	@Test
	void statusWhenRedisRunsShouldBeUpWithAClosedBreakerAndTheServerSample() {
		assertThat(this.tester.get().uri("/status")).hasStatusOk()
			.bodyJson()
			.convertTo(StatusSnapshot.class)
			.satisfies((status) -> {
				assertThat(status.redis()).isEqualTo("UP");
				assertThat(status.breaker().state()).isEqualTo("CLOSED");
				assertThat(status.fallback().active()).isFalse();
				assertThat(status.pool().max()).isPositive();
				assertThat(status.server().reachable()).isTrue();
				assertThat(status.server().connectedClients()).isPositive();
				assertThat(status.server().level()).isEqualTo(UtilizationLevel.OK);
				assertThat(status.reconnect().stuck()).isFalse();
				assertThat(status.events()).extracting(RedisEvent::type).contains(RedisEvent.Type.CONNECTED);
			});
	}

	@Test
	void chaosButtonsWhenNotTheDevTimeAppShouldNotExist() {
		assertThat(this.tester.get().uri("/dev/redis")).hasStatus(HttpStatus.NOT_FOUND);
	}

	private ProductAnswer answer(long id) {
		return this.tester.get().uri("/products/{id}/answer", id).exchange().assertThat().hasStatusOk()
			.bodyJson().convertTo(ProductAnswer.class).actual();
	}

	@Test
	void connectionsShouldCarryTheApplicationName() throws Exception {
		this.mvc.perform(get("/products/1")).andExpect(status().isOk());
		assertThat(redis.server().clientCount("resilient-redis-sample")).isGreaterThanOrEqualTo(1);
	}

}
