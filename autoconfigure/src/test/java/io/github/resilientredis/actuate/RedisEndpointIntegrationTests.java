package io.github.resilientredis.actuate;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.resilientredis.autoconfigure.RedisConnectionAutoConfiguration;
import io.github.resilientredis.autoconfigure.RedisObservabilityAutoConfiguration;
import io.github.resilientredis.monitor.ConnectionResetter;
import io.github.resilientredis.monitor.EventHistory;
import io.github.resilientredis.monitor.RedisEvent;
import io.github.resilientredis.testsupport.RedisServer;
import io.github.resilientredis.testsupport.RedisServerExtension;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.EndpointAccessResolver;
import org.springframework.boot.actuate.endpoint.OperationFilter;
import org.springframework.boot.actuate.endpoint.OperationType;
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
					RedisObservabilityAutoConfiguration.class, EndpointAutoConfiguration.class))
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
			Map<String, Object> result = context.getBean(RedisEndpoint.class).reset();
			assertThat(result).containsEntry("reset", true).containsEntry("resets", 1L);
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
			assertThat(endpoint.summary()).containsKeys("server", "pool", "retries", "events");
			assertThat(endpoint.section("clients")).containsKeys("connectedClients", "groups", "longestIdle");
			assertThat(endpoint.section("pool")).isNotNull();
			assertThat(endpoint.section("retries")).containsKeys("reconnectAttempts", "stuck", "resets");
			assertThat(endpoint.section("events")).containsEntry("capacity", 100);
			assertThat(endpoint.section("nope")).isNull();
		});
	}

	@Test
	void eventsWhenMoreThanCapacityShouldKeepNewestLast() {
		runner().run((context) -> {
			EventHistory history = context.getBean(EventHistory.class);
			for (int i = 1; i <= 130; i++) {
				history.record(RedisEvent.Type.RECONNECT_ATTEMPT, "attempt " + i);
			}
			Map<String, Object> events = context.getBean(RedisEndpoint.class).section("events");
			@SuppressWarnings("unchecked")
			List<RedisEvent> list = (List<RedisEvent>) events.get("events");
			assertThat(list).hasSize(100);
			assertThat(list.get(list.size() - 1).detail()).isEqualTo("attempt 130");
			assertThat(list.get(list.size() - 1).timestamp()).isAfterOrEqualTo(list.get(0).timestamp());
		});
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
