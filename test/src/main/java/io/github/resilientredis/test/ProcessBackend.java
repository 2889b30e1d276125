package io.github.resilientredis.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs Redis as a local {@code redis-server} child process bound to 127.0.0.1 on free ports,
 * with its own temporary directory and log file.
 */
final class ProcessBackend implements RedisBackend {

	private static final String HOST = LocalProcesses.HOST;

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(10);

	private static final int PORT_ATTEMPTS = 5;

	private final Path binary;

	private final RedisServerOptions options;

	private final TlsMaterial tls;

	private final Path dir;

	private int port = -1;

	private int tlsPort = -1;

	private Process process;

	private boolean paused;

	private int launches;

	ProcessBackend(Path binary, RedisServerOptions options, TlsMaterial tls) {
		this.binary = binary;
		this.options = options;
		this.tls = tls;
		try {
			this.dir = Files.createTempDirectory("redis-fixture-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		TempDirs.deleteOnExit(this.dir);
	}

	/**
	 * Find {@code redis-server} on the PATH, in /usr/bin or in /usr/local/bin.
	 * @return the binary, if any
	 */
	static Optional<Path> findBinary() {
		List<Path> candidates = new ArrayList<>();
		String path = System.getenv("PATH");
		if (path != null) {
			for (String entry : path.split(java.io.File.pathSeparator)) {
				if (!entry.isEmpty()) {
					candidates.add(Path.of(entry, "redis-server"));
				}
			}
		}
		candidates.add(Path.of("/usr/bin/redis-server"));
		candidates.add(Path.of("/usr/local/bin/redis-server"));
		return candidates.stream().filter(Files::isExecutable).findFirst();
	}

	@Override
	public synchronized void start() {
		PortConflictException last = null;
		for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
			int[] ports = LocalProcesses.freePorts((this.options.plain() ? 1 : 0) + (this.options.tls() ? 1 : 0));
			this.port = this.options.plain() ? ports[0] : -1;
			this.tlsPort = this.options.tls() ? ports[ports.length - 1] : -1;
			try {
				launch();
				return;
			}
			catch (PortConflictException ex) {
				last = ex;
			}
		}
		throw new IllegalStateException("redis-server found no free port after " + PORT_ATTEMPTS + " attempts",
				last);
	}

	@Override
	public synchronized void restart() {
		long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
		while (true) {
			try {
				launch();
				return;
			}
			catch (PortConflictException ex) {
				// the old socket may linger for a moment; the port must stay the same
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("Could not restart redis-server on the same port", ex);
				}
				LocalProcesses.pause(100, "redis-server");
			}
		}
	}

	private void launch() {
		this.launches++;
		Path log = logFile();
		List<String> command = new ArrayList<>(List.of(this.binary.toString(), "--port",
				Integer.toString(Math.max(this.port, 0)), "--bind", HOST, "--daemonize", "no", "--dir",
				this.dir.toString(), "--logfile", log.toString()));
		if (this.options.tls()) {
			command.addAll(this.options.tlsArgs(this.tlsPort, this.tls.serverCertFile().toString(),
					this.tls.serverKeyFile().toString(), this.tls.caCertFile().toString()));
		}
		command.addAll(this.options.commonArgs());
		try {
			this.process = new ProcessBuilder(command).directory(this.dir.toFile())
				.redirectErrorStream(true)
				.redirectOutput(outputFile().toFile())
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not run " + this.binary + ": " + ex.getMessage(), ex);
		}
		LocalProcesses.reapOnExit(this.process);
		this.paused = false;
		awaitReady(log);
	}

	private void awaitReady(Path log) {
		long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			String text = LocalProcesses.read(log);
			if (text.contains("Ready to accept connections")) {
				return;
			}
			if (!this.process.isAlive()) {
				LocalProcesses.forget(this.process);
				text = text + LocalProcesses.read(outputFile());
				if (text.contains("Address already in use")) {
					throw new PortConflictException();
				}
				throw new IllegalStateException("redis-server exited with code " + this.process.exitValue()
						+ " on start (" + this.options + "). Log tail:\n" + logTail());
			}
			LocalProcesses.pause(20, "redis-server");
		}
		kill();
		throw new IllegalStateException(
				"redis-server did not get ready within " + READY_TIMEOUT.toSeconds() + " s. Log tail:\n" + logTail());
	}

	@Override
	public String host() {
		return HOST;
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
		if (!isRunning()) {
			return;
		}
		if (this.paused) {
			resume();
		}
		this.process.destroy();
		if (!waitForExit(Duration.ofSeconds(10))) {
			kill();
		}
	}

	@Override
	public synchronized void kill() {
		if (this.process == null) {
			return;
		}
		this.process.destroyForcibly();
		if (!waitForExit(Duration.ofSeconds(10))) {
			throw new IllegalStateException("redis-server (pid " + this.process.pid() + ") survived SIGKILL");
		}
	}

	private boolean waitForExit(Duration timeout) {
		try {
			boolean exited = this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
			if (exited) {
				LocalProcesses.forget(this.process);
				this.paused = false;
			}
			return exited;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for redis-server to exit", ex);
		}
	}

	@Override
	public synchronized void pause() {
		requireRunning("pause");
		signal("STOP", 'T');
		this.paused = true;
	}

	@Override
	public synchronized void resume() {
		requireRunning("resume");
		signal("CONT", 'S');
		this.paused = false;
	}

	private void requireRunning(String action) {
		if (!isRunning()) {
			throw new IllegalStateException("Cannot " + action + " redis-server: it is not running");
		}
	}

	private void signal(String signal, char expectedState) {
		long pid = this.process.pid();
		try {
			Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true)
				.start();
			if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
				throw new IllegalStateException("'kill -" + signal + " " + pid + "' failed");
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not send SIG" + signal + " to redis-server: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while signalling redis-server", ex);
		}
		awaitProcState(pid, expectedState);
	}

	// kill(1) returns before the kernel has (un)stopped the process; /proc tells when it has
	private static void awaitProcState(long pid, char expected) {
		Path stat = Path.of("/proc", Long.toString(pid), "stat");
		long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
		while (Files.exists(stat) && System.nanoTime() < deadline) {
			String text = LocalProcesses.read(stat);
			int end = text.lastIndexOf(')');
			if (end < 0 || end + 2 >= text.length()) {
				return;
			}
			char state = text.charAt(end + 2);
			boolean stopped = state == 'T' || state == 't';
			if ((expected == 'T') == stopped) {
				return;
			}
			LocalProcesses.pause(5, "redis-server");
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.process != null && this.process.isAlive();
	}

	@Override
	public synchronized boolean isPaused() {
		return this.paused && isRunning();
	}

	@Override
	public String logTail() {
		return tail(LocalProcesses.read(outputFile()) + LocalProcesses.read(logFile()), 30);
	}

	@Override
	public synchronized void close() {
		kill();
		TempDirs.delete(this.dir);
	}

	private Path logFile() {
		return this.dir.resolve("redis-" + this.launches + ".log");
	}

	private Path outputFile() {
		return this.dir.resolve("redis-" + this.launches + ".out");
	}

	private static String tail(String text, int lines) {
		List<String> all = Stream.of(text.split("\n")).filter((line) -> !line.isBlank()).toList();
		return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
	}

	/**
	 * The chosen port was taken between allocation and bind.
	 */
	private static final class PortConflictException extends RuntimeException {

		PortConflictException() {
			super("Address already in use", null, false, false);
		}

	}

}
