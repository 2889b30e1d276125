package io.github.resilientredis.diagnostics;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.github.resilientredis.diagnostics.ConnectionFailureHints.Kind;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ConnectionFailureReporter}.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConnectionFailureReporterTests {

	private static final Endpoint ENDPOINT = Endpoint.standalone("127.0.0.1:6390", false);

	private final ConnectionFailureReporter reporter = new ConnectionFailureReporter();

	@Test
	void reportWhenSameKindTwiceShouldLogOnce(CapturedOutput output) {
		assertThat(this.reporter.report(maxClients(), ENDPOINT)).map((hint) -> hint.kind())
			.contains(Kind.MAX_CLIENTS_REACHED);
		assertThat(this.reporter.report(maxClients(), ENDPOINT)).isPresent();
		assertThat(occurrences(output.getOut(), "maxclients limit is reached")).isEqualTo(1);
		assertThat(output.getOut()).contains("WARN").contains("ERR max number of clients reached");
	}

	@Test
	void reportWhenDifferentKindsShouldLogEach(CapturedOutput output) {
		this.reporter.report(maxClients(), ENDPOINT);
		this.reporter.report(wrongPass(), ENDPOINT);
		assertThat(output.getOut()).contains("maxclients limit is reached").contains("authentication failed");
	}

	@Test
	void reportAfterConnectedShouldLogAgain(CapturedOutput output) {
		this.reporter.report(maxClients(), ENDPOINT);
		this.reporter.report(wrongPass(), ENDPOINT);
		this.reporter.connected();
		this.reporter.report(maxClients(), ENDPOINT);
		this.reporter.report(wrongPass(), ENDPOINT);
		assertThat(occurrences(output.getOut(), "maxclients limit is reached")).isEqualTo(2);
		assertThat(occurrences(output.getOut(), "authentication failed")).isEqualTo(2);
	}

	@Test
	void reportWhenUnknownFailureShouldLogNothing(CapturedOutput output) {
		assertThat(this.reporter.report(new IllegalStateException("boom"), ENDPOINT)).isEmpty();
		assertThat(output.getOut()).doesNotContain("boom");
	}

	@Test
	void reportWhenLettuceLostTheCauseShouldLogNothingAndStillLogTheKnownCauseOnce(CapturedOutput output) {
		Throwable lost = new RedisConnectionException("Unable to connect to 127.0.0.1/<unresolved>:6390",
				new RedisConnectionException("Connection closed prematurely"));
		assertThat(this.reporter.report(lost, ENDPOINT)).isEmpty();
		assertThat(this.reporter.report(wrongPass(), ENDPOINT)).map((hint) -> hint.kind())
			.contains(Kind.AUTHENTICATION_FAILED);
		assertThat(this.reporter.report(lost, ENDPOINT)).isEmpty();
		assertThat(this.reporter.report(wrongPass(), ENDPOINT)).isPresent();
		assertThat(occurrences(output.getOut(), "authentication failed")).isEqualTo(1);
		assertThat(output.getOut()).doesNotContain("expects TLS").doesNotContain("prematurely");
	}

	@Test
	void reportShouldNeverLogPassword(CapturedOutput output) {
		RedisConnectionException failure = new RedisConnectionException(
				"Unable to connect to redis://app:s3cret@127.0.0.1:6390", new RuntimeException(
						"WRONGPASS invalid username-password pair for redis://app:s3cret@127.0.0.1:6390"));
		this.reporter.report(failure, Endpoint.url("redis://app:s3cret@127.0.0.1:6390"));
		assertThat(output.getOut()).contains("authentication failed").doesNotContain("s3cret");
	}

	private static int occurrences(String text, String part) {
		return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
	}

	private static Throwable maxClients() {
		return new RedisConnectionException("Unable to connect to 127.0.0.1/<unresolved>:6390",
				new RedisCommandExecutionException("ERR max number of clients reached"));
	}

	private static Throwable wrongPass() {
		return new RedisConnectionException("Unable to connect to 127.0.0.1/<unresolved>:6390",
				new RedisCommandExecutionException("WRONGPASS invalid username-password pair or user is disabled."));
	}

}
