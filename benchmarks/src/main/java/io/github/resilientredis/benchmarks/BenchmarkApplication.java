package io.github.resilientredis.benchmarks;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;

/**
 * The application under test, identical for both configurations; {@link Variant} adds what differs.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@EnableCaching
public class BenchmarkApplication {

	@Bean
	Catalog catalog() {
		return new Catalog();
	}

	@Bean
	CatalogService catalogService(Catalog catalog) {
		return new CatalogService(catalog);
	}

}
