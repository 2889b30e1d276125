package io.github.resilientredis.test;

import java.util.function.BooleanSupplier;

/**
 * Chooses how a {@link RedisServer} is run: a local process when {@code redis-server} exists
 * (it is faster), else a Docker container, else not at all (a failure, never a skipped test).
 */
final class RedisBackends {

	private RedisBackends() {
	}

	static RedisBackend create(RedisServerOptions options, TlsMaterial tls) {
		Kind kind = select(ProcessBackend.findBinary().isPresent(), RedisBackends::isDockerAvailable);
		return switch (kind) {
			case PROCESS -> new ProcessBackend(ProcessBackend.findBinary().orElseThrow(), options, tls);
			case CONTAINER -> new ContainerBackend(options, tls);
		};
	}

	// Testcontainers is only needed on the class path of modules that rely on Docker
	private static boolean isDockerAvailable() {
		try {
			return ContainerBackend.isDockerAvailable();
		}
		catch (LinkageError ex) {
			return false;
		}
	}

	static Kind select(boolean binaryFound, BooleanSupplier dockerAvailable) {
		if (binaryFound) {
			return Kind.PROCESS;
		}
		if (dockerAvailable.getAsBoolean()) {
			return Kind.CONTAINER;
		}
		throw new IllegalStateException("Redis integration tests need a real Redis, but neither redis-server "
				+ "(looked on the PATH, /usr/bin, /usr/local/bin) nor a Docker engine was found: install "
				+ "redis-server (e.g. 'apt-get install redis-server' or 'brew install redis') or start a "
				+ "Docker engine for Testcontainers");
	}

	/**
	 * The ways to run a server.
	 */
	enum Kind {

		/**
		 * A local {@code redis-server} process.
		 */
		PROCESS,

		/**
		 * A Testcontainers {@code redis:7.2} container.
		 */
		CONTAINER

	}

}
