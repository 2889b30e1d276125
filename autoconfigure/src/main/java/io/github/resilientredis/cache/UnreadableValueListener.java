package io.github.resilientredis.cache;

/**
 * Told of every cached value its cache could not read and treated as a miss.
 */
@FunctionalInterface
public interface UnreadableValueListener {

	/**
	 * A listener that does nothing.
	 */
	UnreadableValueListener NONE = (cacheName) -> {
	};

	/**
	 * A value of the cache could not be read.
	 * @param cacheName the cache's name
	 */
	void unreadable(String cacheName);

}
