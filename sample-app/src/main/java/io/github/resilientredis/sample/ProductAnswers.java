package io.github.resilientredis.sample;

import io.github.resilientredis.resilience.ResilienceStatus;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Reads a product through the cached {@link ProductService} and tells where the answer
 * came from: the database when the cached method ran, the local fallback when it did not
 * and the fallback was serving before and after the call (while it serves, cache reads
 * are answered locally only), Redis otherwise.
 */
@Service
public class ProductAnswers {

	private final ProductService service;

	private final ProductDatabase database;

	private final ObjectProvider<ResilienceStatus> resilienceStatus;

	public ProductAnswers(ProductService service, ProductDatabase database,
			ObjectProvider<ResilienceStatus> resilienceStatus) {
		this.service = service;
		this.database = database;
		this.resilienceStatus = resilienceStatus;
	}

	/**
	 * Read a product and say where the answer came from.
	 * @param id the product id
	 * @return the answer
	 * @throws ProductNotFoundException when there is no such product
	 */
	public ProductAnswer find(long id) {
		boolean fallbackBefore = isFallbackActive();
		long databaseReads = this.database.readsOnCurrentThread();
		long start = System.nanoTime();
		Product product = this.service.find(id);
		long durationMicros = (System.nanoTime() - start) / 1_000;
		return new ProductAnswer(product, source(fallbackBefore, databaseReads), durationMicros);
	}

	private ProductAnswer.Source source(boolean fallbackBefore, long databaseReadsBefore) {
		if (this.database.readsOnCurrentThread() != databaseReadsBefore) {
			return ProductAnswer.Source.DATABASE;
		}
		if (fallbackBefore && isFallbackActive()) {
			return ProductAnswer.Source.LOCAL_FALLBACK;
		}
		return ProductAnswer.Source.REDIS;
	}

	private boolean isFallbackActive() {
		ResilienceStatus status = this.resilienceStatus.getIfAvailable();
		return status != null && status.isFallbackActive();
	}

}
