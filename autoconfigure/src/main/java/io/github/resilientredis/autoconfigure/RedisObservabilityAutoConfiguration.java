package io.github.resilientredis.autoconfigure;

import java.time.Clock;
import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.lettuce.core.RedisClient;
import io.lettuce.core.resource.ClientResources;

import io.github.resilientredis.connection.ClientNames;
import io.github.resilientredis.monitor.ConfigurationCheck;
import io.github.resilientredis.monitor.ConnectionResetter;
import io.github.resilientredis.monitor.EventHistory;
import io.github.resilientredis.monitor.LeakDetector;
import io.github.resilientredis.monitor.MonitorScheduler;
import io.github.resilientredis.monitor.OutOfBandConnection;
import io.github.resilientredis.monitor.ReconnectTracker;
import io.github.resilientredis.monitor.RedisConnectionAccess;
import io.github.resilientredis.monitor.RedisMonitor;
import io.github.resilientredis.monitor.TopologyMonitor;
import io.github.resilientredis.resilience.ResilienceStatus;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Auto-configuration of Redis monitoring: clients and slow-command sampling of every node,
 * reconnect tracking,
 * event history, leak detection and connection reset, plus the {@code redis} endpoint
 * and meters when Actuator and Micrometer are present.
 */
@AutoConfiguration(after = DataRedisAutoConfiguration.class,
		afterName = { "io.github.resilientredis.autoconfigure.RedisConnectionAutoConfiguration",
				"io.github.resilientredis.autoconfigure.RedisResilienceAutoConfiguration" })
@ConditionalOnClass({ RedisClient.class, RedisConnectionFactory.class })
@ConditionalOnBean(RedisConnectionFactory.class)
@EnableConfigurationProperties(RedisResilienceProperties.class)
@Import({ RedisEndpointConfiguration.class, RedisMetricsConfiguration.class })
public final class RedisObservabilityAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EventHistory redisEventHistory(RedisResilienceProperties properties) {
		return new EventHistory(properties.getMonitor().getEventHistorySize());
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	OutOfBandConnection redisOutOfBandConnection(RedisConnectionFactory connectionFactory, Environment environment) {
		return new OutOfBandConnection(access(connectionFactory, environment).outOfBandConnector());
	}

	@Bean
	@ConditionalOnMissingBean
	ConfigurationCheck redisConfigurationCheck(OutOfBandConnection redisOutOfBandConnection,
			RedisConnectionFactory connectionFactory, Environment environment, RedisResilienceProperties properties) {
		RedisConnectionAccess access = access(connectionFactory, environment);
		return new ConfigurationCheck(redisOutOfBandConnection, access::endpoint, access.isCluster(),
				properties.getConnectTimeout().plus(properties.getCommandTimeout()));
	}

	// once the application is ready, so the check never delays or fails startup
	@Bean
	ApplicationListener<ApplicationReadyEvent> redisConfigurationCheckAtStartup(ConfigurationCheck check) {
		return (event) -> check.runInBackground();
	}

	@Bean
	@ConditionalOnMissingBean
	TopologyMonitor redisTopologyMonitor(OutOfBandConnection redisOutOfBandConnection,
			RedisConnectionFactory connectionFactory, Environment environment, RedisResilienceProperties properties,
			EventHistory history) {
		return new RedisTopologyMonitors(access(connectionFactory, environment), properties, history,
				Clock.systemUTC())
			.create(redisOutOfBandConnection);
	}

	@Bean
	@ConditionalOnMissingBean
	ConnectionResetter redisConnectionResetter(RedisConnectionFactory connectionFactory, Environment environment,
			EventHistory history) {
		Runnable reset = access(connectionFactory, environment).resetAction();
		return new ConnectionResetter((reset != null) ? reset : () -> {
			throw new UnsupportedOperationException(
					"The Redis connection factory " + connectionFactory.getClass().getName() + " cannot be reset");
		}, history, Clock.systemUTC());
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	ReconnectTracker redisReconnectTracker(RedisResilienceProperties properties, ConnectionResetter resetter,
			EventHistory history, RedisConnectionFactory connectionFactory, Environment environment,
			ObjectProvider<ClientResources> clientResources) {
		RedisReconnectProperties reconnect = properties.getReconnect();
		ReconnectTracker tracker = new ReconnectTracker(reconnect.getStuckAttempts(), reconnect.getStuckAfter(),
				reconnect.isAutoReset() ? resetter : null, history, Clock.systemUTC());
		ClientResources resources = clientResources.getIfUnique(
				() -> access(connectionFactory, environment).clientResources());
		if (resources != null) {
			tracker.subscribe(resources.eventBus());
		}
		return tracker;
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnProperty("redis.pool.leak-detection-threshold")
	LeakDetector redisLeakDetector(RedisResilienceProperties properties, RedisConnectionFactory connectionFactory,
			Environment environment, EventHistory history) {
		Duration threshold = properties.getPool().getLeakDetectionThreshold();
		if (threshold == null || threshold.isNegative() || threshold.isZero()) {
			throw new IllegalArgumentException("redis.pool.leak-detection-threshold must be a positive duration, was "
					+ threshold + "; set it to e.g. 30s, or remove it to disable leak detection");
		}
		return new LeakDetector(access(connectionFactory, environment).poolStatistics(), threshold, history,
				Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	RedisMonitor redisMonitor(OutOfBandConnection redisOutOfBandConnection, TopologyMonitor topology,
			RedisResilienceProperties properties, EventHistory history, RedisConnectionFactory connectionFactory,
			Environment environment, ObjectProvider<ResilienceStatus> resilienceStatus,
			ObjectProvider<ReconnectTracker> tracker,
			ObjectProvider<LeakDetector> leakDetector, ObjectProvider<ConnectionResetter> resetter) {
		return new RedisMonitor(redisOutOfBandConnection, topology, properties.getMonitor().isShowOtherClients(), history,
				access(connectionFactory, environment).poolStatistics(), resilienceStatus::getIfAvailable,
				tracker.getIfAvailable(), leakDetector.getIfAvailable(), resetter.getIfAvailable());
	}

	@Bean
	MonitorSchedulerLifecycle redisMonitorScheduler(RedisResilienceProperties properties, RedisMonitor monitor) {
		MonitorScheduler scheduler = new MonitorScheduler();
		if (properties.getMonitor().isEnabled()) {
			scheduler.add("topology sampling", properties.getMonitor().getInterval(),
					() -> monitor.getTopology().sampleNow(properties.getCommandTimeout()));
		}
		ReconnectTracker tracker = monitor.getTracker();
		if (tracker != null) {
			scheduler.add("stuck reconnect check", Duration.ofSeconds(1), tracker::check);
		}
		LeakDetector leakDetector = monitor.getLeakDetector();
		if (leakDetector != null) {
			scheduler.add("leak detection", leakCheckInterval(leakDetector.getThreshold()), leakDetector::check);
		}
		return new MonitorSchedulerLifecycle(scheduler, monitor.getConnection(), monitor.getTopology());
	}

	static Duration leakCheckInterval(Duration threshold) {
		Duration half = threshold.dividedBy(2);
		Duration min = Duration.ofMillis(50);
		Duration max = Duration.ofSeconds(5);
		return (half.compareTo(min) < 0) ? min : (half.compareTo(max) > 0) ? max : half;
	}

	@Bean
	static SmartInitializingSingleton redisCircuitBreakerEventRecorder(ObjectProvider<EventHistory> history,
			ObjectProvider<CircuitBreaker> breakers, ObjectProvider<CircuitBreakerRegistry> registries,
			ObjectProvider<ResilienceStatus> resilienceStatus, ObjectProvider<RedisResilienceProperties> properties) {
		RedisCircuitBreakerLookup lookup = new RedisCircuitBreakerLookup(breakers, registries, resilienceStatus,
				properties);
		return () -> {
			EventHistory events = history.getIfAvailable();
			CircuitBreaker breaker = lookup.find();
			if (events != null && breaker != null) {
				events.follow(breaker);
			}
		};
	}

	private static RedisConnectionAccess access(RedisConnectionFactory connectionFactory, Environment environment) {
		return new RedisConnectionAccess(connectionFactory, ClientNames.configured(
				environment.getProperty("redis.client-name"), environment.getProperty("spring.application.name")));
	}

}
