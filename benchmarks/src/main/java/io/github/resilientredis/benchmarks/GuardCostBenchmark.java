package io.github.resilientredis.benchmarks;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.lettuce.core.RedisChannelWriter;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.output.CommandOutput;
import io.lettuce.core.output.ValueOutput;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.ConnectionFacade;
import io.lettuce.core.protocol.RedisCommand;
import io.lettuce.core.resource.ClientResources;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import io.github.resilientredis.resilience.CircuitBreakerCommandGuard;
import io.github.resilientredis.resilience.HangDetector;
import io.github.resilientredis.resilience.UnavailabilityTracker;

/**
 * What the guard costs per command, without the network: a GET written through Lettuce's
 * channel-writer seam and answered at once, directly ({@code unguarded}) and through the
 * starter's guard ({@code guarded}: breaker permission, the wrapped command, its in-flight slot
 * for hang detection, the recorded outcome). The difference of the two is the CPU the guard adds
 * to every command on the healthy path; {@code resilience4jAlone} is Resilience4j's share of it (a
 * permission and a recorded success, with the success event it publishes because the guard listens
 * to state transitions).
 * Run it with:
 *
 * <pre>
 * ./mvnw -B -q -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main GuardCostBenchmark -f 1 -wi 3 -i 5 -t 1
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class GuardCostBenchmark {

	private static final byte[] KEY = "products::1".getBytes();

	private final RedisChannelWriter answering = new AnsweringWriter();

	private CircuitBreakerCommandGuard guard;

	private HangDetector hangDetector;

	private RedisChannelWriter guarded;

	@Setup(Level.Trial)
	public void setUp() {
		// one breaker (Resilience4j defaults), hang detection on as by default, no cache-key patterns
		this.guard = new CircuitBreakerCommandGuard(CircuitBreaker.ofDefaults("redis"), null,
				new UnavailabilityTracker(), Clock.systemUTC(), List.of(), null);
		this.hangDetector = new HangDetector(Duration.ofSeconds(1), null);
		this.guard.setHangDetector(this.hangDetector);
		this.guarded = this.guard.guard(this.answering);
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.guarded.close();
		this.hangDetector.close();
		this.guard.close();
	}

	/** A breaker like the guard's: someone listens to its state transitions. */
	private final CircuitBreaker listened = CircuitBreaker.ofDefaults("listened");

	{
		this.listened.getEventPublisher().onStateTransition((event) -> {
		});
	}

	/** Resilience4j's part of {@link #guarded()}: a permission and a recorded success. */
	@Benchmark
	public boolean resilience4jAlone() {
		boolean permitted = this.listened.tryAcquirePermission();
		this.listened.onSuccess(System.nanoTime() - 1000, TimeUnit.NANOSECONDS);
		return permitted;
	}

	@Benchmark
	public Object unguarded() {
		return this.answering.write(get()).getOutput().get();
	}

	@Benchmark
	public Object guarded() {
		return this.guarded.write(get()).getOutput().get();
	}

	private static AsyncCommand<byte[], byte[], byte[]> get() {
		return new AsyncCommand<>(new Command<>(CommandType.GET, new ValueOutput<>(ByteArrayCodec.INSTANCE),
				new CommandArgs<>(ByteArrayCodec.INSTANCE).addKey(KEY)));
	}

	/** Lettuce's writer stand-in: Redis answers every command at once. */
	private static final class AnsweringWriter implements RedisChannelWriter {

		private static final ByteBuffer VALUE = ByteBuffer.wrap("v".repeat(64).getBytes());

		@Override
		@SuppressWarnings("unchecked")
		public <K, V, T> RedisCommand<K, V, T> write(RedisCommand<K, V, T> command) {
			((CommandOutput<K, V, T>) command.getOutput()).set(VALUE.duplicate());
			command.complete();
			return command;
		}

		@Override
		public <K, V> Collection<RedisCommand<K, V, ?>> write(Collection<? extends RedisCommand<K, V, ?>> commands) {
			List<RedisCommand<K, V, ?>> written = new ArrayList<>();
			commands.forEach((command) -> written.add(write(command)));
			return written;
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
