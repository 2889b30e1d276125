package io.github.resilientredis.cache;

/**
 * How cache values are written to Redis.
 */
public enum CacheValueFormat {

	/**
	 * JDK serialization (Spring Data Redis' default): any {@code Serializable} value,
	 * opaque in redis-cli.
	 */
	JAVA,

	/**
	 * JSON with the class name of each non-final value ({@code @class}), readable in
	 * redis-cli; only classes of trusted packages are read back.
	 */
	JSON

}
