package io.github.resilientredis.sample;

/**
 * One answer to a product read, with where it came from and how long it took: what the
 * status page shows for each request.
 *
 * @param product the product
 * @param source where the answer came from
 * @param durationMicros how long the read took, in microseconds
 */
public record ProductAnswer(Product product, Source source, long durationMicros) {

	/**
	 * Where a product answer came from.
	 */
	public enum Source {

		/** The Redis cache answered. */
		REDIS,
		/** The cache missed (or could not be asked) and the database answered. */
		DATABASE,
		/** Redis was unavailable and the starter's local fallback answered. */
		LOCAL_FALLBACK

	}

}
