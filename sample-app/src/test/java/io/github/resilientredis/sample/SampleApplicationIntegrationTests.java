package io.github.resilientredis.sample;

import io.github.resilientredis.test.RedisServer;
import io.github.resilientredis.test.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The sample application against a real redis-server: the second read of a product is
 * served from Redis, and an update refreshes the cached entry.
 */
@SpringBootTest
@AutoConfigureMockMvc
class SampleApplicationIntegrationTests {

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension(RedisServer.builder());

	@Autowired
	private MockMvc mvc;

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
	}

	@Test
	void connectionsShouldCarryTheApplicationName() throws Exception {
		this.mvc.perform(get("/products/1")).andExpect(status().isOk());
		assertThat(redis.server().clientCount("resilient-redis-sample")).isGreaterThanOrEqualTo(1);
	}

}
