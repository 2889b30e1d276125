package io.github.resilientredis.test;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit extension that starts a {@link RedisClusterFixture} before all tests of a class,
 * {@linkplain RedisClusterFixture#restore() restores} it before each test (nodes an
 * earlier test killed or paused are back, {@code cluster_state:ok}) and closes it after
 * them.
 *
 * <pre class="code">
 * &#64;RegisterExtension
 * static RedisClusterExtension cluster = new RedisClusterExtension();
 * </pre>
 */
public class RedisClusterExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

	private final boolean replicas;

	private RedisClusterFixture cluster;

	/**
	 * An extension for a cluster of three masters without replicas.
	 */
	public RedisClusterExtension() {
		this(false);
	}

	private RedisClusterExtension(boolean replicas) {
		this.replicas = replicas;
	}

	/**
	 * An extension for a cluster of three masters with one replica each
	 * ({@link RedisClusterFixture#startWithReplicas()}); {@code restore()} before each test
	 * also undoes a failover.
	 * @return the extension
	 */
	public static RedisClusterExtension withReplicas() {
		return new RedisClusterExtension(true);
	}

	/**
	 * The running cluster.
	 * @return the cluster
	 * @throws IllegalStateException when called outside the test class lifecycle
	 */
	public RedisClusterFixture cluster() {
		if (this.cluster == null) {
			throw new IllegalStateException(
					"RedisClusterExtension has not started: register it with @RegisterExtension on a static field");
		}
		return this.cluster;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		if (this.cluster == null) {
			this.cluster = this.replicas ? RedisClusterFixture.startWithReplicas() : RedisClusterFixture.start();
		}
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		cluster().restore();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		if (this.cluster != null) {
			RedisClusterFixture closing = this.cluster;
			this.cluster = null;
			closing.close();
		}
	}

}
