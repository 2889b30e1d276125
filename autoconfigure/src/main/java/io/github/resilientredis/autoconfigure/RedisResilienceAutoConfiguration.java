package io.github.resilientredis.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.connection.RedisConnection;

import io.github.resilientredis.connection.CommandGuard;
import io.github.resilientredis.connection.ResilientLettuceConnectionFactory;
import io.github.resilientredis.diagnostics.RedisUnavailability;
import io.github.resilientredis.fallback.FallbackStore;
import io.github.resilientredis.fallback.LocalFallback;
import io.github.resilientredis.fallback.OutageJournal;
import io.github.resilientredis.fallback.ResilienceListener;
import io.github.resilientredis.resilience.CircuitBreakerCommandGuard;
import io.github.resilientredis.resilience.DefaultResilienceStatus;
import io.github.resilientredis.resilience.HangDetector;
import io.github.resilientredis.resilience.OutOfBandHangProbe;
import io.github.resilientredis.resilience.RecoveryAccess;
import io.github.resilientredis.resilience.RecoveryCoordinator;
import io.github.resilientredis.resilience.ResilienceStatus;
import io.github.resilientredis.resilience.UnavailabilityTracker;

/**
 * Auto-configuration of the circuit breaker around every Redis command, the local
 * fallback for cache data, and the recovery that replays the outage journal before cache
 * traffic returns to Redis.
 */
@AutoConfiguration(afterName = "io.github.resilientredis.autoconfigure.RedisConnectionAutoConfiguration")
@ConditionalOnClass(CircuitBreaker.class)
@EnableConfigurationProperties(RedisResilienceProperties.class)
@Import({ RedisResilienceAutoConfiguration.ResilientFactoryConfiguration.class,
		RedisResilienceAutoConfiguration.CircuitBreakerConfiguration.class })
public final class RedisResilienceAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	UnavailabilityTracker redisUnavailabilityTracker() {
		return new UnavailabilityTracker();
	}

	@Bean
	@ConditionalOnMissingBean(ResilienceStatus.class)
	DefaultResilienceStatus redisResilienceStatus(RedisResilienceProperties properties,
			ObjectProvider<CircuitBreakerCommandGuard> guard, ObjectProvider<LocalFallback> fallback,
			ObjectProvider<RecoveryCoordinator> coordinator, UnavailabilityTracker tracker) {
		CircuitBreakerCommandGuard breakerGuard = guard.getIfAvailable();
		RecoveryCoordinator recovery = coordinator.getIfAvailable();
		return new DefaultResilienceStatus(properties.getCircuitBreaker().getName(),
				(breakerGuard != null) ? breakerGuard.getCircuitBreaker() : null,
				fallback.getIfAvailable(), tracker, () -> (recovery != null) ? recovery.getReplays() : 0,
				(breakerGuard != null) ? breakerGuard.getRouter()::snapshots : List::of);
	}

	// resolved at each event: a listener may depend on the factory the guard is installed on
	static Iterable<ResilienceListener> lazy(ObjectProvider<ResilienceListener> listeners) {
		return () -> listeners.orderedStream().iterator();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(ResilientLettuceConnectionFactory.class)
	@ConditionalOnProperty(name = "redis.circuit-breaker.enabled", matchIfMissing = true)
	static class ResilientFactoryConfiguration {

		@Bean
		static CommandGuardInstaller redisCommandGuardInstaller(ObjectProvider<CommandGuard> guard) {
			return new CommandGuardInstaller(guard);
		}

		@Bean
		@ConditionalOnMissingBean
		RecoveryAccess redisRecoveryAccess(ResilientLettuceConnectionFactory connectionFactory,
				ObjectProvider<CircuitBreakerCommandGuard> guard) {
			return new RecoveryAccess() {

				@Override
				public void withConnection(Consumer<RedisConnection> action) {
					Objects.requireNonNullElse(guard.getIfAvailable(), CommandGuard.NONE).bypass(() -> {
						try (RedisConnection connection = connectionFactory.getConnection()) {
							action.accept(connection);
						}
						return null;
					});
				}

				@Override
				public void resetConnections() {
					connectionFactory.resetConnections();
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "redis.circuit-breaker.enabled", matchIfMissing = true)
	@Conditional(OnRecoverableConnectionFactoryCondition.class)
	static class CircuitBreakerConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "redisCircuitBreaker")
		CircuitBreaker redisCircuitBreaker(RedisResilienceProperties properties,
				ObjectProvider<CircuitBreakerRegistry> registry) {
			// the values were checked where bound, by RedisPropertiesValidator
			RedisCircuitBreakerProperties breaker = properties.getCircuitBreaker();
			Duration wait = breaker.getWaitInOpenState();
			CircuitBreakerConfig config = CircuitBreakerConfig.custom()
				.slidingWindowType(SlidingWindowType.COUNT_BASED)
				.slidingWindowSize(breaker.getSlidingWindowSize())
				.minimumNumberOfCalls(breaker.getMinimumNumberOfCalls())
				.failureRateThreshold(breaker.getFailureRateThreshold())
				.slowCallRateThreshold(breaker.getSlowCallRateThreshold())
				.slowCallDurationThreshold(breaker.getSlowCallDuration())
				.waitIntervalFunctionInOpenState((breaker.getWaitJitter() > 0)
						? IntervalFunction.ofRandomized(wait, breaker.getWaitJitter()) : IntervalFunction.of(wait))
				.automaticTransitionFromOpenToHalfOpenEnabled(true)
				.permittedNumberOfCallsInHalfOpenState(breaker.getPermittedCallsInHalfOpenState())
				.recordException(RedisUnavailability::isUnavailability)
				.build();
			CircuitBreakerRegistry breakers = registry.getIfAvailable(() -> CircuitBreakerRegistry.of(config));
			return breakers.circuitBreaker(breaker.getName(), config);
		}

		@Bean
		@ConditionalOnProperty(name = "redis.fallback.enabled", matchIfMissing = true)
		@ConditionalOnMissingBean
		LocalFallback redisLocalFallback(RedisResilienceProperties properties,
				ObjectProvider<ResilienceListener> listeners) {
			RedisFallbackProperties fallback = properties.getFallback();
			FallbackStore store = new FallbackStore(fallback.getMaximumEntries(), fallback.getTtl());
			OutageJournal journal = new OutageJournal(fallback.getJournalMaximumEntries());
			// in a cluster a dead master switches only its keys' slots to the fallback
			return properties.getCluster().getNodes().isEmpty()
					? new LocalFallback(store, journal, lazy(listeners), Clock.systemUTC())
					: LocalFallback.perSlot(store, journal, lazy(listeners), Clock.systemUTC());
		}

		@Bean
		@ConditionalOnMissingBean
		CircuitBreakerCommandGuard redisCommandGuard(CircuitBreaker redisCircuitBreaker,
				UnavailabilityTracker tracker, RedisResilienceProperties properties,
				ObjectProvider<LocalFallback> fallback, ObjectProvider<CircuitBreakerRegistry> registry,
				ObjectProvider<HangDetector> hangDetector) {
			// a Redis Cluster master gets a breaker of its own, configured like the one breaker
			CircuitBreakerConfig config = redisCircuitBreaker.getCircuitBreakerConfig();
			CircuitBreakerRegistry breakers = registry.getIfAvailable(() -> CircuitBreakerRegistry.of(config));
			CircuitBreakerCommandGuard guard = new CircuitBreakerCommandGuard(redisCircuitBreaker,
					(name) -> breakers.circuitBreaker(name, config), tracker, Clock.systemUTC(),
					properties.getFallback().getCacheKeyPatterns(), fallback.getIfAvailable());
			// a threshold at or above the command timeout would never see a wait the timeout missed
			if (properties.getCircuitBreaker().getHangThreshold().compareTo(properties.getCommandTimeout()) < 0) {
				hangDetector.ifAvailable(guard::setHangDetector);
			}
			return guard;
		}

		@Bean(destroyMethod = "close")
		@ConditionalOnProperty(name = "redis.circuit-breaker.hang-detection", matchIfMissing = true)
		@ConditionalOnMissingBean
		HangDetector redisHangDetector(RedisResilienceProperties properties,
				ObjectProvider<ResilientLettuceConnectionFactory> connectionFactory) {
			// resolved at the first probe: the factory's own creation installs the guard
			OutOfBandHangProbe probe = new OutOfBandHangProbe(() -> {
				ResilientLettuceConnectionFactory factory = connectionFactory.getIfAvailable();
				return factory != null && !factory.isClusterAware();
			}, () -> connectionFactory.getObject().connectOutOfBand());
			return new HangDetector(properties.getCircuitBreaker().getHangThreshold(), probe);
		}

		@Bean(initMethod = "start", destroyMethod = "close")
		@ConditionalOnBean(LocalFallback.class)
		@ConditionalOnMissingBean
		RecoveryCoordinator redisRecoveryCoordinator(LocalFallback fallback, CircuitBreaker redisCircuitBreaker,
				RecoveryAccess access, UnavailabilityTracker tracker, ObjectProvider<ResilienceListener> listeners,
				ObjectProvider<CircuitBreakerCommandGuard> guard, RedisResilienceProperties properties) {
			CircuitBreakerCommandGuard breakerGuard = guard.getIfUnique();
			boolean cluster = !properties.getCluster().getNodes().isEmpty();
			return new RecoveryCoordinator(fallback, redisCircuitBreaker, access, tracker, lazy(listeners),
					Duration.ofMillis(50), !cluster ? null
							: (breakerGuard != null) ? breakerGuard.getRouter()::servingNodesAvailable : () -> true);
		}

	}

	/** The starter's connection factory or a user's {@link RecoveryAccess}: recovery can reach Redis. */
	static final class OnRecoverableConnectionFactoryCondition extends AnyNestedCondition {

		OnRecoverableConnectionFactoryCondition() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnBean(ResilientLettuceConnectionFactory.class)
		static final class StarterConnectionFactory {

		}

		@ConditionalOnBean(RecoveryAccess.class)
		static final class UserRecoveryAccess {

		}

	}

}
