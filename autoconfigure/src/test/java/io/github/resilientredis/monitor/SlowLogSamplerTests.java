package io.github.resilientredis.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How slow-log entries become {@link SlowCommand}s: the command name only (pure mapping,
 * the reading itself is tested against a real server in
 * {@code SlowCommandsIntegrationTests}).
 */
class SlowLogSamplerTests {

	private static final NodeAddress NODE = new NodeAddress("127.0.0.1", 7000);

	private final SlowLogSampler sampler = new SlowLogSampler(NODE, 10, Duration.ofMillis(100), (command) -> {
	});

	@Test
	void commandNameWhenPlainCommandShouldBeFirstArgumentOnly() {
		assertThat(SlowLogSampler.commandName(List.of("set", "secret-key", "s3cr3t-value"))).isEqualTo("SET");
	}

	@Test
	void commandNameWhenContainerCommandShouldAddSubcommandOnly() {
		assertThat(SlowLogSampler.commandName(List.of("CONFIG", "SET", "requirepass", "hunter2")))
			.isEqualTo("CONFIG SET");
		assertThat(SlowLogSampler.commandName(List.of("client", "setname", "secret-name"))).isEqualTo("CLIENT SETNAME");
		assertThat(SlowLogSampler.commandName(List.of("DEBUG", "SLEEP", "0.15"))).isEqualTo("DEBUG SLEEP");
	}

	@Test
	void commandNameWhenFirstArgumentIsNotANameShouldBeOther() {
		assertThat(SlowLogSampler.commandName(List.of("s3cr3t value with spaces"))).isEqualTo(SlowLogSampler.OTHER);
		assertThat(SlowLogSampler.commandName(List.of())).isEqualTo(SlowLogSampler.OTHER);
		assertThat(SlowLogSampler.commandName(List.of("x".repeat(64)))).isEqualTo(SlowLogSampler.OTHER);
	}

	@Test
	void parseWhenEntryShouldKeepIdTimeDurationNameAndCaller() {
		List<Object> raw = List.of(List.of(42L, 1_700_000_000L, 150_000L, List.of("SET", "secret-key", "s3cr3t-value"),
				"127.0.0.1:50000", "shop"));
		assertThat(this.sampler.parse(raw)).containsExactly(new SlowCommand(NODE, 42,
				Instant.ofEpochSecond(1_700_000_000L), Duration.ofMillis(150), "SET", "127.0.0.1:50000", "shop"));
	}

	@Test
	void parseWhenEntryOfMonitoringConnectionShouldLeaveItOut() {
		List<Object> raw = List.of(List.of(1L, 1_700_000_000L, 10L, List.of("INFO"), "127.0.0.1:50001", "shop:oob"),
				List.of(2L, 1_700_000_000L, 10L, List.of("GET", "k"), "127.0.0.1:50002", ""));
		assertThat(this.sampler.parse(raw)).extracting(SlowCommand::command).containsExactly("GET");
		assertThat(this.sampler.parse(raw)).extracting(SlowCommand::clientName).containsOnlyNulls();
	}

}
