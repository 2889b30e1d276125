package io.github.resilientredis.resilience;

import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.lettuce.core.RedisChannelWriter;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.ConnectionFacade;
import io.lettuce.core.protocol.ProtocolKeyword;
import io.lettuce.core.protocol.RedisCommand;
import io.lettuce.core.resource.ClientResources;

import io.github.resilientredis.connection.BlockingCommands;
import io.github.resilientredis.connection.ClusterNodeWriter;

/**
 * The channel writer of one guarded connection: asks its breaker before writing each
 * command and wraps it so that its outcome is recorded; a refused command is failed, or
 * answered locally when it is a plain command on a key declared as cache data. The
 * breaker is the guard's one breaker until a cluster node connection learns its node.
 */
final class GuardedChannelWriter implements RedisChannelWriter, ClusterNodeWriter {

	private final RedisChannelWriter delegate;

	private final CircuitBreakerCommandGuard guard;

	private volatile GuardedBreaker breaker;

	/** Whether a MULTI was written and its EXEC or DISCARD not yet. */
	private volatile boolean inTransaction;

	GuardedChannelWriter(RedisChannelWriter delegate, CircuitBreakerCommandGuard guard) {
		this.delegate = delegate;
		this.guard = guard;
		this.breaker = guard.base();
	}

	@Override
	public void connectingTo(SocketAddress address) {
		this.breaker = this.guard.breakerFor(address);
	}

	CircuitBreakerCommandGuard guard() {
		return this.guard;
	}

	/** The breaker guarding this writer's commands. */
	GuardedBreaker breaker() {
		return this.breaker;
	}

	@Override
	public <K, V, T> RedisCommand<K, V, T> write(RedisCommand<K, V, T> command) {
		RedisCommand<K, V, T> admitted = admit(command);
		return (admitted != null) ? this.delegate.write(admitted) : command;
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
		return this.delegate.write(admitted);
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
		return new GuardedCommand<>(command, this.guard, current, BlockingCommands.blockTime(command));
	}

	@Override
	public void close() {
		this.delegate.close();
	}

	@Override
	public CompletableFuture<Void> closeAsync() {
		return this.delegate.closeAsync();
	}

	@Override
	public void setConnectionFacade(ConnectionFacade connection) {
		this.delegate.setConnectionFacade(connection);
	}

	@Override
	public void setAutoFlushCommands(boolean autoFlush) {
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
