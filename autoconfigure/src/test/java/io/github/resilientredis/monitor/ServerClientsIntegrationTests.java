package io.github.resilientredis.monitor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.resilientredis.actuate.RedisEndpoint;
import io.github.resilientredis.autoconfigure.RedisConnectionAutoConfiguration;
import io.github.resilientredis.autoconfigure.RedisHealthContributorAutoConfiguration;
import io.github.resilientredis.autoconfigure.RedisObservabilityAutoConfiguration;
import io.github.resilientredis.health.RedisResilienceHealthIndicator;
import io.github.resilientredis.test.RedisServer;
import io.github.resilientredis.test.RedisServerExtension;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Utilization alerts and CLIENT LIST grouping against a real redis-server started with
 * {@code --maxclients 10}.
 */
@ExtendWith(OutputCaptureExtension.class)
class ServerClientsIntegrationTests {

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension(RedisServer.builder().maxClients(10));

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RedisConnectionAutoConfiguration.class, DataRedisAutoConfiguration.class,
					RedisObservabilityAutoConfiguration.class, RedisHealthContributorAutoConfiguration.class,
					EndpointAutoConfiguration.class))
			.withPropertyValues("redis.url=" + redis.server().url(),
					"redis.client-name=orders", "redis.health.cache-ttl=0s", "redis.health.timeout=2s",
					"redis.monitor.foreign-clients-ratio=2", "management.endpoints.web.exposure.include=redis");
	}

	@Test
	void utilizationWhenOtherClientFillsServerShouldWarnThenBeCritical(CapturedOutput output) {
		runner().run((context) -> {
			context.getBean(RedisConnectionFactory.class).getConnection().ping();
			RedisResilienceHealthIndicator health = context.getBean(RedisResilienceHealthIndicator.class);
			RedisEndpoint endpoint = context.getBean(RedisEndpoint.class);
			assertThat(health.health().getDetails()).containsEntry("utilizationLevel", UtilizationLevel.OK);
			RedisClient other = otherClient("batch-job");
			List<StatefulRedisConnection<String, String>> held = new ArrayList<>();
			try {
				// app: shared connection + monitoring connection; fixture admin: 1; the rest: batch-job
				while (connectedClients() < 8) {
					held.add(other.connect());
				}
				Health warning = health.health();
				assertThat(warning.getStatus()).isEqualTo(Status.UP);
				assertThat(warning.getDetails()).containsEntry("connectedClients", 8L)
					.containsEntry("maxClients", 10L)
					.containsEntry("utilizationPercent", 80.0)
					.containsEntry("utilizationLevel", UtilizationLevel.WARNING);
				assertThat(endpoint.clients(SecurityContext.NONE).server().utilizationLevel()).isEqualTo(UtilizationLevel.WARNING);

				held.add(other.connect());
				assertThat(health.health().getDetails()).containsEntry("connectedClients", 9L)
					.containsEntry("utilizationLevel", UtilizationLevel.CRITICAL);
				RedisEndpoint.ClientsDescriptor clients = endpoint.clients(SecurityContext.NONE);
				assertThat(clients.server().utilizationLevel()).isEqualTo(UtilizationLevel.CRITICAL);
				assertThat(clients.server().ownConnections()).isEqualTo(2);
				assertThat(clients.server().otherConnections()).isEqualTo(held.size() + 1);
				assertThat(clients.server().foreignClientsDominant()).isTrue();
				List<ServerClients.ClientGroup> groups = clients.groups();
				assertThat(groups).filteredOn((group) -> group.name().equals("batch-job"))
					.singleElement()
					.satisfies((group) -> {
						assertThat(group.own()).isFalse();
						assertThat(group.count()).isEqualTo(held.size());
						assertThat(group.addresses()).isNull();
					});
				assertThat(groups).filteredOn(ServerClients.ClientGroup::own)
					.extracting(ServerClients.ClientGroup::name)
					.containsExactlyInAnyOrder("orders", "orders:oob");
				// only this application's two connections are listed by default
				assertThat(clients.longestIdle()).hasSize(2).allMatch(ServerClients.IdleClient::own);
			}
			finally {
				held.forEach(StatefulRedisConnection::close);
				other.shutdown(Duration.ZERO, Duration.ofSeconds(2));
			}
			assertThat(health.health().getDetails()).containsEntry("utilizationLevel", UtilizationLevel.OK);
			assertThat(context.getBean(EventHistory.class).getEvents()).filteredOn(
					(event) -> event.type() == RedisEvent.Type.UTILIZATION)
				.extracting(RedisEvent::detail)
				.satisfiesExactly((detail) -> assertThat(detail).startsWith("Redis client utilization WARNING"),
						(detail) -> assertThat(detail).startsWith("Redis client utilization CRITICAL"),
						(detail) -> assertThat(detail).startsWith("Redis client utilization OK"));
		});
		String node = "127.0.0.1:" + redis.server().port();
		assertThat(output).containsOnlyOnce("Redis client utilization WARNING on " + node + ": 8 of maxclients 10")
			.containsOnlyOnce("Redis client utilization CRITICAL on " + node + ": 9 of maxclients 10")
			.contains("redis.monitor.foreign-clients-ratio");
	}

	@Test
	void sampleWhenConfigAndClientListForbiddenShouldDegradeToDetails() {
		redis.server().admin().aclSetuser("limited", io.lettuce.core.AclSetuserArgs.Builder.on()
			.addPassword("limited-pw")
			.allKeys()
			.allChannels()
			.allCommands()
			.removeCommand(io.lettuce.core.protocol.CommandType.CONFIG)
			.removeCommand(io.lettuce.core.protocol.CommandType.CLIENT, io.lettuce.core.protocol.CommandKeyword.LIST));
		runner()
			.withPropertyValues("redis.url=redis://limited:limited-pw@127.0.0.1:" + redis.server().port())
			.run((context) -> {
				Health health = context.getBean(RedisResilienceHealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).containsEntry("utilizationLevel", UtilizationLevel.UNKNOWN)
					.containsKey("connectedClients")
					.doesNotContainKey("maxClients");
				@SuppressWarnings("unchecked")
				Map<String, String> unavailable = (Map<String, String>) health.getDetails().get("unavailable");
				assertThat(unavailable).containsOnlyKeys("CONFIG GET maxclients", "CLIENT LIST");
				assertThat(unavailable.get("CONFIG GET maxclients")).contains("not permitted", "NOPERM");
			});
	}

	@Test
	void sampleWhenYoungerThanMaxAgeShouldBeServedWithoutSamplingAgain() {
		MutableClock clock = new MutableClock();
		RedisClient client = otherClient("orders:oob");
		try (OutOfBandConnection connection = new OutOfBandConnection(client::connect);
				TopologyMonitor topology = TopologyMonitor.standalone(new NodeAddress("127.0.0.1", redis.server().port()),
						(address, role, slowCommands) -> new NodeMonitor(address, role, connection, false,
								new ClientsPolicy("orders", 80, 90, 4.0, false),
								new SlowLogSampler(address, 10, Duration.ofMillis(10), slowCommands), null, clock),
						clock)) {
			ServerClients first = topology.getSnapshot(Duration.ofSeconds(1), Duration.ofSeconds(2)).server();
			long clientLists = redis.server().commandCalls("client|list");
			clock.advance(Duration.ofMillis(999));
			assertThat(topology.getSnapshot(Duration.ofSeconds(1), Duration.ofSeconds(2)).server()).isSameAs(first);
			assertThat(redis.server().commandCalls("client|list")).isEqualTo(clientLists);
			clock.advance(Duration.ofMillis(1));
			ServerClients second = topology.getSnapshot(Duration.ofSeconds(1), Duration.ofSeconds(2)).server();
			assertThat(second.sampledAt()).isEqualTo(first.sampledAt().plusSeconds(1));
			assertThat(redis.server().commandCalls("client|list")).isEqualTo(clientLists + 1);
			assertThat(topology.getLastSnapshot().server()).isSameAs(second);
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}
	}

	private long connectedClients() {
		String info = redis.server().admin().info("clients");
		return info.lines()
			.filter((line) -> line.startsWith("connected_clients:"))
			.mapToLong((line) -> Long.parseLong(line.substring("connected_clients:".length()).trim()))
			.findFirst()
			.orElseThrow();
	}

	private static RedisClient otherClient(String name) {
		return RedisClient.create(RedisURI.builder()
			.withHost(redis.server().host())
			.withPort(redis.server().port())
			.withClientName(name)
			.build());
	}

}
