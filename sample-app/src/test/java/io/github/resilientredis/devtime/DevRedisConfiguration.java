package io.github.resilientredis.devtime;

import io.github.resilientredis.test.RedisServer;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Dev-time services of the sample app, Spring Boot's {@code TestXxxApplication} way: a
 * local Redis started for the application and closed with it, its
 * {@link DataRedisConnectionDetails} (which the starter honours when {@code redis.url} is
 * not set), and the chaos buttons under {@code /dev/redis}.
 * <p>
 * Kept outside the application's package so its component scan never finds these beans:
 * they exist only where this configuration is added ({@code TestSampleApplication},
 * tests).
 */
@TestConfiguration(proxyBeanMethods = false)
public class DevRedisConfiguration {

	@Bean(destroyMethod = "close")
	DevRedis devRedis() {
		return DevRedis.start(() -> RedisServer.builder().start());
	}

	@Bean
	DataRedisConnectionDetails devRedisConnectionDetails(DevRedis devRedis) {
		return devRedis.connectionDetails();
	}

	@Bean
	DevRedisController devRedisController(DevRedis devRedis) {
		return new DevRedisController(devRedis);
	}

}
