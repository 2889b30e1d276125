package io.github.resilientredis.cache;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A small caching application whose values are records and lists of records. Its package
 * is registered like a {@code @SpringBootApplication}'s, so JSON values may name its
 * classes without {@code redis.cache.json.trusted-packages}.
 */
@Configuration(proxyBeanMethods = false)
@EnableCaching
@AutoConfigurationPackage
class CacheValueTestApplication {

	@Bean
	ProductService productService() {
		return new ProductService();
	}

	@Bean
	SimpleMeterRegistry meterRegistry() {
		return new SimpleMeterRegistry();
	}

	/**
	 * A cached value: a record with a nested list and a big decimal.
	 */
	record Product(String id, String name, String description, BigDecimal price,
			List<String> tags) implements Serializable {

	}

	/**
	 * The "database" behind the cache, and the cached methods.
	 */
	static class ProductService {

		final Map<String, String> descriptions = new ConcurrentHashMap<>();

		private final AtomicInteger loads = new AtomicInteger();

		@Cacheable(cacheNames = "products", key = "#id")
		public Product find(String id) {
			return load(id);
		}

		@Cacheable(cacheNames = "products", key = "'sync-' + #id", sync = true)
		public Product findSync(String id) {
			return load(id);
		}

		@Cacheable(cacheNames = "catalogs", key = "#name")
		public List<Product> catalog(String name) {
			this.loads.incrementAndGet();
			return List.of("1", "2", "3").stream().map(this::product).toList();
		}

		@CacheEvict(cacheNames = "products", key = "#id")
		public void describe(String id, String description) {
			this.descriptions.put(id, description);
		}

		int loadCount() {
			return this.loads.get();
		}

		private Product load(String id) {
			this.loads.incrementAndGet();
			return product(id);
		}

		private Product product(String id) {
			return new Product(id, "product " + id, this.descriptions.getOrDefault(id, "short"),
					new BigDecimal("9.99"), List.of("tag-" + id));
		}

	}

}
