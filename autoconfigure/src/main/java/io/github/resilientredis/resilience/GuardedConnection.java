package io.github.resilientredis.resilience;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Set;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisConnection;

/**
 * Invocation handler behind a guarded connection proxy: acquires the real connection on
 * the first command that needs Redis, routes commands through the
 * {@link CircuitBreakerConnectionInterceptor}, and proxies the command interfaces
 * ({@code stringCommands()}, {@code keyCommands()}...) the same way.
 */
final class GuardedConnection implements InvocationHandler {

	/** Methods that do not talk to Redis, or only manage the connection: never accounted. */
	private static final Set<String> PASS_THROUGH = Set.of("getNativeConnection", "getSentinelConnection",
			"isSubscribed", "getSubscription", "getDelegate");

	/** Round trips of a pipeline or transaction: accounted as one call each. */
	private static final Set<String> ROUND_TRIPS = Set.of("closePipeline", "exec", "discard");

	private final CircuitBreakerConnectionInterceptor interceptor;

	private final Supplier<? extends RedisConnection> acquire;

	private @Nullable RedisConnection target;

	private boolean closed;

	GuardedConnection(CircuitBreakerConnectionInterceptor interceptor, Supplier<? extends RedisConnection> acquire) {
		this.interceptor = interceptor;
		this.acquire = acquire;
	}

	@Override
	public @Nullable Object invoke(Object proxy, Method method, @Nullable Object[] args) throws Throwable {
		String name = method.getName();
		if (method.getDeclaringClass() == Object.class) {
			return objectMethod(proxy, method, args);
		}
		int arity = (args != null) ? args.length : 0;
		if (arity == 0) {
			switch (name) {
				case "close" -> {
					return close();
				}
				case "isClosed" -> {
					return (this.target != null) ? this.target.isClosed() : this.closed;
				}
				case "isPipelined" -> {
					return this.target != null && this.target.isPipelined();
				}
				case "isQueueing" -> {
					return this.target != null && this.target.isQueueing();
				}
				default -> {
					if (isCommandsAccessor(method)) {
						return commandsProxy(method);
					}
				}
			}
		}
		if (PASS_THROUGH.contains(name)) {
			return invokeDirectly(method, args, target());
		}
		if (isBatching() && !ROUND_TRIPS.contains(name)) {
			return invokeDirectly(method, args, target());
		}
		return this.interceptor.call(method, args, !isBatching(), this::target);
	}

	/**
	 * Run a method of a command interface ({@code stringCommands()}...) obtained through
	 * the accessor.
	 */
	@Nullable Object invokeCommand(Method accessor, Method method, @Nullable Object[] args) throws Throwable {
		if (isBatching()) {
			return invokeDirectly(method, args, accessor.invoke(target()));
		}
		return this.interceptor.call(method, args, true, () -> invokeAccessor(accessor));
	}

	private Object invokeAccessor(Method accessor) {
		try {
			return accessor.invoke(target());
		}
		catch (InvocationTargetException ex) {
			throw CircuitBreakerConnectionInterceptor.rethrowable(ex.getCause());
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private boolean isBatching() {
		RedisConnection connection = this.target;
		return connection != null && (connection.isPipelined() || connection.isQueueing());
	}

	private RedisConnection target() {
		RedisConnection connection = this.target;
		if (connection == null) {
			connection = this.acquire.get();
			this.target = connection;
		}
		return connection;
	}

	private @Nullable Object close() {
		this.closed = true;
		if (this.target != null) {
			this.target.close();
		}
		return null;
	}

	private Object commandsProxy(Method accessor) {
		return CircuitBreakerConnectionInterceptor.proxy(accessor.getReturnType(),
				new CommandsHandler(this, accessor));
	}

	private static boolean isCommandsAccessor(Method method) {
		Class<?> type = method.getReturnType();
		return type.isInterface() && (method.getName().endsWith("Commands") || method.getName().equals("commands"));
	}

	private static @Nullable Object invokeDirectly(Method method, @Nullable Object[] args, Object target)
			throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

	static @Nullable Object objectMethod(Object proxy, Method method, @Nullable Object[] args) {
		return switch (method.getName()) {
			case "equals" -> proxy == args[0];
			case "hashCode" -> System.identityHashCode(proxy);
			case "toString" -> "Guarded" + proxy.getClass().getInterfaces()[0].getSimpleName() + "@"
					+ Integer.toHexString(System.identityHashCode(proxy));
			default -> throw new UnsupportedOperationException(method.getName());
		};
	}

	/**
	 * Handler of a command interface proxy.
	 */
	private record CommandsHandler(GuardedConnection connection, Method accessor) implements InvocationHandler {

		@Override
		public @Nullable Object invoke(Object proxy, Method method, @Nullable Object[] args) throws Throwable {
			if (method.getDeclaringClass() == Object.class) {
				return objectMethod(proxy, method, args);
			}
			return this.connection.invokeCommand(this.accessor, method, args);
		}

	}

}
