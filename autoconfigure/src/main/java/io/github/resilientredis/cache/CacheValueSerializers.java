package io.github.resilientredis.cache;

import java.util.Collection;

import org.springframework.data.redis.serializer.JdkSerializationRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializer;

/**
 * The serializers of cache values the starter offers: a {@link CacheValueFormat},
 * optionally gzip-compressed from a size on.
 */
public final class CacheValueSerializers {

	private CacheValueSerializers() {
	}

	/**
	 * Create the serializer of cache values.
	 * @param format the format of values in Redis
	 * @param classLoader the class loader of the application's value classes
	 * @param trustedPackages packages (besides {@code java.lang}, {@code java.util},
	 * {@code java.time}, {@code java.math}) whose classes JSON may name; ignored by
	 * {@link CacheValueFormat#JAVA}
	 * @param compressionThreshold size in bytes from which values are gzip-compressed;
	 * negative never to compress
	 * @return the serializer; it reads compressed and uncompressed values alike
	 */
	public static RedisSerializer<Object> create(CacheValueFormat format, ClassLoader classLoader,
			Collection<String> trustedPackages, long compressionThreshold) {
		RedisSerializer<Object> serializer = switch (format) {
			case JAVA -> new JdkSerializationRedisSerializer(classLoader);
			case JSON -> JsonCacheSerializer.create(classLoader, trustedPackages);
		};
		return new DecodeOnceSerializer(new GzipRedisSerializer(serializer, compressionThreshold));
	}

}
