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
import io.github.resilientredis.monitor.TopologyType;
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
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Auto-configuration of Redis monitoring: clients and slow-command sampling of every node,
 * reconnect tracking, event history, leak detection and connection reset, plus the
 * {@code redis} endpoint and meters when Actuator and Micrometer are present.
 */
@AutoConfiguration(after = DataRedisAutoConfiguration.class,
		afterName = { "io.github.resilientredis.autoconfigure.RedisConnectionAutoConfiguration",
				"io.github.resilientredis.autoconfigure.RedisResilienceAutoConfiguration" })
@ConditionalOnClass({ RedisClient.class, RedisConnectionFactory.class })
@ConditionalOnBean(RedisConnectionFactory.class)
@EnableConfigurationProperties(RedisResilienceProperties.class)
@Import({ RedisEndpointConfiguration.class, RedisMetricsConfiguration.class })
public final class RedisObservabilityAutoConfiguration {

	private final ObjectProvider<RedisConnectionFactory> connectionFactory;

	private final Environment environment;

	RedisObservabilityAutoConfiguration(ObjectProvider<RedisConnectionFactory> connectionFactory,
			Environment environment) {
		this.connectionFactory = connectionFactory;
		this.environment = environment;
	}

	@Bean
	@ConditionalOnMissingBean
	EventHistory redisEventHistory(RedisResilienceProperties properties) {
		return new EventHistory(properties.getMonitor().getEventHistorySize());
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	OutOfBandConnection redisOutOfBandConnection() {
		return new OutOfBandConnection(access().outOfBandConnector());
	}

	@Bean
	@ConditionalOnMissingBean
	ConfigurationCheck redisConfigurationCheck(OutOfBandConnection redisOutOfBandConnection,
			RedisResilienceProperties properties) {
		RedisConnectionAccess access = access();
		return new ConfigurationCheck(redisOutOfBandConnection, access::endpoint,
				access.topologyType() == TopologyType.CLUSTER,
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
			RedisResilienceProperties properties, EventHistory history) {
		return new RedisTopologyMonitors(access(), properties, history, Clock.systemUTC())
			.create(redisOutOfBandConnection);
	}

	@Bean
	@ConditionalOnMissingBean
	ConnectionResetter redisConnectionResetter(EventHistory history) {
		return new ConnectionResetter(access().resetAction(), history, Clock.systemUTC());
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	ReconnectTracker redisReconnectTracker(RedisResilienceProperties properties, ConnectionResetter resetter,
			EventHistory history, ObjectProvider<ClientResources> clientResources) {
		RedisReconnectProperties reconnect = properties.getReconnect();
		ReconnectTracker tracker = new ReconnectTracker(reconnect.getStuckAttempts(), reconnect.getStuckAfter(),
				reconnect.isAutoReset() ? resetter : null, history, Clock.systemUTC());
		ClientResources resources = clientResources.getIfUnique(() -> access().clientResources());
		if (resources != null) {
			tracker.subscribe(resources.eventBus());
		}
		return tracker;
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnProperty("redis.pool.leak-detection-threshold")
	LeakDetector redisLeakDetector(RedisResilienceProperties properties, EventHistory history) {
		// validated where bound (RedisPropertiesValidator): set, so positive
		return new LeakDetector(access().poolStatistics(), properties.getPool().getLeakDetectionThreshold(), history);
	}

	@Bean
	@ConditionalOnMissingBean
	RedisMonitor redisMonitor(OutOfBandConnection redisOutOfBandConnection, TopologyMonitor topology,
			RedisResilienceProperties properties, EventHistory history,
			ObjectProvider<ResilienceStatus> resilienceStatus, ObjectProvider<ReconnectTracker> tracker,
			ObjectProvider<LeakDetector> leakDetector, ObjectProvider<ConnectionResetter> resetter) {
		return new RedisMonitor(redisOutOfBandConnection, topology, properties.getMonitor().isShowOtherClients(), history,
				access().poolStatistics(), resilienceStatus::getIfAvailable,
				tracker.getIfAvailable(), leakDetector.getIfAvailable(), resetter.getIfAvailable());
	}

	@Bean
	MonitorSchedulerLifecycle redisMonitorScheduler(RedisResilienceProperties properties, RedisMonitor monitor,
			ApplicationContext context) {
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
		return new MonitorSchedulerLifecycle(scheduler, monitor.getConnection(), monitor.getTopology(), context);
	}

	private static Duration leakCheckInterval(Duration threshold) {
		Duration half = threshold.dividedBy(2);
		return (half.toMillis() < 50) ? Duration.ofMillis(50) : (half.toSeconds() >= 5) ? Duration.ofSeconds(5) : half;
	}

	@Bean
	static SmartInitializingSingleton redisCircuitBreakerEventRecorder(ObjectProvider<EventHistory> history,
			ObjectProvider<CircuitBreaker> breakers, ObjectProvider<CircuitBreakerRegistry> registries,
			ObjectProvider<ResilienceStatus> resilienceStatus, ObjectProvider<RedisResilienceProperties> properties) {
		RedisCircuitBreakerLookup lookup = new RedisCircuitBreakerLookup(breakers, registries, resilienceStatus,
				properties);
		return () -> history.ifAvailable((events) -> lookup.find().ifPresent(events::follow));
	}

	private RedisConnectionAccess access() {
		return new RedisConnectionAccess(this.connectionFactory.getObject(),
				ClientNames.configured(this.environment.getProperty("redis.client-name"),
						this.environment.getProperty("spring.application.name")));
	}

}
