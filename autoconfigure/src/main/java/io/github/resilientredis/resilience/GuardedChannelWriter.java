package io.github.resilientredis.resilience;

import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.lettuce.core.RedisChannelWriter;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.ConnectionFacade;
import io.lettuce.core.protocol.ProtocolKeyword;
import io.lettuce.core.protocol.RedisCommand;
import io.lettuce.core.resource.ClientResources;
import org.jspecify.annotations.Nullable;

import io.github.resilientredis.connection.BlockingCommands;
import io.github.resilientredis.connection.ClusterNodeWriter;
import io.github.resilientredis.resilience.InFlightCommands.CommandKind;

/**
 * The channel writer of one guarded connection: asks its breaker before writing each
 * command and wraps it so that its outcome is recorded; a refused command is failed, or
 * answered locally when it is a plain command on a key declared as cache data. The
 * breaker is the guard's one breaker until a cluster node connection learns its node.
 */
final class GuardedChannelWriter implements RedisChannelWriter, ClusterNodeWriter {

	/** The commands that run a script or function, which keeps Redis from serving others. */
	private static final Set<ProtocolKeyword> SCRIPTS = Set.of(CommandType.EVAL, CommandType.EVALSHA,
			CommandType.EVAL_RO, CommandType.EVALSHA_RO, CommandType.FCALL, CommandType.FCALL_RO, CommandType.SCRIPT,
			CommandType.FUNCTION);

	private final RedisChannelWriter delegate;

	private final CircuitBreakerCommandGuard guard;

	private volatile GuardedBreaker breaker;

	private final @Nullable HangDetector hangDetector;

	/** The commands Redis has not answered yet, when hangs are detected. */
	private final @Nullable InFlightCommands inFlight;

	/** Whether a MULTI was written and its EXEC or DISCARD not yet. */
	private volatile boolean inTransaction;

	/**
	 * Create a writer whose in-flight commands the hang detector follows.
	 * @param delegate the writer Lettuce built
	 * @param guard the guard
	 * @param hangDetector the hang detector, or {@code null}; it opens the breaker of this
	 * connection's node when the connection hangs
	 */
	GuardedChannelWriter(RedisChannelWriter delegate, CircuitBreakerCommandGuard guard,
			@Nullable HangDetector hangDetector) {
		this.delegate = delegate;
		this.guard = guard;
		this.breaker = guard.getRouter().base();
		this.hangDetector = hangDetector;
		this.inFlight = (hangDetector != null) ? hangDetector.track(this.breaker.hangTarget()) : null;
	}

	@Override
	public void connectingTo(SocketAddress address) {
		this.breaker = this.guard.getRouter().forAddress(address);
		if (this.inFlight != null) {
			// the hang detector opens the breaker of the node this connection now talks to
			this.inFlight.target(this.breaker.hangTarget());
		}
	}

	@Override
	public <K, V, T> RedisCommand<K, V, T> write(RedisCommand<K, V, T> command) {
		RedisCommand<K, V, T> admitted = admit(command);
		if (admitted == null) {
			return command;
		}
		try {
			return this.delegate.write(admitted);
		}
		catch (RuntimeException ex) {
			ended(admitted);
			throw ex;
		}
	}

	@Override
	public <K, V> Collection<RedisCommand<K, V, ?>> write(Collection<? extends RedisCommand<K, V, ?>> commands) {
		List<RedisCommand<K, V, ?>> admitted = new ArrayList<>(commands.size());
		for (RedisCommand<K, V, ?> command : commands) {
			RedisCommand<K, V, ?> guarded = admit(command);
			if (guarded != null) {
				admitted.add(guarded);
			}
		}
		if (admitted.isEmpty()) {
			return new ArrayList<>(commands);
		}
		try {
			return this.delegate.write(admitted);
		}
		catch (RuntimeException ex) {
			admitted.forEach(GuardedChannelWriter::ended);
			throw ex;
		}
	}

	/** A command the delegate refused to take is not in flight. */
	private static void ended(RedisCommand<?, ?, ?> command) {
		if (command instanceof GuardedCommand<?, ?, ?> guarded) {
			guarded.ended();
		}
	}

	/**
	 * The command to write (wrapped to record its outcome), or {@code null} when the
	 * breaker refused it (it is then completed with a {@link RedisUnavailableException}).
	 */
	private <K, V, T> RedisCommand<K, V, T> admit(RedisCommand<K, V, T> command) {
		ProtocolKeyword type = command.getType();
		if (this.inTransaction) {
			if (type == CommandType.EXEC || type == CommandType.DISCARD) {
				this.inTransaction = false;
			}
			return command;
		}
		if (this.guard.isBypassed()) {
			return command;
		}
		if (this.guard.answeredLocally(command)) {
			return null;
		}
		GuardedBreaker current = this.breaker;
		if (!current.breaker().tryAcquirePermission()) {
			this.guard.refuse(command, current);
			return null;
		}
		if (type == CommandType.MULTI) {
			this.inTransaction = true;
		}
		return new GuardedCommand<>(command, current, BlockingCommands.blockTime(command),
				SCRIPTS.contains(type) ? CommandKind.SCRIPT : CommandKind.PLAIN, this.inFlight);
	}

	@Override
	public void close() {
		untrack();
		this.delegate.close();
	}

	@Override
	public CompletableFuture<Void> closeAsync() {
		untrack();
		return this.delegate.closeAsync();
	}

	private void untrack() {
		if (this.hangDetector != null && this.inFlight != null) {
			this.hangDetector.untrack(this.inFlight);
		}
	}

	@Override
	public void setConnectionFacade(ConnectionFacade connection) {
		this.delegate.setConnectionFacade(connection);
	}

	@Override
	public void setAutoFlushCommands(boolean autoFlush) {
		if (this.inFlight != null) {
			// commands the application has not flushed yet are not waiting for Redis
			this.inFlight.setBuffering(!autoFlush);
		}
		this.delegate.setAutoFlushCommands(autoFlush);
	}

	@Override
	public void flushCommands() {
		this.delegate.flushCommands();
	}

	@Override
	public ClientResources getClientResources() {
		return this.delegate.getClientResources();
	}

}
