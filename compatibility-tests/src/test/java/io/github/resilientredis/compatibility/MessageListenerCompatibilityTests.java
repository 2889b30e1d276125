package io.github.resilientredis.compatibility;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.data.redis.stream.StreamMessageListenerContainer;
import org.springframework.data.redis.stream.StreamMessageListenerContainer.StreamMessageListenerContainerOptions;
import org.springframework.data.redis.stream.Subscription;

import io.github.resilientredis.test.RedisServerExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Long-lived listeners with their defaults: a {@link RedisMessageListenerContainer} receives
 * published messages in both variants; a {@link StreamMessageListenerContainer} (XREAD BLOCK
 * with a 2 s poll timeout, as long as the command timeout) stays subscribed on an idle Redis
 * and still receives what is added afterwards with the starter, and loses its subscription
 * with stock Spring Boot on the same 2 s command timeout.
 */
class MessageListenerCompatibilityTests {

	private static final Duration RECEIVE_WITHIN = Duration.ofSeconds(10);

	/** Longer than two poll timeouts, so a blocking read that times out would show. */
	private static final Duration IDLE = Duration.ofSeconds(6);

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension();

	@ParameterizedTest
	@EnumSource(Variant.class)
	void messageListenerContainerWhenMessagePublishedShouldReceiveIt(Variant variant) {
		try (ConfigurableApplicationContext context = variant.start(redis.server(), ListenerConfiguration.class)) {
			RedisMessageListenerContainer container = context.getBean(RedisMessageListenerContainer.class);
			StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
			List<String> received = new CopyOnWriteArrayList<>();
			container.addMessageListener((message, pattern) -> received.add(new String(message.getBody())),
					new ChannelTopic("compat-news"));
			// the subscription is made asynchronously: publish until it is in place
			await().atMost(RECEIVE_WITHIN).until(() -> {
				template.convertAndSend("compat-news", "hello");
				return !received.isEmpty();
			});
			assertThat(received).containsOnly("hello");
		}
	}

	@ParameterizedTest
	@EnumSource(value = Variant.class, names = "STARTER")
	void streamListenerContainerWhenRedisIsIdleShouldStaySubscribed(Variant variant) {
		try (ConfigurableApplicationContext context = variant.start(redis.server(), ListenerConfiguration.class)) {
			StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
			String stream = "compat-stream-" + variant;
			List<String> received = new CopyOnWriteArrayList<>();
			Subscription subscription = subscribeAndReceiveFirst(context, stream, received);

			await("the subscription to stay active while the stream is idle").atMost(IDLE.plusSeconds(2))
				.during(IDLE)
				.until(subscription::isActive);
			template.opsForStream().add(stream, Map.of("n", "2"));
			await().atMost(RECEIVE_WITHIN).until(() -> received.contains("2"));
			assertThat(received).containsExactly("1", "2");
			assertThat(subscription.isActive()).isTrue();
		}
	}

	/**
	 * The control case: stock Spring Boot with {@code spring.data.redis.timeout=2s} times out
	 * its own XREAD BLOCK 2000 on an idle stream, and the container cancels the subscription
	 * on that error. This is what the starter's "block time + command timeout" avoids.
	 */
	@ParameterizedTest
	@EnumSource(value = Variant.class, names = "STOCK")
	void streamListenerContainerWhenCommandTimeoutEqualsPollTimeoutShouldLoseSubscriptionOnIdleRedis(
			Variant variant) {
		try (ConfigurableApplicationContext context = variant.start(redis.server(), ListenerConfiguration.class)) {
			Subscription subscription = subscribeAndReceiveFirst(context, "compat-stream-" + variant,
					new CopyOnWriteArrayList<>());

			await("the timed-out XREAD to cancel the subscription").atMost(IDLE)
				.until(() -> !subscription.isActive());
		}
	}

	/**
	 * Start the context's stream container, subscribe to {@code stream} from its start, add
	 * one record and wait until it arrives.
	 */
	private static Subscription subscribeAndReceiveFirst(ConfigurableApplicationContext context, String stream,
			List<String> received) {
		StreamMessageListenerContainer<String, MapRecord<String, String, String>> container = streamContainer(
				context);
		container.start();
		Subscription subscription = container.receive(StreamOffset.fromStart(stream),
				(record) -> received.add(record.getValue().get("n")));
		context.getBean(StringRedisTemplate.class).opsForStream().add(stream, Map.of("n", "1"));
		await().atMost(RECEIVE_WITHIN).until(() -> received.contains("1"));
		return subscription;
	}

	@SuppressWarnings("unchecked")
	private static StreamMessageListenerContainer<String, MapRecord<String, String, String>> streamContainer(
			ConfigurableApplicationContext context) {
		return context.getBean(StreamMessageListenerContainer.class);
	}

	@Configuration(proxyBeanMethods = false)
	static class ListenerConfiguration {

		@Bean
		RedisMessageListenerContainer redisMessageListenerContainer(RedisConnectionFactory connectionFactory) {
			RedisMessageListenerContainer container = new RedisMessageListenerContainer();
			container.setConnectionFactory(connectionFactory);
			return container;
		}

		@Bean
		StreamMessageListenerContainer<String, MapRecord<String, String, String>> streamMessageListenerContainer(
				RedisConnectionFactory connectionFactory) {
			return StreamMessageListenerContainer.create(connectionFactory,
					StreamMessageListenerContainerOptions.builder().build());
		}

	}

}
