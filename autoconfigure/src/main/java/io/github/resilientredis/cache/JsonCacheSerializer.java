package io.github.resilientredis.cache;

import java.util.Collection;

import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import tools.jackson.databind.type.TypeFactory;

import org.springframework.data.redis.serializer.GenericJacksonJsonRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializer;

/**
 * Builds the JSON serializer of cache values: Spring Data Redis' Jackson 3
 * {@link GenericJacksonJsonRedisSerializer} with default typing (the class name in an
 * {@code @class} property, so records, collections and nested values read back as they
 * were written), restricted to trusted packages: a polymorphic type id naming any other
 * class is refused instead of instantiated, so whoever can write to Redis cannot make the
 * application build arbitrary objects.
 */
final class JsonCacheSerializer {

	/**
	 * Packages of the JDK value types a cache typically holds (collections, boxed
	 * primitives, strings, dates, big numbers).
	 */
	static final String[] JDK_PACKAGES = { "java.lang", "java.util", "java.time", "java.math" };

	private JsonCacheSerializer() {
	}

	static RedisSerializer<Object> create(ClassLoader classLoader, Collection<String> trustedPackages) {
		BasicPolymorphicTypeValidator.Builder types = BasicPolymorphicTypeValidator.builder().allowIfSubTypeIsArray();
		for (String jdkPackage : JDK_PACKAGES) {
			types.allowIfSubType(jdkPackage + ".");
		}
		for (String trusted : trustedPackages) {
			types.allowIfSubType(trusted + ".");
		}
		return GenericJacksonJsonRedisSerializer.builder()
			.enableDefaultTyping(types.build())
			// written as Object, so a root value of a final JDK type (List.of(), stream().toList())
			// carries its type id too and reads back as a list, not as a type-less array
			.writer((mapper, value) -> mapper.writerFor(Object.class).writeValueAsBytes(value))
			.customize((mapper) -> mapper.typeFactory(TypeFactory.createDefaultInstance().withClassLoader(classLoader)))
			.build();
	}

}
