package io.github.resilientredis.test;

/**
 * Runs one Redis server for a {@link RedisServer}: a local {@code redis-server} process or a
 * Docker container. Readiness beyond "the server says it is ready" (PING) is checked by the caller.
 */
interface RedisBackend extends AutoCloseable {

	/**
	 * Start on fresh free ports and return once the server accepts connections.
	 */
	void start();

	/**
	 * Start again on the ports of the first start (the server must not be running).
	 */
	void restart();

	/**
	 * Host to connect to.
	 * @return the host
	 */
	String host();

	/**
	 * The plain port.
	 * @return the port, or {@code -1} when there is none
	 */
	int port();

	/**
	 * The TLS port.
	 * @return the port, or {@code -1} when there is none
	 */
	int tlsPort();

	/**
	 * Shut down gracefully (resuming a paused server first) and wait until it is gone.
	 */
	void stop();

	/**
	 * Kill without any chance to clean up and wait until it is gone.
	 */
	void kill();

	/**
	 * Freeze the server: connections stay open, nothing is answered.
	 */
	void pause();

	/**
	 * Unfreeze a paused server.
	 */
	void resume();

	/**
	 * Whether the server exists (also when paused).
	 * @return whether running
	 */
	boolean isRunning();

	/**
	 * Whether the server is paused.
	 * @return whether paused
	 */
	boolean isPaused();

	/**
	 * The last lines the server logged, for failure messages.
	 * @return the log tail
	 */
	String logTail();

	/**
	 * Kill the server if running and release every resource (temp dir, container).
	 */
	@Override
	void close();

}
