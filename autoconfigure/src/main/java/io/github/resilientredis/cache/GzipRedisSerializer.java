package io.github.resilientredis.cache;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.data.redis.serializer.SerializationException;

/**
 * A {@link RedisSerializer} that gzip-compresses what its delegate writes when it is at
 * least {@code threshold} bytes long, and reads both forms back: a value that starts with
 * gzip's magic bytes is decompressed first, whatever the threshold is now. Neither JDK
 * serialization ({@code AC ED}) nor JSON can start with gzip's {@code 1F 8B}, so no extra
 * header is needed and switching compression on or off never makes stored values
 * unreadable.
 */
public final class GzipRedisSerializer implements RedisSerializer<Object> {

	/** Largest value a compressed entry may inflate to (64 MB); a larger one is a miss. */
	static final int MAX_INFLATED_BYTES = 64 * 1024 * 1024;

	private final RedisSerializer<Object> delegate;

	private final long threshold;

	/**
	 * Decorate a serializer.
	 * @param delegate writes and reads the uncompressed form
	 * @param threshold size in bytes from which values are compressed; negative never to
	 * compress (compressed values are still read)
	 */
	public GzipRedisSerializer(RedisSerializer<Object> delegate, long threshold) {
		this.delegate = delegate;
		this.threshold = threshold;
	}

	@Override
	public byte[] serialize(@Nullable Object value) throws SerializationException {
		byte[] bytes = this.delegate.serialize(value);
		if (bytes == null || this.threshold < 0 || bytes.length < this.threshold) {
			return bytes;
		}
		ByteArrayOutputStream compressed = new ByteArrayOutputStream(bytes.length / 2 + 32);
		try (GZIPOutputStream out = new GZIPOutputStream(compressed)) {
			out.write(bytes);
		}
		catch (IOException ex) {
			throw new SerializationException("Could not compress a cache value", ex);
		}
		return compressed.toByteArray();
	}

	@Override
	public @Nullable Object deserialize(byte @Nullable [] bytes) throws SerializationException {
		return this.delegate.deserialize(isCompressed(bytes) ? decompress(bytes) : bytes);
	}

	/** Whether stored bytes start with gzip's magic number. */
	public static boolean isCompressed(byte @Nullable [] bytes) {
		return bytes != null && bytes.length >= 2 && bytes[0] == (byte) GZIPInputStream.GZIP_MAGIC
				&& bytes[1] == (byte) (GZIPInputStream.GZIP_MAGIC >> 8);
	}

	private static byte[] decompress(byte[] bytes) {
		try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
			// a few KB of gzip can inflate to gigabytes: stop at the limit instead of running
			// out of memory on a value someone else wrote (a miss, as any unreadable value)
			byte[] inflated = in.readNBytes(MAX_INFLATED_BYTES + 1);
			if (inflated.length > MAX_INFLATED_BYTES) {
				throw new SerializationException("A gzip cache value inflates beyond " + (MAX_INFLATED_BYTES >> 20)
						+ " MB; it is read as a miss");
			}
			return inflated;
		}
		catch (IOException ex) {
			throw new SerializationException("Could not decompress a gzip cache value", ex);
		}
	}

	@Override
	public Class<?> getTargetType() {
		return this.delegate.getTargetType();
	}

}
