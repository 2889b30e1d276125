package io.github.resilientredis.sample;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilientredis.metrics.RedisMeterNames;
import io.github.resilientredis.resilience.ResilienceStatus;
import io.github.resilientredis.test.RedisServer;
import io.github.resilientredis.test.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.connection.convert.Converters;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample application's production management settings over HTTP against a real
 * redis-server: actuator on its own loopback port only, health without details for
 * anonymous callers (DEGRADED still answers 200), probes on the application port,
 * {@code /actuator/redis} without other applications' connection details, the closed
 * reset operation and the Prometheus scrape.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "redis.health.cache-ttl=0s")
class SampleObservabilityIntegrationTests {

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension(RedisServer.builder());

	@LocalServerPort
	private int serverPort;

	@LocalManagementPort
	private int managementPort;

	@Autowired
	private ResilienceStatus resilienceStatus;

	@Autowired
	private CircuitBreaker redisCircuitBreaker;

	@DynamicPropertySource
	static void redisProperties(DynamicPropertyRegistry registry) {
		registry.add("redis.url", () -> redis.server().url());
	}

	@Test
	void actuatorWhenCalledOnTheApplicationPortShouldNotBeFound() {
		assertThat(this.managementPort).isNotEqualTo(this.serverPort);
		application().get().uri("/actuator/health").exchange().expectStatus().isNotFound();
		application().get().uri("/actuator/redis").exchange().expectStatus().isNotFound();
		application().get().uri("/readyz").exchange().expectStatus().isOk();
		application().get().uri("/livez").exchange().expectStatus().isOk();
	}

	@Test
	void healthWhenAnonymousShouldShowStatusWithoutDetailsUpThenDegradedWith200() {
		management().get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP")
			.jsonPath("$.components")
			.doesNotExist()
			.jsonPath("$.details")
			.doesNotExist();
		// the starter's own breaker, held open: its fallback serves until the breaker closes
		this.redisCircuitBreaker.transitionToForcedOpenState();
		try {
			assertThat(this.resilienceStatus.isFallbackActive()).isTrue();
			management().get()
				.uri("/actuator/health")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.status")
				.isEqualTo("DEGRADED")
				.jsonPath("$.components")
				.doesNotExist();
			management().get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
			application().get().uri("/readyz").exchange().expectStatus().isOk();
		}
		finally {
			this.redisCircuitBreaker.transitionToClosedState();
		}
		// the starter's recovery probe pings Redis and deactivates the fallback
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> management().get()
				.uri("/actuator/health")
				.exchange()
				.expectBody()
				.jsonPath("$.status")
				.isEqualTo("UP"));
	}

	@Test
	void redisEndpointShouldShowOwnClientsAndOnlyCountsOfOthers() {
		application().get().uri("/products/1").exchange().expectStatus().isOk();
		management().get()
			.uri("/actuator/redis")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.server.version")
			.isEqualTo(Converters.toProperties(redis.server().admin().info("server")).getProperty("redis_version"))
			.jsonPath("$.pool.max")
			.isEqualTo(8);
		// a sample is served for up to a second: the one taken before /products/1 opened
		// the application's connection may still be answered
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> management().get()
				.uri("/actuator/redis/clients")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.sampledAt")
				.exists()
				.jsonPath("$.otherClientsShown")
				.isEqualTo(false)
				.jsonPath("$.groups[?(@.name == 'resilient-redis-sample')].own")
				.isEqualTo(true)
				.jsonPath("$.groups[?(@.name == 'resilient-redis-sample')].addresses")
				.isNotEmpty()
				.jsonPath("$.groups[?(@.name == 'resilient-redis-sample:oob')].count")
				.isEqualTo(1)
				// the fixture's admin connection is another client: counted, nothing more
				.jsonPath("$.groups[?(@.own == false)].count")
				.isNotEmpty()
				.jsonPath("$.groups[?(@.own == false)].addresses")
				.isEmpty()
				.jsonPath("$.longestIdle[?(@.own == false)]")
				.isEmpty());
		management().get()
			.uri("/actuator/redis/pool")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.active")
			.exists();
		management().get()
			.uri("/actuator/redis/retries")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.stuck")
			.isEqualTo(false);
		management().get()
			.uri("/actuator/redis/resilience")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.circuitBreaker.state")
			.exists();
		management().get()
			.uri("/actuator/redis/events")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.capacity")
			.isEqualTo(100)
			.jsonPath("$.events[0].timestamp")
			.exists();
		management().get().uri("/actuator/redis/nope").exchange().expectStatus().isNotFound();
	}

	@Test
	void resetShouldBeRefusedByDefault() {
		HttpStatus status = HttpStatus
			.valueOf(management().post().uri("/actuator/redis").exchange().returnResult().getStatus().value());
		assertThat(status).isIn(HttpStatus.NOT_FOUND, HttpStatus.METHOD_NOT_ALLOWED);
	}

	@Test
	void prometheusShouldExposeEveryRedisMeter() {
		String scrape = management().get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		for (String name : RedisMeterNames.ALL) {
			if (!RedisMeterNames.CREATED_ON_FIRST_EVENT.contains(name)) {
				assertThat(scrape).contains(name.replace('.', '_'));
			}
		}
	}

	private RestTestClient application() {
		return RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + this.serverPort).build();
	}

	private RestTestClient management() {
		return RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + this.managementPort).build();
	}

}
