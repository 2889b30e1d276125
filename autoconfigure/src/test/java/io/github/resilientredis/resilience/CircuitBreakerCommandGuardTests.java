package io.github.resilientredis.resilience;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.lettuce.core.RedisChannelWriter;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.ConnectionFacade;
import io.lettuce.core.protocol.RedisCommand;
import io.lettuce.core.resource.ClientResources;
import org.junit.jupiter.api.Test;

import io.github.resilientredis.diagnostics.RedisUnavailability;
import io.github.resilientredis.fallback.FallbackStore;
import io.github.resilientredis.fallback.LocalFallback;
import io.github.resilientredis.fallback.OutageJournal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests of {@link CircuitBreakerCommandGuard} at the channel-writer level: what is written,
 * what is refused without being sent, and which outcomes the breaker records. The writer
 * below the guard only collects what it is given (no Redis behaviour is imitated).
 */
class CircuitBreakerCommandGuardTests {

	private final CircuitBreaker breaker = CircuitBreaker.of("redis",
			CircuitBreakerConfig.custom()
				.slidingWindowSize(4)
				.minimumNumberOfCalls(4)
				.recordException(RedisUnavailability::isUnavailability)
				.build());

	private final UnavailabilityTracker tracker = new UnavailabilityTracker();

	private final CircuitBreakerCommandGuard guard = new CircuitBreakerCommandGuard(this.breaker, null, this.tracker,
			Clock.systemUTC(), List.of(), null);

	private final Collecting written = new Collecting();

	private final RedisChannelWriter writer = this.guard.guard(this.written);

	@Test
	void writeWhenBreakerOpenShouldRefuseWithoutSending() {
		this.breaker.transitionToOpenState();
		AsyncCommand<byte[], byte[], String> set = command(CommandType.SET);
		this.writer.write(set);
		assertThat(this.written.commands).isEmpty();
		assertThat(set).isCompletedExceptionally();
		assertThatThrownBy(set::get).cause()
			.isInstanceOf(RedisUnavailableException.class)
			.hasMessageContaining("circuit breaker 'redis' is OPEN")
			.hasMessageContaining("'SET' was not sent");
	}

	@Test
	void writeWhenClosedShouldSendAndRecordTheAnswer() {
		AsyncCommand<byte[], byte[], String> set = command(CommandType.SET);
		this.writer.write(set);
		assertThat(this.written.commands).hasSize(1);
		RedisCommand<?, ?, ?> sent = this.written.commands.get(0);
		sent.getOutput().set(StandardCharsets.US_ASCII.encode("OK"));
		sent.complete();
		assertThat(set.join()).isEqualTo("OK");
		assertThat(this.breaker.getMetrics().getNumberOfSuccessfulCalls()).isOne();
	}

	@Test
	void callerErrorReplyShouldCountAsSuccessAndUnavailabilityReplyAsFailure() {
		answerWithError("WRONGTYPE Operation against a key holding the wrong kind of value");
		answerWithError("LOADING Redis is loading the dataset in memory");
		assertThat(this.breaker.getMetrics().getNumberOfSuccessfulCalls()).isOne();
		assertThat(this.breaker.getMetrics().getNumberOfFailedCalls()).isOne();
		assertThat(this.tracker.getLastFailure()).contains("LOADING");
	}

	@Test
	void timeoutsShouldOpenTheBreaker() {
		for (int i = 0; i < 4; i++) {
			this.writer.write(command(CommandType.GET));
			this.written.commands.get(i).completeExceptionally(new RedisCommandTimeoutException("Command timed out"));
		}
		assertThat(this.breaker.getState()).isEqualTo(State.OPEN);
	}

	@Test
	void cancelledCommandShouldGiveThePermissionBack() {
		this.writer.write(command(CommandType.GET));
		this.written.commands.get(0).cancel();
		assertThat(this.breaker.getMetrics().getNumberOfBufferedCalls()).isZero();
	}

	@Test
	void commandsOfAnOpenTransactionShouldBeSentEvenWhenTheBreakerOpens() {
		this.writer.write(command(CommandType.MULTI));
		this.breaker.transitionToOpenState();
		AsyncCommand<byte[], byte[], String> incr = command(CommandType.INCR);
		this.writer.write(incr);
		this.writer.write(command(CommandType.EXEC));
		assertThat(this.written.commands).hasSize(3);
		assertThat(incr).isNotDone();
		AsyncCommand<byte[], byte[], String> after = command(CommandType.GET);
		this.writer.write(after);
		assertThat(this.written.commands).hasSize(3);
		assertThat(after).isCompletedExceptionally();
	}

	@Test
	void bypassShouldSendWhileTheBreakerIsOpen() {
		this.breaker.transitionToOpenState();
		this.guard.bypass(() -> this.writer.write(command(CommandType.PING)));
		assertThat(this.written.commands).hasSize(1);
		this.writer.write(command(CommandType.PING));
		assertThat(this.written.commands).hasSize(1);
	}

	@Test
	void localAnswerThatFailsShouldFailTheCommandWithoutSendingIt() {
		LocalFallback fallback = new LocalFallback(new FallbackStore(10, Duration.ofMinutes(1)), new OutageJournal(10),
				List.of(), Clock.systemUTC());
		CircuitBreakerCommandGuard cacheGuard = new CircuitBreakerCommandGuard(this.breaker, null, this.tracker,
				Clock.systemUTC(), List.of("cache::*"), fallback);
		RedisChannelWriter cacheWriter = cacheGuard.guard(this.written);
		fallback.activate("test outage");
		IllegalStateException broken = new IllegalStateException("output cannot take the value");
		AsyncCommand<byte[], byte[], String> get = new AsyncCommand<>(new Command<>(CommandType.GET,
				new StatusOutput<>(ByteArrayCodec.INSTANCE) {

					@Override
					public void set(ByteBuffer bytes) {
						throw broken;
					}

				}, new CommandArgs<>(ByteArrayCodec.INSTANCE).addKey("cache::a".getBytes(StandardCharsets.UTF_8))));
		cacheWriter.write(get);
		assertThat(this.written.commands).as("never read from Redis while the fallback serves the key").isEmpty();
		assertThat(get).isCompletedExceptionally();
		assertThatThrownBy(get::get).cause().isSameAs(broken);
	}

	private void answerWithError(String error) {
		AsyncCommand<byte[], byte[], String> command = command(CommandType.GET);
		this.writer.write(command);
		RedisCommand<?, ?, ?> sent = this.written.commands.get(this.written.commands.size() - 1);
		sent.getOutput().setError(error);
		sent.complete();
		assertThat(command).isCompletedExceptionally();
	}

	private static AsyncCommand<byte[], byte[], String> command(CommandType type) {
		return new AsyncCommand<>(new Command<>(type, new StatusOutput<>(ByteArrayCodec.INSTANCE),
				new CommandArgs<>(ByteArrayCodec.INSTANCE)));
	}

	/**
	 * Collects what the guard writes.
	 */
	private static final class Collecting implements RedisChannelWriter {

		private final List<RedisCommand<?, ?, ?>> commands = new ArrayList<>();

		@Override
		public <K, V, T> RedisCommand<K, V, T> write(RedisCommand<K, V, T> command) {
			this.commands.add(command);
			return command;
		}

		@Override
		public <K, V> Collection<RedisCommand<K, V, ?>> write(Collection<? extends RedisCommand<K, V, ?>> commands) {
			this.commands.addAll(commands);
			return new ArrayList<>(commands);
		}

		@Override
		public void close() {
		}

		@Override
		public CompletableFuture<Void> closeAsync() {
			return CompletableFuture.completedFuture(null);
		}

		@Override
		public void setConnectionFacade(ConnectionFacade connection) {
		}

		@Override
		public void setAutoFlushCommands(boolean autoFlush) {
		}

		@Override
		public void flushCommands() {
		}

		@Override
		public ClientResources getClientResources() {
			throw new UnsupportedOperationException();
		}

	}

}
