package io.github.resilientredis.connection;

import java.util.function.Supplier;

import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.RedisConnection;

/**
 * Wraps the acquisition of every connection the {@link ResilientLettuceConnectionFactory}
 * hands out, and the connection itself. The resilience layer implements it to put every
 * command behind a circuit breaker; the default passes through.
 */
public interface ConnectionInterceptor {

	/**
	 * A pass-through interceptor.
	 */
	ConnectionInterceptor NONE = new ConnectionInterceptor() {
	};

	/**
	 * Acquire a standalone (or sentinel-managed) connection.
	 * @param acquire obtains the connection from the underlying factory
	 * @return the connection to give to the caller
	 */
	default RedisConnection intercept(Supplier<RedisConnection> acquire) {
		return acquire.get();
	}

	/**
	 * Acquire a cluster connection.
	 * @param acquire obtains the connection from the underlying factory
	 * @return the connection to give to the caller
	 */
	default RedisClusterConnection interceptCluster(Supplier<RedisClusterConnection> acquire) {
		return acquire.get();
	}

}
