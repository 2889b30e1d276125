package io.github.resilientredis.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An open status page does not hold up the application's graceful shutdown (30 s by
 * default): its event stream is completed first.
 */
class StatusStreamShutdownIntegrationTests {

	@Test
	void closeWhenAPageIsStreamingShouldEndTheStreamAndNotWaitForTheShutdownTimeout() throws Exception {
		// no Redis needed: a closed port refuses connections at once
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class).run(
				"--server.port=0", "--management.server.port=0", "--redis.url=redis://127.0.0.1:1",
				"--spring.lifecycle.timeout-per-shutdown-phase=30s");
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/status/stream"))
			.header("Accept", "text/event-stream")
			.build();
		HttpResponse<Stream<String>> response = HttpClient.newHttpClient()
			.send(request, HttpResponse.BodyHandlers.ofLines());
		Stream<String> lines = response.body();
		CompletableFuture<Long> events = CompletableFuture
			.supplyAsync(() -> lines.filter((line) -> line.startsWith("event:status")).count());
		long start = System.nanoTime();
		context.close();
		Duration closing = Duration.ofNanos(System.nanoTime() - start);
		assertThat(closing).isLessThan(Duration.ofSeconds(15));
		assertThat(events.get(5, TimeUnit.SECONDS)).isPositive();
	}

}
