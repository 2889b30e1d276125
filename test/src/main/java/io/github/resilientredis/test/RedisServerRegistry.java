package io.github.resilientredis.test;

import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The servers of {@link WithRedisServer} test classes, shared by the JUnit extension (which
 * closes them) and the Spring context customizer (which may need one before the extension
 * ran, e.g. with {@code @TestInstance(PER_CLASS)}). Whichever asks first starts it.
 */
final class RedisServerRegistry {

	private static final Map<Class<?>, RedisServer> SERVERS = new ConcurrentHashMap<>();

	private RedisServerRegistry() {
	}

	/**
	 * The class whose server a test class uses: the outermost class carrying
	 * {@link WithRedisServer} among the test class and the classes it is nested in.
	 * @param testClass the test class
	 * @return the owner, if the test class uses a server
	 */
	static Optional<Class<?>> owner(Class<?> testClass) {
		Class<?> owner = null;
		for (Class<?> type = testClass; type != null; type = isNested(type) ? type.getEnclosingClass() : null) {
			if (AnnotationSupport.isAnnotated(type, WithRedisServer.class)) {
				owner = type;
			}
		}
		return Optional.ofNullable(owner);
	}

	private static boolean isNested(Class<?> type) {
		return type.isMemberClass() && !Modifier.isStatic(type.getModifiers());
	}

	/**
	 * The server of an owner class, started on first use.
	 * @param owner a class returned by {@link #owner(Class)}
	 * @return the running server
	 */
	static RedisServer obtain(Class<?> owner) {
		return SERVERS.computeIfAbsent(owner, (type) -> builder(annotation(type)).start());
	}

	/**
	 * Close and forget the server of an owner class, if started.
	 * @param owner the owner class
	 */
	static void release(Class<?> owner) {
		RedisServer server = SERVERS.remove(owner);
		if (server != null) {
			server.close();
		}
	}

	static WithRedisServer annotation(Class<?> owner) {
		return AnnotationSupport.findAnnotation(owner, WithRedisServer.class)
			.orElseThrow(() -> new IllegalStateException(owner.getName() + " is not annotated with @WithRedisServer"));
	}

	static RedisServer.Builder builder(WithRedisServer annotation) {
		RedisServer.Builder builder = RedisServer.builder();
		if (annotation.tls()) {
			builder.tls();
		}
		if (!annotation.requirePass().isEmpty()) {
			builder.requirePass(annotation.requirePass());
		}
		if (!annotation.aclUser().isEmpty()) {
			if (annotation.aclPassword().isEmpty()) {
				throw new IllegalArgumentException(
						"@WithRedisServer(aclUser = \"" + annotation.aclUser() + "\") needs an aclPassword as well");
			}
			builder.aclUser(annotation.aclUser(), annotation.aclPassword());
		}
		if (annotation.maxClients() != 0) {
			builder.maxClients(annotation.maxClients());
		}
		builder.arg(annotation.args());
		return builder;
	}

}
