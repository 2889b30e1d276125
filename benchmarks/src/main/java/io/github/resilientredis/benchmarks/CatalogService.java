package io.github.resilientredis.benchmarks;

import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;

/**
 * The application code both configurations run: a read-through {@code @Cacheable} lookup and an
 * update that evicts.
 */
public class CatalogService {

	/** Cache name used by the benchmarks. */
	public static final String CACHE = "items";

	private final Catalog catalog;

	public CatalogService(Catalog catalog) {
		this.catalog = catalog;
	}

	/**
	 * Read an item through the cache.
	 * @param id the item id
	 * @return {@code id@version}
	 */
	@Cacheable(cacheNames = CACHE)
	public String find(String id) {
		return this.catalog.load(id);
	}

	/**
	 * Write a new version of an item and evict it from the cache.
	 * @param id the item id
	 */
	@CacheEvict(cacheNames = CACHE)
	public void update(String id) {
		this.catalog.bump(id);
	}

}
