package io.github.resilientredis.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code redis-server --sentinel} child process on a free loopback port, run from a
 * generated configuration file in its own temporary directory (Sentinel insists on a
 * writable configuration file, which {@link ProcessBackend} does not write).
 */
final class SentinelProcess implements AutoCloseable {

	static final String HOST = LocalProcesses.HOST;

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(10);

	private static final int PORT_ATTEMPTS = 5;

	private final Path dir;

	private final int port;

	private final Process process;

	private SentinelProcess(Path dir, int port, Process process) {
		this.dir = dir;
		this.port = port;
		this.process = process;
	}

	/**
	 * Start a sentinel with the given {@code sentinel ...} configuration lines.
	 * @param binary the {@code redis-server} binary
	 * @param sentinelLines the {@code sentinel monitor ...} and related lines
	 * @return the running sentinel, ready for connections
	 */
	static SentinelProcess start(Path binary, List<String> sentinelLines) {
		Path dir = createDir();
		IllegalStateException last = null;
		for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
			int port = LocalProcesses.freePorts(1)[0];
			Path conf = dir.resolve("sentinel-" + port + ".conf");
			Path log = dir.resolve("sentinel-" + port + ".log");
			write(conf, "port " + port + "\nbind " + HOST + "\ndaemonize no\ndir " + dir + "\nlogfile " + log + "\n"
					+ String.join("\n", sentinelLines) + "\n");
			Process process = launch(binary, conf, dir.resolve("sentinel-" + port + ".out"));
			LocalProcesses.reapOnExit(process);
			SentinelProcess sentinel = new SentinelProcess(dir, port, process);
			try {
				sentinel.awaitReady(log);
				return sentinel;
			}
			catch (IllegalStateException ex) {
				process.destroyForcibly();
				LocalProcesses.forget(process);
				last = ex;
				if (!LocalProcesses.read(log).contains("Address already in use")) {
					break;
				}
			}
		}
		TempDirs.delete(dir);
		throw (last != null) ? last : new IllegalStateException("redis-server --sentinel did not start");
	}

	private static Process launch(Path binary, Path conf, Path output) {
		try {
			return new ProcessBuilder(binary.toString(), conf.toString(), "--sentinel").redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not run " + binary + " --sentinel: " + ex.getMessage(), ex);
		}
	}

	private void awaitReady(Path log) {
		long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (LocalProcesses.read(log).contains("Sentinel ID is")) {
				return;
			}
			if (!this.process.isAlive()) {
				throw new IllegalStateException("redis-server --sentinel exited with code " + this.process.exitValue()
						+ ". Log:\n" + LocalProcesses.read(log));
			}
			LocalProcesses.pause(20, "the sentinel");
		}
		throw new IllegalStateException("redis-server --sentinel did not get ready within "
				+ READY_TIMEOUT.toSeconds() + " s. Log:\n" + LocalProcesses.read(log));
	}

	int port() {
		return this.port;
	}

	String log() {
		return LocalProcesses.read(this.dir.resolve("sentinel-" + this.port + ".log"));
	}

	@Override
	public void close() {
		this.process.destroyForcibly();
		try {
			if (this.process.waitFor(10, TimeUnit.SECONDS)) {
				LocalProcesses.forget(this.process);
			}
			else {
				throw new IllegalStateException("redis-server --sentinel (pid " + this.process.pid()
						+ ") survived SIGKILL");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the sentinel to exit", ex);
		}
		finally {
			TempDirs.delete(this.dir);
		}
	}

	private static Path createDir() {
		try {
			Path dir = Files.createTempDirectory("redis-sentinel-");
			TempDirs.deleteOnExit(dir);
			return dir;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void write(Path file, String text) {
		try {
			Files.writeString(file, text, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
