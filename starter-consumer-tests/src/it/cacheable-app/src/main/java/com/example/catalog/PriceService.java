package com.example.catalog;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;

/**
 * A slow lookup worth caching in Redis.
 */
@Service
public class PriceService {

	private final AtomicInteger lookups = new AtomicInteger();

	@Cacheable("prices")
	public String price(String sku) {
		this.lookups.incrementAndGet();
		return sku + ":9.99";
	}

	public int lookups() {
		return this.lookups.get();
	}

}
