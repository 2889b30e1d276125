package io.github.resilientredis.sample;

import io.github.resilientredis.metrics.RedisMeterNames;
import io.github.resilientredis.monitor.TestResilienceStatus;
import io.github.resilientredis.testsupport.RedisServer;
import io.github.resilientredis.testsupport.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The sample application's management endpoints over HTTP against a real redis-server:
 * health component {@code redis} (DEGRADED answers 200), {@code /actuator/redis}, the
 * closed reset operation and the Prometheus scrape.
 */
@SpringBootTest(properties = "redis.health.cache-ttl=0s")
@AutoConfigureMockMvc
class SampleObservabilityIntegrationTests {

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension(RedisServer.builder());

	@Autowired
	private MockMvc mvc;

	@Autowired
	private TestResilienceStatus resilienceStatus;

	@DynamicPropertySource
	static void redisProperties(DynamicPropertyRegistry registry) {
		registry.add("redis.url", () -> redis.server().url());
	}

	@Test
	void healthShouldShowRedisComponentUpThenDegradedWith200() throws Exception {
		this.mvc.perform(get("/actuator/health"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.components.redis.status").value("UP"))
			.andExpect(jsonPath("$.components.redis.details.version").value("7.0.15"));
		this.resilienceStatus.activateFallback();
		try {
			this.mvc.perform(get("/actuator/health"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.status").value("DEGRADED"))
				.andExpect(jsonPath("$.components.redis.status").value("DEGRADED"))
				.andExpect(jsonPath("$.components.redis.details.fallback.active").value(true));
			this.mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk());
		}
		finally {
			this.resilienceStatus.deactivateFallback();
		}
		this.mvc.perform(get("/actuator/health")).andExpect(jsonPath("$.components.redis.status").value("UP"));
	}

	@Test
	void redisEndpointShouldShowClientsGroupedByName() throws Exception {
		this.mvc.perform(get("/products/1")).andExpect(status().isOk());
		this.mvc.perform(get("/actuator/redis"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.server.version").value("7.0.15"))
			.andExpect(jsonPath("$.pool.max").value(8));
		this.mvc.perform(get("/actuator/redis/clients"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.groups[?(@.name == 'resilient-redis-sample')].own").value(true))
			.andExpect(jsonPath("$.groups[?(@.name == 'resilient-redis-sample:oob')].count").value(1));
		this.mvc.perform(get("/actuator/redis/pool")).andExpect(status().isOk()).andExpect(jsonPath("$.active").exists());
		this.mvc.perform(get("/actuator/redis/retries"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.stuck").value(false));
		this.mvc.perform(get("/actuator/redis/resilience"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.circuitBreaker.state").exists());
		this.mvc.perform(get("/actuator/redis/events"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.capacity").value(100))
			.andExpect(jsonPath("$.events[0].timestamp").exists());
		this.mvc.perform(get("/actuator/redis/nope")).andExpect(status().isNotFound());
	}

	@Test
	void resetShouldBeRefusedByDefault() throws Exception {
		int status = this.mvc.perform(post("/actuator/redis")).andReturn().getResponse().getStatus();
		assertThat(status).isIn(404, 405);
	}

	@Test
	void prometheusShouldExposeEveryRedisMeter() throws Exception {
		String scrape = this.mvc.perform(get("/actuator/prometheus"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		for (String name : RedisMeterNames.ALL) {
			assertThat(scrape).contains(name.replace('.', '_'));
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class ControlledResilience {

		@Bean
		@Primary
		TestResilienceStatus testResilienceStatus() {
			return new TestResilienceStatus();
		}

	}

}
