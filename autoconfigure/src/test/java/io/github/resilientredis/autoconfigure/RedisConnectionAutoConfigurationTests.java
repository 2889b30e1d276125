package io.github.resilientredis.autoconfigure;

import java.time.Duration;
import java.util.Map;

import io.github.resilientredis.connection.ResilientLettuceConnectionFactory;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ClientOptions.DisconnectedBehavior;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslVerifyMode;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.resource.ClientResources;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wiring tests for {@link RedisConnectionAutoConfiguration} (no Redis needed: the factory
 * never connects at startup).
 */
class RedisConnectionAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(RedisConnectionAutoConfiguration.class, DataRedisAutoConfiguration.class));

	@Test
	void connectionFactoryWhenDefaultShouldBackBootTemplatesAndReplaceBootFactory() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(RedisConnectionFactory.class);
			assertThat(context).hasSingleBean(ResilientLettuceConnectionFactory.class);
			assertThat(context).hasSingleBean(ClientResources.class);
			ResilientLettuceConnectionFactory factory = context.getBean(ResilientLettuceConnectionFactory.class);
			assertThat(context.getBean(StringRedisTemplate.class).getConnectionFactory()).isSameAs(factory);
			assertThat(context.getBean("redisTemplate", RedisTemplate.class).getConnectionFactory()).isSameAs(factory);
			assertThat(factory.getHostName()).isEqualTo("localhost");
			assertThat(factory.getPort()).isEqualTo(6379);
			assertThat(factory.getEagerInitialization()).isFalse();
			assertThat(factory.getShareNativeConnection()).isTrue();
			assertThat(factory.getClientConfiguration().getClientName()).contains("resilient-redis-app");
		});
	}

	@Test
	void contextWhenRedisIsUnreachableShouldStart() {
		this.contextRunner.withPropertyValues("redis.url=redis://127.0.0.1:1").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(ResilientLettuceConnectionFactory.class).isRunning()).isTrue();
		});
	}

	@Test
	void contextWhenUrlInvalidShouldFailNamingTheProperty() {
		this.contextRunner.withPropertyValues("redis.url=http://cache.example.com:6379").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(BindValidationException.class)
				.hasMessageContaining("redis.url");
		});
	}

	@Test
	void contextWhenTlsShorthandInvalidShouldFailNamingTheProperty() {
		this.contextRunner.withInitializer(environment(Map.of("REDIS_TLS", "maybe"))).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class, (ex) -> {
					assertThat(ex.getName()).isEqualTo("redis.tls");
					assertThat(ex.getReason()).contains("REDIS_TLS=true");
				});
		});
	}

	@Test
	void connectionFactoryWhenUserDefinesOneShouldBackOff() {
		this.contextRunner.withUserConfiguration(UserConnectionFactoryConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(RedisConnectionFactory.class);
			assertThat(context).doesNotHaveBean(ResilientLettuceConnectionFactory.class);
			assertThat(context.getBean(RedisConnectionFactory.class))
				.isSameAs(context.getBean(UserConnectionFactoryConfiguration.class).factory);
		});
	}

	@Test
	void connectionFactoryWhenLettuceMissingShouldBackOff() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(RedisClient.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ResilientLettuceConnectionFactory.class));
	}

	@Test
	void clientResourcesWhenUserDefinesThemShouldBeUsed() {
		this.contextRunner.withUserConfiguration(UserClientResourcesConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(ClientResources.class);
			assertThat(context.getBean(ResilientLettuceConnectionFactory.class).getClientResources())
				.isSameAs(context.getBean(ClientResources.class));
		});
	}

	@Test
	void customizersWhenDefinedShouldBeApplied() {
		this.contextRunner.withUserConfiguration(CustomizerConfiguration.class).run((context) -> {
			LettuceClientConfiguration configuration = clientConfiguration(context);
			assertThat(configuration.getClientName()).contains("customized");
			assertThat(clientOptions(context).getRequestQueueSize()).isEqualTo(4242);
			assertThat(context.getBean(CustomizerConfiguration.class).clientResourcesCustomized).isTrue();
		});
	}

	@Test
	void clientNameWhenApplicationNameSetShouldUseIt() {
		this.contextRunner.withPropertyValues("spring.application.name=orders").run((context) -> {
			assertThat(clientConfiguration(context).getClientName()).contains("orders");
		});
	}

	@Test
	void clientNameWhenApplicationNameHasSpacesShouldReplaceThemBecauseClientSetnameRejectsSpaces() {
		this.contextRunner.withPropertyValues("spring.application.name=Order  Service ")
			.run((context) -> assertThat(clientConfiguration(context).getClientName()).contains("Order-Service"));
	}

	@Test
	void clientNameWhenClientNameSetShouldWinOverApplicationName() {
		this.contextRunner.withPropertyValues("spring.application.name=orders", "redis.client-name=orders-eu")
			.run((context) -> assertThat(clientConfiguration(context).getClientName()).contains("orders-eu"));
	}

	@Test
	void urlWhenSetShouldMapEndpointCredentialsAndDatabase() {
		this.contextRunner.withPropertyValues("redis.url=redis://app:s3cret@cache.example.com:6380/3")
			.run((context) -> {
				RedisStandaloneConfiguration standalone = factory(context).getStandaloneConfiguration();
				assertThat(standalone.getHostName()).isEqualTo("cache.example.com");
				assertThat(standalone.getPort()).isEqualTo(6380);
				assertThat(standalone.getDatabase()).isEqualTo(3);
				assertThat(standalone.getUsername()).isEqualTo("app");
				assertThat(standalone.getPassword().get()).isEqualTo("s3cret".toCharArray());
				assertThat(clientConfiguration(context).isUseSsl()).isFalse();
			});
	}

	@Test
	void environmentVariablesWhenSetShouldBindByRelaxedBinding() {
		this.contextRunner
			.withInitializer(environment(Map.of("REDIS_URL", "redis://env.example.com:6390", "REDIS_TLS", "true",
					"REDIS_PASSWORD", "from-env")))
			.run((context) -> {
				RedisStandaloneConfiguration standalone = factory(context).getStandaloneConfiguration();
				assertThat(standalone.getHostName()).isEqualTo("env.example.com");
				assertThat(standalone.getPort()).isEqualTo(6390);
				assertThat(clientConfiguration(context).isUseSsl()).isTrue();
				assertThat(context.getBean(RedisResilienceProperties.class).getPassword()).isEqualTo("from-env");
				assertThat(standalone.getPassword().get()).isEqualTo("from-env".toCharArray());
			});
	}

	@Test
	void passwordWhenUrlHasItsOwnShouldLoseToTheUrl() {
		this.contextRunner.withPropertyValues("redis.url=redis://app:in-url@h.example.com:6390", "redis.password=other")
			.run((context) -> {
				RedisStandaloneConfiguration standalone = factory(context).getStandaloneConfiguration();
				assertThat(standalone.getUsername()).isEqualTo("app");
				assertThat(standalone.getPassword().get()).isEqualTo("in-url".toCharArray());
			});
	}

	@Test
	void passwordWhenSetWithHostShouldBeUsed() {
		this.contextRunner.withInitializer(environment(Map.of("REDIS_HOST", "h.example.com", "REDIS_PASSWORD", "pw")))
			.run((context) -> {
				RedisStandaloneConfiguration standalone = factory(context).getStandaloneConfiguration();
				assertThat(standalone.getHostName()).isEqualTo("h.example.com");
				assertThat(standalone.getPassword().get()).isEqualTo("pw".toCharArray());
			});
	}

	@Test
	void tlsWhenRedissUrlShouldUseTlsWithFullVerification() {
		this.contextRunner.withPropertyValues("redis.url=rediss://cache.example.com:6380").run((context) -> {
			LettuceClientConfiguration configuration = clientConfiguration(context);
			assertThat(configuration.isUseSsl()).isTrue();
			assertThat(configuration.getVerifyMode()).isEqualTo(SslVerifyMode.FULL);
			assertThat(clientOptions(context).getSslOptions().getHandshakeTimeout()).isEqualTo(Duration.ofSeconds(2));
		});
	}

	@Test
	void tlsWhenVerifyModeCaOrNoneShouldMapToLettuce() {
		this.contextRunner.withPropertyValues("redis.url=rediss://h:6380", "redis.tls.verify-mode=ca")
			.run((context) -> assertThat(clientConfiguration(context).getVerifyMode()).isEqualTo(SslVerifyMode.CA));
		this.contextRunner.withPropertyValues("redis.url=rediss://h:6380", "redis.tls.verify-mode=none")
			.run((context) -> assertThat(clientConfiguration(context).getVerifyMode()).isEqualTo(SslVerifyMode.NONE));
	}

	@Test
	void tlsWhenEnabledWithPlainUrlShouldForceTls() {
		this.contextRunner.withPropertyValues("redis.url=redis://h:6380", "redis.tls.enabled=true")
			.run((context) -> assertThat(clientConfiguration(context).isUseSsl()).isTrue());
	}

	@Test
	void timeoutsKeepaliveAndReconnectWhenSetShouldMapToClientOptions() {
		this.contextRunner
			.withPropertyValues("redis.connect-timeout=750ms", "redis.command-timeout=1500ms",
					"redis.shutdown-timeout=250ms", "redis.keepalive.idle=20s", "redis.keepalive.interval=4s",
					"redis.keepalive.count=6", "redis.reconnect.enabled=false")
			.run((context) -> {
				LettuceClientConfiguration configuration = clientConfiguration(context);
				assertThat(configuration.getCommandTimeout()).isEqualTo(Duration.ofMillis(1500));
				assertThat(configuration.getShutdownTimeout()).isEqualTo(Duration.ofMillis(250));
				ClientOptions options = clientOptions(context);
				assertThat(options.getTimeoutOptions().isTimeoutCommands()).isTrue();
				assertThat(options.getDisconnectedBehavior()).isEqualTo(DisconnectedBehavior.REJECT_COMMANDS);
				assertThat(options.isAutoReconnect()).isFalse();
				SocketOptions socket = options.getSocketOptions();
				assertThat(socket.getConnectTimeout()).isEqualTo(Duration.ofMillis(750));
				assertThat(socket.isKeepAlive()).isTrue();
				assertThat(socket.getKeepAlive().getIdle()).isEqualTo(Duration.ofSeconds(20));
				assertThat(socket.getKeepAlive().getInterval()).isEqualTo(Duration.ofSeconds(4));
				assertThat(socket.getKeepAlive().getCount()).isEqualTo(6);
				// epoll is on the test class path, so TCP_USER_TIMEOUT is applied
				assertThat(socket.isEnableTcpUserTimeout()).isTrue();
				assertThat(socket.getTcpUserTimeout().getTcpUserTimeout()).isEqualTo(Duration.ofSeconds(10));
			});
	}

	@Test
	void poolWhenSetShouldMapToStatistics() {
		this.contextRunner.withPropertyValues("redis.pool.max-active=16").run((context) -> {
			assertThat(factory(context).getPoolStatistics().isPooled()).isTrue();
			assertThat(factory(context).getPoolStatistics().getMaxActive()).isEqualTo(16);
		});
		this.contextRunner.withPropertyValues("redis.pool.enabled=false")
			.run((context) -> assertThat(factory(context).getPoolStatistics().isPooled()).isFalse());
	}

	@Test
	void clusterWhenNodesSetShouldUseClusterWithTopologyRefresh() {
		this.contextRunner.withPropertyValues("redis.cluster.nodes=n1:7000,n2:7001", "redis.cluster.refresh-period=5s")
			.run((context) -> {
				ResilientLettuceConnectionFactory factory = factory(context);
				assertThat(factory.isClusterAware()).isTrue();
				assertThat(factory.getClusterConfiguration().getClusterNodes()).hasSize(2);
				ClusterClientOptions options = (ClusterClientOptions) clientOptions(context);
				assertThat(options.getTopologyRefreshOptions().isPeriodicRefreshEnabled()).isTrue();
				assertThat(options.getTopologyRefreshOptions().getRefreshPeriod()).isEqualTo(Duration.ofSeconds(5));
				assertThat(options.getTopologyRefreshOptions().getAdaptiveRefreshTriggers()).isNotEmpty();
			});
	}

	@Test
	void sentinelWhenMasterSetShouldUseSentinel() {
		this.contextRunner
			.withPropertyValues("redis.sentinel.master=mymaster", "redis.sentinel.nodes=s1:26379,s2:26379",
					"redis.password=pw")
			.run((context) -> {
				ResilientLettuceConnectionFactory factory = factory(context);
				assertThat(factory.isRedisSentinelAware()).isTrue();
				assertThat(factory.getSentinelConfiguration().getMaster().getName()).isEqualTo("mymaster");
				assertThat(factory.getSentinelConfiguration().getSentinels()).hasSize(2);
				assertThat(factory.getSentinelConfiguration().getPassword().get()).isEqualTo("pw".toCharArray());
			});
	}

	@Test
	void connectionDetailsWhenNoUrlOrHostShouldBeUsed() {
		this.contextRunner.withUserConfiguration(ConnectionDetailsConfiguration.class).run((context) -> {
			RedisStandaloneConfiguration standalone = factory(context).getStandaloneConfiguration();
			assertThat(standalone.getHostName()).isEqualTo("details.example.com");
			assertThat(standalone.getPort()).isEqualTo(6400);
			assertThat(standalone.getDatabase()).isEqualTo(2);
			assertThat(standalone.getPassword().get()).isEqualTo("details-pw".toCharArray());
		});
	}

	@Test
	void connectionDetailsWhenUrlSetShouldBeIgnored() {
		this.contextRunner.withUserConfiguration(ConnectionDetailsConfiguration.class)
			.withPropertyValues("redis.url=redis://url.example.com:6500")
			.run((context) -> assertThat(factory(context).getHostName()).isEqualTo("url.example.com"));
	}

	@Test
	void springDataRedisPropertiesWhenNoUrlOrHostShouldBeUsed() {
		this.contextRunner.withPropertyValues("spring.data.redis.host=boot.example.com", "spring.data.redis.port=6411")
			.run((context) -> {
				assertThat(factory(context).getHostName()).isEqualTo("boot.example.com");
				assertThat(factory(context).getPort()).isEqualTo(6411);
			});
	}

	private static ApplicationContextInitializer<ConfigurableApplicationContext> environment(
			Map<String, Object> variables) {
		return (context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource("test-environment", variables));
	}

	private static ResilientLettuceConnectionFactory factory(ConfigurableApplicationContext context) {
		return context.getBean(ResilientLettuceConnectionFactory.class);
	}

	private static LettuceClientConfiguration clientConfiguration(ConfigurableApplicationContext context) {
		return factory(context).getClientConfiguration();
	}

	private static ClientOptions clientOptions(ConfigurableApplicationContext context) {
		return clientConfiguration(context).getClientOptions().orElseThrow();
	}

	@Configuration(proxyBeanMethods = false)
	static class UserConnectionFactoryConfiguration {

		final LettuceConnectionFactory factory = new LettuceConnectionFactory();

		@Bean
		RedisConnectionFactory userConnectionFactory() {
			return this.factory;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserClientResourcesConfiguration {

		@Bean(destroyMethod = "shutdown")
		ClientResources userClientResources() {
			return ClientResources.create();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizerConfiguration {

		boolean clientResourcesCustomized;

		@Bean
		LettuceClientConfigurationBuilderCustomizer clientNameCustomizer() {
			return (builder) -> builder.clientName("customized");
		}

		@Bean
		LettuceClientOptionsBuilderCustomizer requestQueueCustomizer() {
			return (builder) -> builder.requestQueueSize(4242);
		}

		@Bean
		ClientResourcesBuilderCustomizer clientResourcesCustomizer() {
			return (builder) -> this.clientResourcesCustomized = true;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ConnectionDetailsConfiguration {

		@Bean
		DataRedisConnectionDetails redisConnectionDetails() {
			return new DataRedisConnectionDetails() {

				@Override
				public String getPassword() {
					return "details-pw";
				}

				@Override
				public Standalone getStandalone() {
					return Standalone.of("details.example.com", 6400, 2);
				}

			};
		}

	}

}
