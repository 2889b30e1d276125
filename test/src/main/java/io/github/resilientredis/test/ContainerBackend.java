package io.github.resilientredis.test;

import java.util.ArrayList;
import java.util.List;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * Runs Redis in a {@code redis:7.2} Docker container through Testcontainers, for machines
 * without a {@code redis-server} binary. Host ports are fixed at the first start so that
 * {@link #restart()} comes back on the same ones.
 */
final class ContainerBackend implements RedisBackend {

	private static final DockerImageName IMAGE = DockerImageName.parse("redis:7.2");

	private static final int PLAIN = 6379;

	private static final int TLS = 6380;

	private final RedisServerOptions options;

	private final TlsMaterial tls;

	private GenericContainer<?> container;

	private int port = -1;

	private int tlsPort = -1;

	private boolean paused;

	ContainerBackend(RedisServerOptions options, TlsMaterial tls) {
		this.options = options;
		this.tls = tls;
	}

	static boolean isDockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (Throwable ex) {
			// Testcontainers missing from the class path, or Docker unreachable
			return false;
		}
	}

	@Override
	public synchronized void start() {
		// chosen together so the plain and TLS ports cannot be the same one
		int[] ports = LocalProcesses.freePorts((this.options.plain() ? 1 : 0) + (this.options.tls() ? 1 : 0));
		this.port = this.options.plain() ? ports[0] : -1;
		this.tlsPort = this.options.tls() ? ports[ports.length - 1] : -1;
		restart();
	}

	@Override
	public synchronized void restart() {
		if (this.container != null) {
			this.container.stop();
		}
		this.container = newContainer();
		this.container.start();
		this.paused = false;
	}

	private GenericContainer<?> newContainer() {
		List<String> command = new ArrayList<>(List.of("redis-server", "--port",
				Integer.toString(this.options.plain() ? PLAIN : 0), "--bind", "0.0.0.0", "--protected-mode", "no"));
		command.addAll(this.options.tlsArgs(TLS, "/tls/server.crt", "/tls/server.key", "/tls/ca.crt"));
		command.addAll(this.options.commonArgs());
		GenericContainer<?> created = new GenericContainer<>(IMAGE).withCommand(command.toArray(String[]::new))
			.waitingFor(Wait.forLogMessage(".*Ready to accept connections.*\\n", 1));
		List<String> bindings = new ArrayList<>();
		if (this.options.plain()) {
			bindings.add(this.port + ":" + PLAIN);
		}
		if (this.options.tls()) {
			bindings.add(this.tlsPort + ":" + TLS);
			created.withCopyFileToContainer(MountableFile.forHostPath(this.tls.serverCertFile(), 0644), "/tls/server.crt")
				.withCopyFileToContainer(MountableFile.forHostPath(this.tls.serverKeyFile(), 0644), "/tls/server.key")
				.withCopyFileToContainer(MountableFile.forHostPath(this.tls.caCertFile(), 0644), "/tls/ca.crt");
		}
		created.setPortBindings(bindings);
		return created;
	}

	@Override
	public String host() {
		return (this.container != null) ? this.container.getHost() : "127.0.0.1";
	}

	@Override
	public int port() {
		return this.port;
	}

	@Override
	public int tlsPort() {
		return this.tlsPort;
	}

	@Override
	public synchronized void stop() {
		if (isRunning()) {
			if (this.paused) {
				resume();
			}
			this.container.getDockerClient().stopContainerCmd(this.container.getContainerId()).withTimeout(10).exec();
		}
	}

	@Override
	public synchronized void kill() {
		if (isRunning()) {
			this.container.getDockerClient().killContainerCmd(this.container.getContainerId()).exec();
			this.paused = false;
		}
	}

	@Override
	public synchronized void pause() {
		this.container.getDockerClient().pauseContainerCmd(this.container.getContainerId()).exec();
		this.paused = true;
	}

	@Override
	public synchronized void resume() {
		this.container.getDockerClient().unpauseContainerCmd(this.container.getContainerId()).exec();
		this.paused = false;
	}

	@Override
	public synchronized boolean isRunning() {
		return this.container != null && this.container.isRunning();
	}

	@Override
	public synchronized boolean isPaused() {
		return this.paused && isRunning();
	}

	@Override
	public synchronized String logTail() {
		if (this.container == null) {
			return "";
		}
		String[] lines = this.container.getLogs().split("\n");
		return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 30), lines.length));
	}

	@Override
	public synchronized void close() {
		if (this.container != null) {
			this.container.stop();
			this.container = null;
		}
	}

}
