package io.github.resilientredis.cache;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.data.redis.serializer.SerializationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link GzipRedisSerializer}: compression from the threshold on, and reading
 * both forms whatever the threshold is.
 */
class GzipRedisSerializerTests {

	private static final byte[] GZIP_MAGIC = { (byte) 0x1f, (byte) 0x8b };

	private final RedisSerializer<Object> java = RedisSerializer.java();

	@Test
	void serializeWhenValueAtThresholdShouldCompressAndReadBack() {
		String value = "x".repeat(200);
		int size = this.java.serialize(value).length;
		GzipRedisSerializer serializer = new GzipRedisSerializer(this.java, size);
		byte[] bytes = serializer.serialize(value);
		assertThat(bytes).startsWith(GZIP_MAGIC).hasSizeLessThan(size);
		assertThat(serializer.deserialize(bytes)).isEqualTo(value);
	}

	@Test
	void serializeWhenValueBelowThresholdShouldStoreItAsIs() {
		String value = "x".repeat(200);
		byte[] plain = this.java.serialize(value);
		GzipRedisSerializer serializer = new GzipRedisSerializer(this.java, plain.length + 1);
		assertThat(serializer.serialize(value)).isEqualTo(plain);
	}

	@Test
	void deserializeWhenCompressionOffShouldStillReadCompressedValues() {
		byte[] compressed = new GzipRedisSerializer(this.java, 0).serialize("value");
		GzipRedisSerializer off = new GzipRedisSerializer(this.java, -1);
		assertThat(off.serialize("value")).isEqualTo(this.java.serialize("value"));
		assertThat(off.deserialize(compressed)).isEqualTo("value");
	}

	@Test
	void deserializeWhenGzipMagicButCorruptShouldThrowSerializationException() {
		byte[] corrupt = { (byte) 0x1f, (byte) 0x8b, 1, 2, 3 };
		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> new GzipRedisSerializer(this.java, -1).deserialize(corrupt));
	}

	@Test
	void isCompressedShouldRecogniseOnlyGzipMagic() {
		assertThat(GzipRedisSerializer.isCompressed(new GzipRedisSerializer(this.java, 0).serialize("v"))).isTrue();
		assertThat(GzipRedisSerializer.isCompressed(this.java.serialize("v"))).isFalse();
		assertThat(GzipRedisSerializer.isCompressed("{}".getBytes(StandardCharsets.UTF_8))).isFalse();
		assertThat(GzipRedisSerializer.isCompressed(new byte[] { 0x1f })).isFalse();
		assertThat(GzipRedisSerializer.isCompressed(null)).isFalse();
	}

	@Test
	void deserializeWhenValueInflatesBeyondTheLimitShouldFailInsteadOfFillingTheHeap() throws IOException {
		// 65 MB of zeros: about 64 KB of gzip, the shape of a decompression bomb
		ByteArrayOutputStream bomb = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(bomb)) {
			byte[] zeros = new byte[1024 * 1024];
			for (int i = 0; i < 65; i++) {
				gzip.write(zeros);
			}
		}
		GzipRedisSerializer serializer = new GzipRedisSerializer(this.java, 0);
		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> serializer.deserialize(bomb.toByteArray()))
			.withMessageContaining("inflates beyond 64 MB");
	}

}
