package io.github.resilientredis.health;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class HealthStatusDefaultsEnvironmentPostProcessorTests {

	private final StandardEnvironment environment = new StandardEnvironment();

	@Test
	void defaultsShouldRankDegradedBetweenDownAndUpAndAnswer200() {
		process();
		StatusAggregator aggregator = StatusAggregator.of(order());
		HttpCodeStatusMapper mapper = HttpCodeStatusMapper.of(mapping());
		assertThat(aggregator.getAggregateStatus(Set.of(Status.UP, RedisResilienceHealthIndicator.DEGRADED)))
			.isEqualTo(RedisResilienceHealthIndicator.DEGRADED);
		assertThat(aggregator.getAggregateStatus(Set.of(Status.DOWN, RedisResilienceHealthIndicator.DEGRADED)))
			.isEqualTo(Status.DOWN);
		assertThat(mapper.getStatusCode(RedisResilienceHealthIndicator.DEGRADED)).isEqualTo(200);
		assertThat(mapper.getStatusCode(Status.DOWN)).isEqualTo(503);
		assertThat(mapper.getStatusCode(Status.OUT_OF_SERVICE)).isEqualTo(503);
		assertThat(mapper.getStatusCode(Status.UP)).isEqualTo(200);
	}

	@Test
	void defaultsShouldRankMisconfiguredJustAfterDownAndAnswer503() {
		process();
		StatusAggregator aggregator = StatusAggregator.of(order());
		Status misconfigured = RedisResilienceHealthIndicator.MISCONFIGURED;
		assertThat(aggregator.getAggregateStatus(Set.of(Status.UP, misconfigured))).isEqualTo(misconfigured);
		assertThat(aggregator.getAggregateStatus(Set.of(RedisResilienceHealthIndicator.DEGRADED, misconfigured)))
			.isEqualTo(misconfigured);
		assertThat(aggregator.getAggregateStatus(Set.of(Status.DOWN, misconfigured))).isEqualTo(Status.DOWN);
		assertThat(HttpCodeStatusMapper.of(mapping()).getStatusCode(misconfigured)).isEqualTo(503);
	}

	@Test
	void userSettingsShouldWinOverDefaults() {
		this.environment.getPropertySources()
			.addFirst(new MapPropertySource("user",
					Map.of("management.endpoint.health.status.http-mapping.degraded", 503)));
		process();
		assertThat(HttpCodeStatusMapper.of(mapping()).getStatusCode(RedisResilienceHealthIndicator.DEGRADED))
			.isEqualTo(503);
		assertThat(HttpCodeStatusMapper.of(mapping()).getStatusCode(Status.DOWN)).isEqualTo(503);
	}

	@Test
	void springApplicationShouldApplyDefaults() {
		SpringApplication application = new SpringApplication(EmptyConfiguration.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		try (ConfigurableApplicationContext context = application.run()) {
			assertThat(context.getEnvironment()
				.getProperty("management.endpoint.health.status.http-mapping.degraded", Integer.class)).isEqualTo(200);
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class EmptyConfiguration {

	}

	private void process() {
		new HealthStatusDefaultsEnvironmentPostProcessor().postProcessEnvironment(this.environment,
				new SpringApplication());
	}

	private List<String> order() {
		return Binder.get(this.environment)
			.bind("management.endpoint.health.status.order", Bindable.listOf(String.class))
			.get();
	}

	private Map<String, Integer> mapping() {
		return Binder.get(this.environment)
			.bind("management.endpoint.health.status.http-mapping", Bindable.mapOf(String.class, Integer.class))
			.get();
	}

}
