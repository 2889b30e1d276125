package io.github.resilientredis.actuate;

import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.resilientredis.autoconfigure.RedisConnectionAutoConfiguration;
import io.github.resilientredis.autoconfigure.RedisHealthContributorAutoConfiguration;
import io.github.resilientredis.autoconfigure.RedisObservabilityAutoConfiguration;
import io.github.resilientredis.health.RedisResilienceHealthIndicator;
import io.github.resilientredis.monitor.ConnectionResetter;
import io.github.resilientredis.monitor.EventHistory;
import io.github.resilientredis.monitor.RedisEvent;
import io.github.resilientredis.monitor.RedisMonitor.EventsSection;
import io.github.resilientredis.monitor.RedisMonitor.RetriesSection;
import io.github.resilientredis.monitor.ServerClients;
import io.github.resilientredis.autoconfigure.RedisResilienceProperties;
import io.github.resilientredis.monitor.TopologyMonitor;
import io.github.resilientredis.test.RedisServer;
import io.github.resilientredis.test.RedisServerExtension;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.EndpointAccessResolver;
import org.springframework.boot.actuate.endpoint.OperationFilter;
import org.springframework.boot.actuate.endpoint.OperationType;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.invoke.ParameterValueMapper;
import org.springframework.boot.actuate.endpoint.web.EndpointMediaTypes;
import org.springframework.boot.actuate.endpoint.web.ExposableWebEndpoint;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpointDiscoverer;
import org.springframework.boot.actuate.endpoint.web.WebOperation;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.convert.support.ConfigurableConversionService;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code redis} endpoint against a real redis-server: sections, event history and
 * the access rule of the reset operation.
 */
class RedisEndpointIntegrationTests {

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension(RedisServer.builder());

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			// as SpringApplication does, so "unrestricted" binds like in an application
			.withInitializer((context) -> context.getEnvironment()
				.setConversionService((ConfigurableConversionService) ApplicationConversionService.getSharedInstance()))
			.withConfiguration(AutoConfigurations.of(RedisConnectionAutoConfiguration.class, DataRedisAutoConfiguration.class,
					RedisObservabilityAutoConfiguration.class, RedisHealthContributorAutoConfiguration.class,
					EndpointAutoConfiguration.class))
			.withPropertyValues("redis.url=" + redis.server().url(),
					"redis.client-name=orders", "management.endpoints.web.exposure.include=redis");
	}

	@Test
	void resetWhenAccessNotConfiguredShouldNotBeExposed() {
		runner().run((context) -> assertThat(operationTypes(context)).containsOnly(OperationType.READ));
	}

	@Test
	void resetWhenAccessUnrestrictedShouldCloseAndRecreateConnections() {
		runner().withPropertyValues("management.endpoint.redis.access=unrestricted").run((context) -> {
			assertThat(operationTypes(context)).contains(OperationType.READ, OperationType.WRITE);
			RedisConnectionFactory factory = context.getBean(RedisConnectionFactory.class);
			factory.getConnection().ping();
			String before = idOf("orders", redis.server().admin().clientList());
			RedisEndpoint.ResetResult result = context.getBean(RedisEndpoint.class).reset();
			assertThat(result.reset()).isTrue();
			assertThat(result.resets()).isEqualTo(1L);
			assertThat(context.getBean(ConnectionResetter.class).getResets()).isEqualTo(1);
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				factory.getConnection().ping();
				String after = redis.server().admin().clientList();
				assertThat(after).doesNotContain(before + " ");
				assertThat(idOf("orders", after)).isNotEqualTo(before);
			});
			assertThat(context.getBean(EventHistory.class).getEvents()).extracting(RedisEvent::type)
				.contains(RedisEvent.Type.RESET);
		});
	}

	@Test
	void readOperationsShouldAnswerEverySection() {
		runner().run((context) -> {
			RedisEndpoint endpoint = context.getBean(RedisEndpoint.class);
			RedisEndpoint.Summary summary = endpoint.summary();
			assertThat(summary.server()).isNotNull();
			assertThat(summary.pool()).isNotNull();
			assertThat(summary.retries()).isNotNull();
			assertThat(summary.events()).isNotNull();
			assertThat(endpoint.section(SecurityContext.NONE, "clients")).isInstanceOfSatisfying(
					RedisEndpoint.ClientsDescriptor.class, (clients) -> {
						assertThat(clients.server().connectedClients()).isPositive();
						assertThat(clients.groups()).isNotEmpty();
						assertThat(clients.server().sampledAt()).isNotNull();
					});
			assertThat(endpoint.section(SecurityContext.NONE, "pool")).isNotNull();
			RetriesSection retries = section(endpoint, "retries", RetriesSection.class);
			assertThat(retries.reconnectAttempts()).isNotNull();
			assertThat(retries.stuck()).isNotNull();
			assertThat(retries.resets()).isNotNull();
			assertThat(section(endpoint, "events", EventsSection.class).capacity()).isEqualTo(100);
			assertThat(endpoint.section(SecurityContext.NONE, "nope")).isNull();
		});
	}

	@Test
	void eventsWhenMoreThanCapacityShouldKeepNewestLast() {
		runner().run((context) -> {
			EventHistory history = context.getBean(EventHistory.class);
			for (int i = 1; i <= 130; i++) {
				history.record(RedisEvent.Type.RECONNECT_ATTEMPT, "attempt " + i);
			}
			List<RedisEvent> list = section(context.getBean(RedisEndpoint.class), "events", EventsSection.class)
				.events();
			assertThat(list).hasSize(100);
			assertThat(list.get(list.size() - 1).detail()).isEqualTo("attempt 130");
			assertThat(list.get(list.size() - 1).timestamp()).isAfterOrEqualTo(list.get(0).timestamp());
		});
	}

	@Test
	void clientsWhenOtherApplicationConnectedShouldShowOnlyItsCountByDefault() {
		runner().run((context) -> withOtherApplication(context, (otherAddresses) -> {
			RedisEndpoint.ClientsDescriptor clients = context.getBean(RedisEndpoint.class)
				.clients(SecurityContext.NONE);
			assertThat(clients.otherClientsShown()).isFalse();
			assertThat(clients.groups()).filteredOn((group) -> group.name().equals("batch-job"))
				.singleElement()
				.isEqualTo(new ServerClients.ClientGroup("batch-job", false, 2, null, null, null));
			assertThat(clients.groups()).filteredOn(ServerClients.ClientGroup::own)
				.extracting(ServerClients.ClientGroup::name)
				.containsExactlyInAnyOrder("orders", "orders:oob");
			assertThat(clients.groups()).filteredOn(ServerClients.ClientGroup::own)
				.allSatisfy((group) -> assertThat(group.addresses()).isNotEmpty());
			assertThat(clients.longestIdle()).isNotEmpty().allMatch(ServerClients.IdleClient::own);
			assertThat(clients.toString()).doesNotContain(otherAddresses);
		}));
	}

	@Test
	void healthSummaryAndEventsWhenOtherApplicationConnectedShouldNeverShowItsAddresses() {
		runner().withPropertyValues("redis.monitor.show-other-clients=true").run((context) -> {
			withOtherApplication(context, (otherAddresses) -> {
				RedisEndpoint endpoint = context.getBean(RedisEndpoint.class);
				assertThat(endpoint.clients(SecurityContext.NONE).toString()).contains(otherAddresses);
				Map<String, Object> health = context.getBean(RedisResilienceHealthIndicator.class).health().getDetails();
				assertThat(health).containsKeys("ownConnections", "otherConnections");
				assertThat(health.toString()).doesNotContain(otherAddresses);
				assertThat(endpoint.summary().toString()).doesNotContain(otherAddresses);
				assertThat(section(endpoint, "events", EventsSection.class).toString()).doesNotContain(otherAddresses);
			});
		});
	}

	@Test
	void clientsWhenShowOtherClientsShouldShowTheirAddresses() {
		runner().withPropertyValues("redis.monitor.show-other-clients=true")
			.run((context) -> withOtherApplication(context, (otherAddresses) -> {
				RedisEndpoint.ClientsDescriptor clients = context.getBean(RedisEndpoint.class)
					.clients(SecurityContext.NONE);
				assertThat(clients.otherClientsShown()).isTrue();
				assertThat(clients.groups()).filteredOn((group) -> group.name().equals("batch-job"))
					.singleElement()
					.satisfies((group) -> {
						assertThat(group.addresses()).containsExactlyInAnyOrder(otherAddresses);
						assertThat(group.oldestAgeSeconds()).isNotNull();
						assertThat(group.longestIdleSeconds()).isNotNull();
					});
			}));
	}

	@Test
	void clientsWhenShowDetailsWhenAuthorizedShouldShowOtherClientsOnlyToAuthorizedRoles() {
		runner()
			.withPropertyValues("redis.monitor.show-other-clients=true",
					"management.endpoint.redis.show-details=when-authorized", "management.endpoint.redis.roles=OPS")
			.run((context) -> withOtherApplication(context, (otherAddresses) -> {
				RedisEndpoint endpoint = context.getBean(RedisEndpoint.class);
				assertThat(endpoint.clients(SecurityContext.NONE).otherClientsShown()).isFalse();
				assertThat(endpoint.clients(SecurityContext.NONE).toString()).doesNotContain(otherAddresses);
				assertThat(endpoint.clients(user("dev")).otherClientsShown()).isFalse();
				RedisEndpoint.ClientsDescriptor operator = endpoint.clients(user("OPS"));
				assertThat(operator.otherClientsShown()).isTrue();
				assertThat(operator.toString()).contains(otherAddresses);
			}));
	}

	@Test
	void clientsWhenRequestedHundredTimesWithinASecondShouldRunClientListAtMostTwice() {
		runner().run((context) -> {
			RedisEndpoint endpoint = context.getBean(RedisEndpoint.class);
			TopologyMonitor topology = context.getBean(TopologyMonitor.class);
			// the monitor's periodic sample (first run one second after start), then old
			// enough that the first request has to refresh it
			await().atMost(Duration.ofSeconds(10)).until(() -> topology.getLastSnapshot() != null);
			Instant periodic = topology.getLastSnapshot().sampledAt();
			await().atMost(Duration.ofSeconds(5))
				.until(() -> Instant.now().isAfter(periodic.plus(RedisEndpoint.MAX_SAMPLE_AGE)));
			long clientLists = redis.server().commandCalls("client|list");
			long started = System.nanoTime();
			List<RedisEndpoint.ClientsDescriptor> answers = concurrently(100,
					() -> endpoint.clients(SecurityContext.NONE));
			Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
			assertThat(elapsed).isLessThan(Duration.ofSeconds(1));
			assertThat(redis.server().commandCalls("client|list") - clientLists).isBetween(1L, 2L);
			assertThat(answers).hasSize(100).allSatisfy((answer) -> assertThat(answer.server().sampledAt()).isAfter(periodic));
		});
	}

	/**
	 * Run assertions while another application ("batch-job") holds two connections and
	 * this one its shared connection, on a sample taken after all of them connected.
	 */
	private static void withOtherApplication(AssertableApplicationContext context, Consumer<String[]> assertions) {
		RedisClient other = RedisClient.create(RedisURI.builder()
			.withHost(redis.server().host())
			.withPort(redis.server().port())
			.withClientName("batch-job")
			.build());
		try (StatefulRedisConnection<String, String> first = other.connect();
				StatefulRedisConnection<String, String> second = other.connect()) {
			first.sync().ping();
			second.sync().ping();
			String[] addresses = redis.server()
				.clients()
				.stream()
				.filter((client) -> "batch-job".equals(client.get("name")))
				.map((client) -> client.get("addr"))
				.toArray(String[]::new);
			assertThat(addresses).hasSize(2);
			context.getBean(RedisConnectionFactory.class).getConnection().ping();
			// the endpoint serves a sample for up to a second: take it now that everyone is connected
			context.getBean(TopologyMonitor.class)
				.sampleNow(context.getBean(RedisResilienceProperties.class).getCommandTimeout());
			assertions.accept(addresses);
		}
		finally {
			other.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}
	}

	private static SecurityContext user(String role) {
		Principal principal = () -> "alice";
		return new SecurityContext() {

			@Override
			public Principal getPrincipal() {
				return principal;
			}

			@Override
			public boolean isUserInRole(String candidate) {
				return role.equals(candidate);
			}

		};
	}

	private static <T> List<T> concurrently(int calls, Callable<T> call) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(8);
		try {
			List<Future<T>> futures = new ArrayList<>();
			for (int i = 0; i < calls; i++) {
				futures.add(executor.submit(call));
			}
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get());
			}
			return results;
		}
		finally {
			executor.shutdownNow();
		}
	}

	private static <T> T section(RedisEndpoint endpoint, String name, Class<T> type) {
		return type.cast(endpoint.section(SecurityContext.NONE, name));
	}

	private static List<OperationType> operationTypes(AssertableApplicationContext context) {
		// the discoverer Boot's web endpoint support uses, with its access filter (the web
		// auto-configuration itself needs a servlet or reactive web application)
		WebEndpointDiscoverer discoverer = new WebEndpointDiscoverer(context,
				context.getBean(ParameterValueMapper.class), EndpointMediaTypes.DEFAULT, null, null, List.of(),
				List.of(), List.of(OperationFilter.byAccess(context.getBean(EndpointAccessResolver.class))));
		ExposableWebEndpoint endpoint = discoverer.getEndpoints()
			.stream()
			.filter((candidate) -> candidate.getEndpointId().toString().equals("redis"))
			.findFirst()
			.orElseThrow();
		return endpoint.getOperations().stream().map(WebOperation::getType).toList();
	}

	private static String idOf(String name, String clientList) {
		return clientList.lines()
			.filter((line) -> line.contains(" name=" + name + " "))
			.map((line) -> line.substring(0, line.indexOf(' ')))
			.findFirst()
			.orElseThrow();
	}

}
