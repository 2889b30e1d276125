package io.github.resilientredis.test;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit extension that starts a {@link RedisServer} before all tests of a class and closes it
 * after them. Before each test a server left paused or down by an earlier test is resumed or
 * restarted (same port), so tests do not depend on each other's order. Registered on an
 * instance field instead of a static one, it starts a server per test and closes it after.
 * Test methods and constructors may declare a {@link RedisServer} parameter.
 *
 * <pre class="code">
 * &#64;RegisterExtension
 * static RedisServerExtension redis = new RedisServerExtension(RedisServer.builder().requirePass("s3cret"))
 *     .failOnLeakedConnections();
 * </pre>
 *
 * @see WithRedisServer the annotation form
 */
public class RedisServerExtension
		implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback, ParameterResolver {

	private final RedisServer.Builder builder;

	private RedisServer server;

	private boolean perTest;

	private boolean checkLeaks;

	private ConnectionLeakCheck leakCheck;

	/**
	 * Create an extension for a server with default options.
	 */
	public RedisServerExtension() {
		this(RedisServer.builder());
	}

	/**
	 * Create an extension for a server built by the given builder.
	 * @param builder the builder; started in {@code beforeAll}
	 */
	public RedisServerExtension(RedisServer.Builder builder) {
		this.builder = builder;
	}

	/**
	 * Fail every test that leaves connections open on the server (see
	 * {@link ConnectionLeakCheck}).
	 * @return this extension
	 */
	public RedisServerExtension failOnLeakedConnections() {
		this.checkLeaks = true;
		return this;
	}

	/**
	 * The running server.
	 * @return the server
	 * @throws IllegalStateException when called outside the test class lifecycle
	 */
	public RedisServer server() {
		if (this.server == null) {
			throw new IllegalStateException(
					"RedisServerExtension has not started: register it with @RegisterExtension on a static field");
		}
		return this.server;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		if (this.server == null) {
			this.server = this.builder.start();
		}
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		if (this.server == null) {
			this.perTest = true;
			this.server = this.builder.start();
		}
		else {
			this.server.restore();
		}
		this.leakCheck = this.checkLeaks ? this.server.connectionLeakCheck() : null;
	}

	@Override
	public void afterEach(ExtensionContext context) {
		try {
			if (this.leakCheck != null) {
				ConnectionLeakCheck check = this.leakCheck;
				this.leakCheck = null;
				this.server.restore();
				check.assertNoLeaks();
			}
		}
		finally {
			if (this.perTest) {
				close();
			}
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		close();
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == RedisServer.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		if (this.server == null) {
			// a constructor parameter of a per-method instance is resolved before beforeEach
			beforeAll(extensionContext);
		}
		return server();
	}

	private void close() {
		if (this.server != null) {
			RedisServer closing = this.server;
			this.server = null;
			closing.close();
		}
	}

}
