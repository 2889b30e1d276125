package io.github.resilientredis.sample;

import org.springframework.cache.annotation.CachePut;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;

/**
 * Read-through cache over the {@link ProductDatabase}: reads are served from Redis after
 * the first one, updates write through and refresh the cached entry.
 */
@Service
public class ProductService {

	static final String CACHE = "products";

	private final ProductDatabase database;

	public ProductService(ProductDatabase database) {
		this.database = database;
	}

	@Cacheable(cacheNames = CACHE, key = "#id")
	public Product find(long id) {
		return this.database.findById(id).orElseThrow(() -> new ProductNotFoundException(id));
	}

	@CachePut(cacheNames = CACHE, key = "#product.id()")
	public Product update(Product product) {
		return this.database.save(product);
	}

}
