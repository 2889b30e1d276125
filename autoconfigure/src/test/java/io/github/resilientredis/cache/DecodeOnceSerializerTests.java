package io.github.resilientredis.cache;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.data.redis.serializer.RedisSerializer;

import static org.assertj.core.api.Assertions.assertThat;

class DecodeOnceSerializerTests {

	private final Counting jdk = new Counting();

	private final DecodeOnceSerializer serializer = new DecodeOnceSerializer(this.jdk);

	@Test
	void readAfterACheckOfEqualBytesShouldGetTheCheckedValueOnce() {
		byte[] stored = this.serializer.serialize(new ArrayList<>(List.of("a")));
		Object[] checked = new Object[1];
		DecodeOnceSerializer.check(() -> checked[0] = this.serializer.deserialize(stored.clone()));
		Object read = this.serializer.deserialize(stored.clone());
		assertThat(read).isSameAs(checked[0]).isEqualTo(List.of("a"));
		assertThat(this.jdk.decodes).isOne();
		Object again = this.serializer.deserialize(stored.clone());
		assertThat(again).isNotSameAs(read).isEqualTo(List.of("a"));
		assertThat(this.jdk.decodes).isEqualTo(2);
	}

	@Test
	void readWithoutACheckShouldNeverShareItsValue() {
		byte[] stored = this.serializer.serialize(new ArrayList<>(List.of("a")));
		Object first = this.serializer.deserialize(stored);
		Object second = this.serializer.deserialize(stored);
		assertThat(second).isNotSameAs(first);
		assertThat(this.jdk.decodes).isEqualTo(2);
	}

	@Test
	void readOfOtherBytesAfterACheckShouldDecodeThemAndDropTheCheckedValue() {
		byte[] checkedBytes = this.serializer.serialize("checked");
		byte[] otherBytes = this.serializer.serialize("other");
		DecodeOnceSerializer.check(() -> this.serializer.deserialize(checkedBytes));
		assertThat(this.serializer.deserialize(otherBytes)).isEqualTo("other");
		assertThat(this.serializer.deserialize(checkedBytes)).isEqualTo("checked");
		assertThat(this.jdk.decodes).isEqualTo(3);
	}

	@Test
	void readOnAnotherThreadShouldDecodeItself() throws Exception {
		byte[] stored = this.serializer.serialize("value");
		DecodeOnceSerializer.check(() -> this.serializer.deserialize(stored));
		Thread reader = new Thread(() -> this.serializer.deserialize(stored));
		reader.start();
		reader.join();
		assertThat(this.jdk.decodes).isEqualTo(2);
	}

	private static final class Counting implements RedisSerializer<Object> {

		private final RedisSerializer<Object> jdk = RedisSerializer.java();

		private volatile int decodes;

		@Override
		public byte[] serialize(Object value) {
			return this.jdk.serialize(value);
		}

		@Override
		public Object deserialize(byte[] bytes) {
			this.decodes++;
			return this.jdk.deserialize(bytes);
		}

	}

}
