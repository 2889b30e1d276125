package io.github.resilientredis.connection;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Transports;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.github.resilientredis.diagnostics.Redaction;

/**
 * Makes a Lettuce client warm before the application's first command, without touching
 * Redis: starts the event loop threads of the shared {@link ClientResources} (and keeps
 * them allocated until {@link #close()}), runs the whole connect path once against a local
 * port nothing listens on (bootstrap, channel, handlers, the refused-connect handling),
 * and loads the Spring Data Redis classes of a first command. A cold client otherwise
 * makes the first command, even one Redis refuses at once, take hundreds of milliseconds.
 * Runs on its own daemon thread; startup never waits for it.
 */
public final class ClientWarmUp implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(ClientWarmUp.class);

	/** Classes a first command loads on the Spring Data Redis side. */
	private static final List<String> FIRST_COMMAND_CLASSES = List.of(
			"org.springframework.data.redis.connection.lettuce.LettuceConnection",
			"org.springframework.data.redis.connection.lettuce.LettuceConverters",
			"org.springframework.data.redis.connection.lettuce.LettuceExceptionConverter",
			"org.springframework.data.redis.connection.lettuce.LettuceStringCommands",
			"org.springframework.data.redis.connection.lettuce.LettuceKeyCommands",
			"org.springframework.data.redis.connection.lettuce.LettuceInvoker",
			"org.springframework.data.redis.connection.DefaultStringRedisConnection",
			"org.springframework.data.redis.core.RedisConnectionUtils",
			"org.springframework.transaction.support.TransactionSynchronizationManager",
			"org.springframework.data.redis.core.DefaultValueOperations",
			"org.springframework.data.redis.core.DefaultHashOperations",
			"org.springframework.data.redis.cache.DefaultRedisCacheWriter",
			"org.springframework.data.redis.RedisConnectionFailureException");

	private final ClientResources resources;

	private final CompletableFuture<Void> done = new CompletableFuture<>();

	private final AtomicReference<@Nullable EventLoopGroup> eventLoops = new AtomicReference<>();

	private volatile boolean closed;

	private ClientWarmUp(ClientResources resources) {
		this.resources = resources;
	}

	/**
	 * Start warming up, on a daemon thread, the resources and options the factory's clients
	 * share; the warm-up is closed when the factory stops.
	 */
	static ClientWarmUp start(ClientResources resources, ClientOptions options) {
		ClientWarmUp warmUp = new ClientWarmUp(resources);
		inBackground("redis-warm-up", () -> {
			try {
				warm(resources, options, "Lettuce client warm-up", warmUp::startEventLoops);
			}
			finally {
				warmUp.done.complete(null);
			}
		});
		return warmUp;
	}

	/**
	 * Load the connect path's classes on a daemon thread as early as possible (before the
	 * application's beans exist), on throwaway resources of one thread each that are shut
	 * down afterwards; the factory's own warm-up then finds them loaded. Never touches Redis.
	 */
	public static void preloadInBackground() {
		inBackground("redis-preload", () -> {
			ClientResources resources = DefaultClientResources.builder()
				.ioThreadPoolSize(1)
				.computationThreadPoolSize(1)
				.build();
			try {
				warm(resources, ClientOptions.create(), "Lettuce class preload", () -> {
				});
			}
			finally {
				resources.shutdown(0, 0, TimeUnit.MILLISECONDS);
			}
		});
	}

	private static void inBackground(String name, Runnable action) {
		Thread thread = new Thread(action, name);
		thread.setDaemon(true);
		thread.start();
	}

	/** Completes when the warm-up is over (whether it succeeded or not). */
	CompletableFuture<Void> done() {
		return this.done;
	}

	// first, then the connect path and the classes of a first command
	private static void warm(ClientResources resources, ClientOptions options, String what, Runnable first) {
		try {
			first.run();
			refusedConnect(resources, options);
			loadFirstCommandClasses();
		}
		catch (RuntimeException | IOException | LinkageError ex) {
			logger.debug(what + " incomplete: " + Redaction.describe(ex));
		}
	}

	private void startEventLoops() {
		EventLoopGroup group = this.resources.eventLoopGroupProvider().allocate(Transports.eventLoopGroupClass());
		this.eventLoops.set(group);
		if (this.closed) {
			close();
			return;
		}
		for (EventExecutor loop : group) {
			loop.submit(() -> {
			}).syncUninterruptibly();
		}
	}

	/**
	 * Connect a throwaway client, on the same resources and options, to a local port the
	 * operating system just handed out and that nothing listens on: refused at once.
	 */
	private static void refusedConnect(ClientResources resources, ClientOptions options) throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		RedisClient client = RedisClient.create(resources);
		client.setOptions(options.mutate().autoReconnect(false).build());
		try {
			RedisURI uri = RedisURI.Builder.redis("127.0.0.1", port).withTimeout(Duration.ofSeconds(2)).build();
			client.connectAsync(StringCodec.UTF8, uri).toCompletableFuture().handle((connection, failure) -> {
				if (connection != null) {
					// something took the port in between: leave it alone
					connection.closeAsync();
				}
				return null;
			}).get(5, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			// refused is the expected outcome
		}
		finally {
			client.shutdownAsync(0, 0, TimeUnit.MILLISECONDS);
		}
	}

	private static void loadFirstCommandClasses() {
		ClassLoader loader = ClientWarmUp.class.getClassLoader();
		for (String name : FIRST_COMMAND_CLASSES) {
			try {
				Class.forName(name, true, loader);
			}
			catch (ClassNotFoundException | LinkageError ex) {
				// another Spring Data Redis version: nothing to warm
			}
		}
	}

	@Override
	public void close() {
		this.closed = true;
		EventLoopGroup group = this.eventLoops.getAndSet(null);
		if (group != null) {
			this.resources.eventLoopGroupProvider().release(group, 0, 0, TimeUnit.MILLISECONDS);
		}
	}

}
