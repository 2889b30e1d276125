package io.github.resilientredis.resilience;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * Minimal real redis-server process for the resilience tests (stand-in until the shared
 * test fixture lands; same method names).
 */
final class RedisProcess implements AutoCloseable {

	private final int port;

	private final List<String> args;

	private final Path dir;

	private Process process;

	private RedisClient adminClient;

	private StatefulRedisConnection<String, String> admin;

	private RedisProcess(int port, List<String> args) throws IOException {
		this.port = port;
		this.args = args;
		this.dir = Files.createTempDirectory("redis-resilience");
	}

	static RedisProcess start(String... extraArgs) {
		try {
			RedisProcess redis = new RedisProcess(freePort(), List.of(extraArgs));
			redis.restart();
			return redis;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static RedisProcess notStarted() {
		try {
			return new RedisProcess(freePort(), List.of());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	int port() {
		return this.port;
	}

	String host() {
		return "127.0.0.1";
	}

	void restart() {
		List<String> command = new ArrayList<>(List.of("redis-server", "--port", String.valueOf(this.port), "--bind",
				"127.0.0.1", "--save", "", "--appendonly", "no", "--dir", this.dir.toString()));
		command.addAll(this.args);
		try {
			this.process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(this.dir.resolve("redis.log").toFile())
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("redis-server could not be started; install redis-server", ex);
		}
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (System.nanoTime() < deadline) {
			try {
				if ("PONG".equals(admin().ping())) {
					return;
				}
			}
			catch (RuntimeException ex) {
				closeAdmin();
				sleep(20);
			}
		}
		throw new IllegalStateException("redis-server did not answer PING on port " + this.port);
	}

	RedisCommands<String, String> admin() {
		if (this.admin == null || !this.admin.isOpen()) {
			this.adminClient = RedisClient.create(RedisURI.create("redis://127.0.0.1:" + this.port));
			this.admin = this.adminClient.connect();
			this.admin.sync().clientSetname("fixture-admin");
		}
		return this.admin.sync();
	}

	long commandCalls(String command) {
		Matcher matcher = Pattern.compile("cmdstat_" + command + ":calls=(\\d+)").matcher(admin().info("commandstats"));
		return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
	}

	void kill() {
		this.process.destroyForcibly();
		closeAdmin();
		try {
			this.process.waitFor();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		waitUntilClosed();
	}

	void pause() {
		signal("STOP");
	}

	void resume() {
		signal("CONT");
	}

	boolean isRunning() {
		return this.process != null && this.process.isAlive();
	}

	private void signal(String signal) {
		try {
			new ProcessBuilder("kill", "-" + signal, String.valueOf(this.process.pid())).start().waitFor();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void waitUntilClosed() {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (System.nanoTime() < deadline) {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", this.port), 100);
				sleep(20);
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void closeAdmin() {
		if (this.adminClient != null) {
			this.adminClient.shutdown(Duration.ZERO, Duration.ofSeconds(1));
			this.adminClient = null;
			this.admin = null;
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		if (this.process != null && this.process.isAlive()) {
			resume();
			kill();
		}
		closeAdmin();
	}

}
