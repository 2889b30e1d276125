package io.github.resilientredis.cache;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.data.redis.serializer.SerializationException;

import io.github.resilientredis.cache.untrusted.StaticInitializerProbe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link JsonCacheSerializer} and {@link TrustedPackagesTypeValidator}: what JSON
 * may name, and JDK values round-trip.
 */
class JsonCacheSerializerTests {

	// a class literal loads the class without initializing it
	private static final String PROBE = StaticInitializerProbe.class.getName();

	private final RedisSerializer<Object> serializer = JsonCacheSerializer.create(getClass().getClassLoader(),
			List.of(getClass().getPackageName() + ".trusted"));

	@Test
	void deserializeWhenRootNamesUntrustedClassShouldRefuseItWithoutInitializingIt() {
		byte[] json = ("{\"@class\":\"" + PROBE + "\"}").getBytes(StandardCharsets.UTF_8);
		assertThatExceptionOfType(SerializationException.class).isThrownBy(() -> this.serializer.deserialize(json));
		// a constant: compiled into this class, reading it does not initialize the probe
		assertThat(System.getProperty(StaticInitializerProbe.INITIALIZED))
			.as("static initializer of an untrusted class ran").isNull();
	}

	@Test
	void deserializeWhenNestedValueNamesUntrustedClassShouldRefuseIt() {
		byte[] json = ("[\"java.util.ArrayList\",[{\"@class\":\"" + PROBE + "\"}]]").getBytes(StandardCharsets.UTF_8);
		assertThatExceptionOfType(SerializationException.class).isThrownBy(() -> this.serializer.deserialize(json));
	}

	@Test
	void trustedPackagesShouldMatchSubPackagesAndArraysOnly() {
		TrustedPackagesTypeValidator validator = new TrustedPackagesTypeValidator(List.of("com.example"));
		assertThat(validator.isTrusted("com.example.Product")).isTrue();
		assertThat(validator.isTrusted("com.example.catalog.Product$Price")).isTrue();
		assertThat(validator.isTrusted("[Lcom.example.Product;")).isTrue();
		assertThat(validator.isTrusted("[[J")).isTrue();
		assertThat(validator.isTrusted("com.examplex.Product")).isFalse();
		assertThat(validator.isTrusted("[Lorg.acme.Gadget;")).isFalse();
		assertThat(validator.isTrusted("Lcom.example.Product;")).isFalse();
		assertThat(validator.isTrusted("J")).isFalse();
	}

	@Test
	void serializeWhenJdkValuesShouldRoundTrip() {
		for (Object value : List.of("text", 42, List.of("a", "b"), Map.of("k", List.of(1, 2)), Duration.ofSeconds(5),
				new BigDecimal("9.99"), new ArrayList<>(List.of("x")))) {
			assertThat(this.serializer.deserialize(this.serializer.serialize(value))).isEqualTo(value);
		}
	}

}
