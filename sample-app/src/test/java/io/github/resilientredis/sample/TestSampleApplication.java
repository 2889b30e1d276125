package io.github.resilientredis.sample;

import io.github.resilientredis.devtime.DevRedisConfiguration;

import org.springframework.boot.SpringApplication;

/**
 * The sample app with a dev-time Redis and the chaos buttons of its status page:
 * {@code ./mvnw -pl sample-app -am spring-boot:test-run}, then open
 * http://localhost:8080.
 */
public class TestSampleApplication {

	public static void main(String[] args) {
		SpringApplication.from(SampleApplication::main).with(DevRedisConfiguration.class).run(args);
	}

}
