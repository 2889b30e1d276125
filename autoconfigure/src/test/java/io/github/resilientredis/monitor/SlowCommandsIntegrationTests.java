package io.github.resilientredis.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

import io.github.resilientredis.actuate.RedisEndpoint;
import io.github.resilientredis.actuate.TopologyDescriptor;
import io.github.resilientredis.autoconfigure.RedisConnectionAutoConfiguration;
import io.github.resilientredis.autoconfigure.RedisHealthContributorAutoConfiguration;
import io.github.resilientredis.autoconfigure.RedisObservabilityAutoConfiguration;
import io.github.resilientredis.health.RedisResilienceHealthIndicator;
import io.github.resilientredis.metrics.RedisMeterNames;
import io.github.resilientredis.test.RedisServer;
import io.github.resilientredis.test.RedisServerExtension;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Slow commands of a real redis-server that logs every command
 * ({@code --slowlog-log-slower-than 0}): shown by name without their arguments, logged
 * once and counted from the threshold on; unavailable (not failing) when the ACL user may
 * not run SLOWLOG.
 */
@ExtendWith(OutputCaptureExtension.class)
class SlowCommandsIntegrationTests {

	private static final String SECRET_KEY = "secret-key";

	private static final String SECRET_VALUE = "s3cr3t-value";

	private static final Duration WAIT = Duration.ofSeconds(10);

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension(
			RedisServer.builder().arg("--slowlog-log-slower-than", "0", "--enable-debug-command", "local"));

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RedisConnectionAutoConfiguration.class,
				DataRedisAutoConfiguration.class, RedisObservabilityAutoConfiguration.class,
				RedisHealthContributorAutoConfiguration.class, EndpointAutoConfiguration.class,
				MetricsAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withPropertyValues("redis.url=" + redis.server().url(), "redis.client-name=shop",
				"redis.monitor.interval=100ms", "redis.monitor.slow-command-threshold=0ms",
				"redis.monitor.slow-log-entries=32", "redis.health.cache-ttl=0s", "redis.health.timeout=2s",
				"management.endpoints.web.exposure.include=redis");

	@BeforeEach
	void resetSlowLog() {
		// the server is shared by the tests: each one sees its own commands only
		redis.server().admin().slowlogReset();
	}

	@Test
	void slowCommandWhenArgumentsLookSecretShouldShowNameOnlyWarnOnceAndCount(CapturedOutput output) {
		this.runner.run((context) -> {
			RedisEndpoint endpoint = context.getBean(RedisEndpoint.class);
			TopologyMonitor topology = context.getBean(TopologyMonitor.class);
			// the first read of the slow log is the baseline: what is in it already is not new
			await().atMost(WAIT).until(() -> topology.getLastSnapshot() != null);
			redis.server().admin().set(SECRET_KEY, SECRET_VALUE);
			TopologyDescriptor.SlowCommandDescriptor set = await().atMost(WAIT)
				.until(() -> endpoint.slowCommands()
					.commands()
					.stream()
					.filter((command) -> command.command().equals("SET"))
					.findFirst()
					.orElse(null), (found) -> found != null);
			assertThat(set.node()).isEqualTo("127.0.0.1:" + redis.server().port());
			assertThat(set.clientName()).isEqualTo("fixture-admin");
			assertThat(set.clientAddress()).startsWith("127.0.0.1:");
			assertThat(endpoint.topology().nodes()).singleElement()
				.satisfies((node) -> assertThat(node.slowCommands().commands())
					.anyMatch((command) -> command.id() == set.id()));
			// 10 samples put 40 monitoring commands into the server's slow log (more than the
			// 32 entries read): they must not push the SET out of view nor report it again
			awaitSamples(topology, 10);
			assertThat(endpoint.slowCommands().commands()).anyMatch((command) -> command.id() == set.id());
			assertThat(count(output.getAll(), "(slow-log entry " + set.id() + ",")).isOne();
			assertThat(output).contains("Slow Redis command SET on 127.0.0.1:" + redis.server().port());
			assertThat(context.getBean(MeterRegistry.class)
				.get(RedisMeterNames.SLOW_COMMANDS)
				.tag("command", "SET")
				.counter()
				.count()).isEqualTo(1.0);
			String shown = everythingShown(context, endpoint);
			assertThat(shown).contains("\"command\":\"SET\"").doesNotContain(SECRET_KEY).doesNotContain(SECRET_VALUE);
		});
		assertThat(output.getAll()).doesNotContain(SECRET_KEY).doesNotContain(SECRET_VALUE);
	}

	@Test
	void slowCommandWhenBelowThresholdShouldBeShownButNotLoggedOrCounted(CapturedOutput output) {
		this.runner.withPropertyValues("redis.monitor.slow-command-threshold=100ms").run((context) -> {
			RedisEndpoint endpoint = context.getBean(RedisEndpoint.class);
			TopologyMonitor topology = context.getBean(TopologyMonitor.class);
			await().atMost(WAIT).until(() -> topology.getLastSnapshot() != null);
			redis.server().admin().set("fast-key", "fast-value");
			redis.server()
				.admin()
				.dispatch(CommandType.DEBUG, new StatusOutput<>(StringCodec.UTF8),
						new CommandArgs<>(StringCodec.UTF8).add("SLEEP").add("0.15"));
			TopologyDescriptor.SlowCommandDescriptor sleep = await().atMost(WAIT)
				.until(() -> endpoint.slowCommands()
					.commands()
					.stream()
					.filter((command) -> command.command().equals("DEBUG SLEEP"))
					.findFirst()
					.orElse(null), (found) -> found != null);
			assertThat(sleep.durationMs()).isGreaterThanOrEqualTo(150.0);
			List<TopologyDescriptor.SlowCommandDescriptor> shown = endpoint.slowCommands().commands();
			assertThat(shown.get(0).command()).isEqualTo("DEBUG SLEEP");
			assertThat(shown).anyMatch((command) -> command.command().equals("SET"));
			awaitSamples(topology, 2);
			assertThat(count(output.getAll(), "Slow Redis command DEBUG SLEEP on ")).isOne();
			assertThat(output.getAll()).doesNotContain("Slow Redis command SET");
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get(RedisMeterNames.SLOW_COMMANDS).tag("command", "DEBUG SLEEP").counter().count())
				.isEqualTo(1.0);
			assertThat(registry.find(RedisMeterNames.SLOW_COMMANDS).tag("command", "SET").counter()).isNull();
		});
	}

	@Test
	void slowCommandsWhenAclForbidsSlowlogShouldBeUnavailableAndLoggedOnce(CapturedOutput output) {
		redis.server()
			.admin()
			.aclSetuser("no-slowlog", AclSetuserArgs.Builder.on()
				.addPassword("m0n1t0r-pass")
				.allKeys()
				.allChannels()
				.allCommands()
				.removeCommand(CommandType.SLOWLOG));
		this.runner
			.withPropertyValues("redis.url=redis://no-slowlog:m0n1t0r-pass@127.0.0.1:" + redis.server().port())
			.run((context) -> {
				RedisEndpoint endpoint = context.getBean(RedisEndpoint.class);
				TopologyDescriptor.NodeDescriptor node = await().atMost(WAIT)
					.until(() -> endpoint.topology().nodes().get(0),
							(candidate) -> !candidate.slowCommands().available());
				assertThat(node.state()).isEqualTo("UP");
				assertThat(node.maxClients()).isEqualTo(10000L);
				assertThat(node.slowCommands().unavailable()).contains("SLOWLOG GET", "NOPERM");
				assertThat(endpoint.slowCommands().unavailable())
					.containsOnlyKeys("127.0.0.1:" + redis.server().port());
				awaitSamples(context.getBean(TopologyMonitor.class), 3);
				assertThat(count(output.getAll(), "are not monitored")).isOne();
				assertThat(context.getBean(RedisResilienceHealthIndicator.class).health().getStatus().getCode())
					.isEqualTo("UP");
				assertThat(everythingShown(context, endpoint)).doesNotContain("m0n1t0r-pass");
			});
		assertThat(output.getAll()).doesNotContain("m0n1t0r-pass");
	}

	private static void awaitSamples(TopologyMonitor topology, int samples) {
		Instant start = topology.getSnapshot(Duration.ZERO, WAIT).sampledAt();
		for (int i = 0; i < samples; i++) {
			Instant previous = (i == 0) ? start : topology.getLastSnapshot().sampledAt();
			await().atMost(WAIT).until(() -> topology.getLastSnapshot().sampledAt().isAfter(previous));
		}
	}

	private static String everythingShown(AssertableApplicationContext context, RedisEndpoint endpoint) {
		JsonMapper json = JsonMapper.builder().build();
		return json.writeValueAsString(List.of(endpoint.summary(), endpoint.topology(), endpoint.slowCommands(),
				endpoint.clients(SecurityContext.NONE), endpoint.section(SecurityContext.NONE, "events"),
				context.getBean(RedisResilienceHealthIndicator.class).health().getDetails()));
	}

	private static int count(String text, String part) {
		int count = 0;
		for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
			count++;
		}
		return count;
	}

}
