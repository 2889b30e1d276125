package io.github.resilientredis.resilience;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * A small caching application for the resilience integration tests.
 */
@Configuration(proxyBeanMethods = false)
@EnableCaching
class ResilienceTestApplication {

	@Bean
	StringRedisTemplate stringRedisTemplate(RedisConnectionFactory factory) {
		return new StringRedisTemplate(factory);
	}

	@Bean
	BookService bookService() {
		return new BookService();
	}

	/**
	 * The "database" behind the cache, and the cached methods.
	 */
	static class BookService {

		final Map<String, String> database = new ConcurrentHashMap<>();

		final AtomicInteger loads = new AtomicInteger();

		@Cacheable("books")
		public String find(String id) {
			this.loads.incrementAndGet();
			return this.database.getOrDefault(id, "book-" + id);
		}

		@Cacheable(cacheNames = "books", sync = true)
		public String findSync(String id) {
			this.loads.incrementAndGet();
			return this.database.getOrDefault(id, "book-" + id);
		}

		public int loadCount() {
			return this.loads.get();
		}

		@CacheEvict(cacheNames = "books", key = "#id")
		public void update(String id, String title) {
			this.database.put(id, title);
		}

		@CacheEvict(cacheNames = "books", allEntries = true)
		public void updateAll(Map<String, String> titles) {
			this.database.putAll(titles);
		}

	}

}
