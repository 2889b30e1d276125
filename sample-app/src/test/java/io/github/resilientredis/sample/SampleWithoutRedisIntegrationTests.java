package io.github.resilientredis.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import io.github.resilientredis.devtime.DevRedis;
import io.github.resilientredis.devtime.DevRedisController;
import io.github.resilientredis.devtime.DevRedisState;
import org.junit.jupiter.api.Test;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The dev-time app on a machine with neither {@code redis-server} nor Docker: it starts
 * against a closed loopback port, serves products from the database and then the local
 * fallback, says on {@code /dev/redis} what to install, and streams its status.
 */
@SpringBootTest(classes = { SampleApplication.class, SampleWithoutRedisIntegrationTests.NoDevRedis.class },
		webEnvironment = WebEnvironment.RANDOM_PORT)
class SampleWithoutRedisIntegrationTests {

	@LocalServerPort
	private int port;

	@Test
	void productsWhenRedisIsUnreachableShouldComeFromTheDatabaseThenTheLocalFallback() {
		ProductAnswer first = answer(1);
		assertThat(first.product().name()).isEqualTo("Espresso machine");
		assertThat(first.source()).isEqualTo(ProductAnswer.Source.DATABASE);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			ProductAnswer answer = answer(1);
			assertThat(answer.product().name()).isEqualTo("Espresso machine");
			assertThat(answer.source()).isEqualTo(ProductAnswer.Source.LOCAL_FALLBACK);
		});
		client().get().uri("/products/2").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.name").isEqualTo("Coffee grinder");
	}

	@Test
	void devRedisWhenNoneCouldStartShouldSayWhatToInstall() {
		DevRedisState state = client().get().uri("/dev/redis").exchange().expectStatus().isOk()
			.returnResult(DevRedisState.class).getResponseBody();
		assertThat(state.available()).isFalse();
		assertThat(state.message()).startsWith("no dev-time Redis: install redis-server or start Docker");
		client().post().uri("/dev/redis/kill").exchange().expectStatus().isEqualTo(HttpStatus.CONFLICT);
	}

	@Test
	void statusWhenRedisIsUnreachableShouldNotBeUpAndTheServerUnreachable() {
		StatusSnapshot status = client().get().uri("/status").exchange().expectStatus().isOk()
			.returnResult(StatusSnapshot.class).getResponseBody();
		assertThat(status.redis()).isIn("DOWN", "DEGRADED");
		assertThat(status.server()).isNotNull();
		assertThat(status.server().reachable()).isFalse();
	}

	@Test
	void statusStreamShouldPushASnapshotEverySecond() throws IOException, InterruptedException {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/status/stream"))
			.header("Accept", "text/event-stream")
			.build();
		HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/event-stream"));
		try (Stream<String> lines = response.body()) {
			// the first event comes at once, the next ones from the schedule
			List<String> events = assertTimeoutPreemptively(Duration.ofSeconds(30),
					() -> lines.filter((line) -> line.startsWith("event:")).limit(3).toList());
			assertThat(events).containsOnly("event:status");
		}
	}

	@Test
	void statusPageShouldBeServedWithItsScript() {
		client().get().uri("/").exchange().expectStatus().isOk().expectBody(String.class)
			.value((html) -> assertThat(html).contains("id=\"redis-state\"").contains("status.js"));
		client().get().uri("/status.js").exchange().expectStatus().isOk();
	}

	private ProductAnswer answer(long id) {
		return client().get().uri("/products/{id}/answer", id).exchange().expectStatus().isOk()
			.returnResult(ProductAnswer.class).getResponseBody();
	}

	private RestTestClient client() {
		return RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + this.port).build();
	}

	/**
	 * What {@code DevRedisConfiguration} provides when no server can start.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class NoDevRedis {

		@Bean(destroyMethod = "close")
		DevRedis devRedis() {
			return DevRedis.start(() -> {
				throw new IllegalStateException("neither redis-server nor a Docker engine was found (simulated)");
			});
		}

		@Bean
		DataRedisConnectionDetails devRedisConnectionDetails(DevRedis devRedis) {
			return devRedis.connectionDetails();
		}

		@Bean
		DevRedisController devRedisController(DevRedis devRedis) {
			return new DevRedisController(devRedis);
		}

	}

}
