package io.github.resilientredis.cache;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.data.redis.serializer.SerializationException;

/**
 * A cache value serializer that decodes a cache hit once instead of twice:
 * {@link UnreadableValueCacheWriter} decodes each value it reads to check that it is
 * readable, and {@code RedisCache} decodes the same bytes right after on the same thread.
 * The value the check decoded (and only such a value, see {@link #check(Runnable)}) is
 * kept for the calling thread and handed to the next read of equal bytes there, once; any
 * other read decodes as usual. The instance handed over was decoded from the same bytes
 * and never given to anyone else, so the caller sees what a fresh decode would give. Only
 * the starter's own formats are wrapped; an application's own serializer is decoded twice,
 * as before.
 */
final class DecodeOnceSerializer implements RedisSerializer<Object> {

	private static final ThreadLocal<Boolean> checking = new ThreadLocal<>();

	private final RedisSerializer<Object> delegate;

	private final ThreadLocal<@Nullable Decoded> lastDecoded = new ThreadLocal<>();

	DecodeOnceSerializer(RedisSerializer<Object> delegate) {
		this.delegate = delegate;
	}

	@Override
	public byte @Nullable [] serialize(@Nullable Object value) throws SerializationException {
		return this.delegate.serialize(value);
	}

	/**
	 * Run a readability check (reads a value and discards it): what it decodes is kept for
	 * the next read of equal bytes on this thread.
	 */
	static void check(Runnable check) {
		checking.set(Boolean.TRUE);
		try {
			check.run();
		}
		finally {
			checking.remove();
		}
	}

	@Override
	public @Nullable Object deserialize(byte @Nullable [] bytes) throws SerializationException {
		Decoded last = this.lastDecoded.get();
		if (last != null) {
			this.lastDecoded.remove();
		}
		if (checking.get() == null) {
			return (last != null && Arrays.equals(last.bytes(), bytes)) ? last.value()
					: this.delegate.deserialize(bytes);
		}
		Object value = this.delegate.deserialize(bytes);
		if (bytes != null && value != null) {
			this.lastDecoded.set(new Decoded(bytes, value));
		}
		return value;
	}

	@Override
	public boolean canSerialize(Class<?> type) {
		return this.delegate.canSerialize(type);
	}

	@Override
	public Class<?> getTargetType() {
		return this.delegate.getTargetType();
	}

	private record Decoded(byte[] bytes, Object value) {
	}

}
