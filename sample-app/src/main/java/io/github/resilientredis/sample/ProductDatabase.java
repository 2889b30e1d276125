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

	// a cached method runs on the caller's thread: a per-thread count tells each request
	// whether it reached the database, also under concurrent requests
	private final ThreadLocal<long[]> readsOnThread = ThreadLocal.withInitial(() -> new long[1]);

	public ProductDatabase() {
		save(new Product(1, "Espresso machine", new BigDecimal("249.00")));
		save(new Product(2, "Coffee grinder", new BigDecimal("89.90")));
		save(new Product(3, "Milk frother", new BigDecimal("39.50")));
	}

	public Optional<Product> findById(long id) {
		this.reads.incrementAndGet();
		this.readsOnThread.get()[0]++;
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

	/**
	 * Number of reads that reached the database from the current thread.
	 * @return the read count of this thread
	 */
	public long readsOnCurrentThread() {
		return this.readsOnThread.get()[0];
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
