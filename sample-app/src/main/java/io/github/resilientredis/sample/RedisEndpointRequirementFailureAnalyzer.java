package io.github.resilientredis.sample;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import io.github.resilientredis.sample.RedisEndpointRequirement.MissingRedisEndpointException;

/**
 * Reports a sample started without a Redis endpoint as Boot's "APPLICATION FAILED TO
 * START" description and action, instead of the stack trace of the bean factory post
 * processor that refused it.
 */
class RedisEndpointRequirementFailureAnalyzer extends AbstractFailureAnalyzer<MissingRedisEndpointException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MissingRedisEndpointException cause) {
		return new FailureAnalysis("The sample app has no Redis endpoint: none of REDIS_URL, redis.url, redis.host, "
				+ "redis.sentinel.master, redis.cluster.nodes (or their spring.data.redis.* twins) is set, and it "
				+ "does not fall back to localhost:6379.",
				"Set REDIS_URL (for example REDIS_URL=redis://my-redis:6379 java -jar "
						+ "sample-app/target/resilient-redis-sample-app-*.jar), or run it with a dev-time Redis "
						+ "started for you: ./mvnw -pl sample-app -am spring-boot:test-run",
				cause);
	}

}
