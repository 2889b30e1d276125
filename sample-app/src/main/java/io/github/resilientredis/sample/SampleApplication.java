package io.github.resilientredis.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * A small web application caching a slow product catalogue in Redis through the
 * resilient Redis starter: point {@code REDIS_URL} at a Redis server and run it, or run
 * {@code TestSampleApplication} (the tests' class path) to get a dev-time Redis and the
 * chaos buttons of the status page.
 */
@SpringBootApplication
@EnableCaching
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

	@Bean
	static RedisEndpointRequirement redisEndpointRequirement(Environment environment) {
		return new RedisEndpointRequirement(environment);
	}

}
