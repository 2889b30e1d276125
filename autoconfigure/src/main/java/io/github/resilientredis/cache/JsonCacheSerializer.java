package io.github.resilientredis.cache;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.TypeFactory;

import org.springframework.data.redis.serializer.GenericJacksonJsonRedisSerializer;
import org.springframework.data.redis.serializer.JacksonObjectReader;
import org.springframework.data.redis.serializer.JacksonObjectWriter;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.util.Assert;

/**
 * The JSON serializer of cache values: Spring Data Redis' Jackson 3
 * {@link GenericJacksonJsonRedisSerializer} with its default typing (the class name in an
 * {@code @class} property, so records, collections and nested values read back as they
 * were written), restricted to trusted packages ({@link TrustedPackagesTypeValidator}): a
 * type id naming any other class is refused before the class is loaded, so whoever can write to Redis cannot make the
 * application initialize or build arbitrary classes.
 * <p>
 * Two changes to how the serializer reads and writes the top-level value:
 * <ul>
 * <li>it is written as {@code Object}, so a root value of a final JDK type
 * ({@code List.of()}, {@code stream().toList()}, {@code Map.of()}) carries its type id
 * too; Spring Data Redis leaves those untyped, and they could not be read back;</li>
 * <li>it is read as {@code Object} through Jackson's own type handling, which checks the
 * type id with the {@code PolymorphicTypeValidator} first. Spring Data Redis resolves a
 * top-level {@code @class} by name before Jackson sees it, which loads and initializes
 * any class it names and reads a {@code Map.of()} back with its type id as an entry.</li>
 * </ul>
 */
final class JsonCacheSerializer extends GenericJacksonJsonRedisSerializer {

	/** JDK packages of typical cache values: collections, boxed primitives, strings, dates, big numbers. */
	private static final String[] JDK_PACKAGES = { "java.lang", "java.util", "java.time", "java.math" };

	private static final JacksonObjectWriter WRITER = (mapper, value) -> mapper.writerFor(Object.class)
		.writeValueAsBytes(value);

	private final ObjectMapper mapper;

	private JsonCacheSerializer(ObjectMapper mapper) {
		super(mapper, JacksonObjectReader.create(), WRITER);
		this.mapper = mapper;
	}

	static RedisSerializer<Object> create(ClassLoader classLoader, Collection<String> trustedPackages) {
		Set<String> packages = new LinkedHashSet<>(Arrays.asList(JDK_PACKAGES));
		packages.addAll(trustedPackages);
		// the mapper exactly as Spring Data Redis configures default typing (its type
		// resolver builder is private), taken when the builder hands it to the customizer
		AtomicReference<JsonMapper.Builder> configured = new AtomicReference<>();
		GenericJacksonJsonRedisSerializer.builder()
			.enableDefaultTyping(new TrustedPackagesTypeValidator(packages))
			.customize((builder) -> configured
				.set(builder.typeFactory(TypeFactory.createDefaultInstance().withClassLoader(classLoader))))
			.build();
		Assert.state(configured.get() != null, "GenericJacksonJsonRedisSerializer did not apply the customizer");
		return new JsonCacheSerializer(configured.get().build());
	}

	@Override
	protected JavaType resolveType(byte[] source, Class<?> type) {
		return this.mapper.constructType(type);
	}

}
