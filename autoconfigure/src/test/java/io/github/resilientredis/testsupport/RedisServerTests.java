package io.github.resilientredis.testsupport;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link RedisServer} that need no Redis: backend selection and builder checks.
 */
class RedisServerTests {

	@Test
	void selectWhenBinaryFoundShouldUseProcessWithoutAskingDocker() {
		assertThat(RedisServer.Kind.select(true, () -> {
			throw new AssertionError("Docker must not be probed when redis-server exists");
		})).isEqualTo(RedisServer.Kind.PROCESS);
	}

	@Test
	void selectWhenOnlyDockerShouldUseContainer() {
		assertThat(RedisServer.Kind.select(false, () -> true)).isEqualTo(RedisServer.Kind.CONTAINER);
	}

	@Test
	void selectWhenNeitherShouldFailTellingWhatToInstall() {
		assertThatIllegalStateException().isThrownBy(() -> RedisServer.Kind.select(false, () -> false))
			.withMessageContaining("apt-get install redis-server")
			.withMessageContaining("Docker engine");
	}

	@Test
	void maxClientsWhenBelowOneShouldFail() {
		assertThatIllegalArgumentException().isThrownBy(() -> RedisServer.builder().maxClients(0))
			.withMessageContaining("maxClients");
	}

	@Test
	void optionsToStringShouldMaskPassword() {
		RedisServerOptions options = new RedisServerOptions(0, "s3cret", "app", "app-pass", true, false,
				List.of());
		assertThat(options.toString()).doesNotContain("s3cret").doesNotContain("app-pass");
		assertThat(options.commonArgs()).containsSequence("--requirepass", "s3cret")
			.containsSequence("--user", "app", "on", ">app-pass", "~*", "&*", "+@all")
			.containsSequence("--save", "", "--appendonly", "no");
	}

}
