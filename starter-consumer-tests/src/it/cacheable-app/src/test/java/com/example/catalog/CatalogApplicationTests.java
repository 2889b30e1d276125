package com.example.catalog;

import io.github.resilientredis.connection.ResilientLettuceConnectionFactory;
import io.github.resilientredis.test.RedisServer;
import io.github.resilientredis.test.WithRedisServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application as a user builds it: the starter is active against a real Redis.
 */
@SpringBootTest
@WithRedisServer(requirePass = "s3cret")
class CatalogApplicationTests {

	@Autowired
	RedisConnectionFactory connectionFactory;

	@Autowired
	HealthEndpoint health;

	@Autowired
	PriceService prices;

	@Test
	void connectionFactoryShouldBeTheStarters() {
		assertThat(this.connectionFactory).isInstanceOf(ResilientLettuceConnectionFactory.class);
	}

	@Test
	void redisHealthShouldBeUp() {
		assertThat(this.health.healthForPath("redis").getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void cacheableShouldStoreTheValueInRedis(RedisServer redis) {
		assertThat(this.prices.price("sku-1")).isEqualTo("sku-1:9.99");
		assertThat(this.prices.price("sku-1")).isEqualTo("sku-1:9.99");
		assertThat(this.prices.lookups()).isEqualTo(1);
		assertThat(redis.admin().keys("*sku-1*")).singleElement().asString().contains("prices");
	}

}
