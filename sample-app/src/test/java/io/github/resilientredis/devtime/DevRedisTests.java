package io.github.resilientredis.devtime;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import io.github.resilientredis.test.RedisServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * The dev-time Redis against a real {@code redis-server}, and without one.
 */
class DevRedisTests {

	@Test
	void startWhenTheServerStartsShouldPointTheConnectionDetailsAtIt() {
		try (DevRedis devRedis = DevRedis.start(() -> RedisServer.builder().start())) {
			DevRedisState state = devRedis.state();
			assertThat(state.available()).isTrue();
			assertThat(state.state()).isEqualTo(DevRedisState.State.RUNNING);
			DataRedisConnectionDetails.Standalone standalone = devRedis.connectionDetails().getStandalone();
			assertThat(standalone.getHost()).isEqualTo(state.host());
			assertThat(standalone.getPort()).isEqualTo(state.port());
		}
	}

	@Test
	void chaosActionsWhenCalledInTurnShouldKillPauseResumeAndRestartTheServer() throws IOException {
		try (DevRedis devRedis = DevRedis.start(() -> RedisServer.builder().start())) {
			assertThat(devRedis.kill().state()).isEqualTo(DevRedisState.State.KILLED);
			assertRefused(devRedis.state());
			assertThat(devRedis.restart().state()).isEqualTo(DevRedisState.State.RUNNING);
			assertThat(devRedis.pause().state()).isEqualTo(DevRedisState.State.PAUSED);
			assertThat(devRedis.resume().state()).isEqualTo(DevRedisState.State.RUNNING);
			assertAccepted(devRedis.state());
		}
	}

	@Test
	void startWhenNoServerCanStartShouldPointAtAClosedPortAndSayWhatToInstall() {
		try (DevRedis devRedis = DevRedis.start(() -> {
			throw new IllegalStateException("neither redis-server nor a Docker engine was found");
		})) {
			DevRedisState state = devRedis.state();
			assertThat(state.available()).isFalse();
			assertThat(state.state()).isEqualTo(DevRedisState.State.UNAVAILABLE);
			assertThat(state.host()).isEqualTo("127.0.0.1");
			assertThat(state.message()).startsWith("no dev-time Redis: install redis-server or start Docker")
				.contains("neither redis-server nor a Docker engine was found");
			assertRefused(state);
			assertThat(devRedis.connectionDetails().getStandalone().getPort()).isEqualTo(state.port());
			assertThatExceptionOfType(IllegalStateException.class).isThrownBy(devRedis::kill)
				.withMessageContaining("install redis-server or start Docker");
		}
	}

	private static void assertRefused(DevRedisState state) {
		assertThatIOException().isThrownBy(() -> connect(state));
	}

	private static void assertAccepted(DevRedisState state) throws IOException {
		connect(state);
	}

	private static void connect(DevRedisState state) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(state.host(), state.port()), 2000);
		}
	}

}
