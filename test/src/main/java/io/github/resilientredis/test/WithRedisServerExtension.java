package io.github.resilientredis.test;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit extension behind {@link WithRedisServer}: starts the server of the annotated
 * class, closes it when the class is done, restores it before each test, checks for leaked
 * connections after each test when asked, and resolves {@link RedisServer} parameters.
 */
public final class WithRedisServerExtension
		implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

	private static final Namespace NAMESPACE = Namespace.create(WithRedisServerExtension.class);

	private static final String LEAK_CHECK = "leakCheck";

	@Override
	public void beforeAll(ExtensionContext context) {
		Class<?> testClass = context.getRequiredTestClass();
		RedisServerRegistry.owner(testClass).filter((owner) -> owner == testClass).ifPresent((owner) -> {
			RedisServerRegistry.obtain(owner);
			// closed by JUnit when the owner's class context ends (after its @Nested classes)
			AutoCloseable release = () -> RedisServerRegistry.release(owner);
			context.getStore(NAMESPACE).put(owner, release);
		});
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		Class<?> owner = owner(context);
		RedisServer server = RedisServerRegistry.obtain(owner);
		server.restore();
		if (RedisServerRegistry.annotation(owner).failOnLeakedConnections()) {
			context.getStore(NAMESPACE).put(LEAK_CHECK, server.connectionLeakCheck());
		}
	}

	@Override
	public void afterEach(ExtensionContext context) {
		ConnectionLeakCheck check = context.getStore(NAMESPACE).remove(LEAK_CHECK, ConnectionLeakCheck.class);
		if (check != null) {
			RedisServerRegistry.obtain(owner(context)).restore();
			check.assertNoLeaks();
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == RedisServer.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return RedisServerRegistry.obtain(owner(extensionContext));
	}

	private static Class<?> owner(ExtensionContext context) {
		Class<?> testClass = context.getRequiredTestClass();
		return RedisServerRegistry.owner(testClass)
			.orElseThrow(() -> new IllegalStateException(
					"No @WithRedisServer on " + testClass.getName() + " or the classes it is nested in: annotate the "
							+ "test class with @WithRedisServer (which registers this extension) instead of "
							+ "@ExtendWith(WithRedisServerExtension.class)"));
	}

}
