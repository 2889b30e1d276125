package io.github.resilientredis.benchmarks;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The "database" behind the cached service: an in-memory map of item versions, so a reader can tell
 * a current value from a stale one.
 */
public class Catalog {

	private final ConcurrentMap<String, Long> versions = new ConcurrentHashMap<>();

	private final LongAdder loads = new LongAdder();

	/**
	 * Load an item as the cached method does on a miss.
	 * @param id the item id
	 * @return {@code id@version}
	 */
	public String load(String id) {
		this.loads.increment();
		return current(id);
	}

	/**
	 * The current value of an item, without counting a load.
	 * @param id the item id
	 * @return {@code id@version}
	 */
	public String current(String id) {
		return id + "@" + this.versions.getOrDefault(id, 0L);
	}

	/**
	 * Write a new version of an item.
	 * @param id the item id
	 */
	public void bump(String id) {
		this.versions.merge(id, 1L, Long::sum);
	}

	/**
	 * How many times the cached method fell through to the database.
	 * @return the number of loads
	 */
	public long loads() {
		return this.loads.sum();
	}

}
