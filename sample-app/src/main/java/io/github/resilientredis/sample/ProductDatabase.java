package io.github.resilientredis.sample;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Repository;

/**
 * A deliberately slow in-memory "database" (200 ms per call), standing in for the
 * expensive system a cache protects.
 */
@Repository
public class ProductDatabase {

	private static final Duration LATENCY = Duration.ofMillis(200);

	private final Map<Long, Product> products = new ConcurrentHashMap<>();

	private final AtomicLong reads = new AtomicLong();

	public ProductDatabase() {
		save(new Product(1, "Espresso machine", new BigDecimal("249.00")));
		save(new Product(2, "Coffee grinder", new BigDecimal("89.90")));
		save(new Product(3, "Milk frother", new BigDecimal("39.50")));
	}

	public Optional<Product> findById(long id) {
		this.reads.incrementAndGet();
		simulateLatency();
		return Optional.ofNullable(this.products.get(id));
	}

	public Product save(Product product) {
		this.products.put(product.id(), product);
		return product;
	}

	/**
	 * Number of reads that reached the database (cache misses).
	 * @return the read count
	 */
	public long reads() {
		return this.reads.get();
	}

	private static void simulateLatency() {
		try {
			Thread.sleep(LATENCY.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
