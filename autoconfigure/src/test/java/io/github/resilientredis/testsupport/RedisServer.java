package io.github.resilientredis.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * Interim minimal fixture (plain port only) with the agreed API; replaced by the harness
 * branch's implementation on merge.
 */
public final class RedisServer implements AutoCloseable {

	private final List<String> args;

	private final String password;

	private final int port;

	private final Path dir;

	private Process process;

	private RedisClient adminClient;

	private StatefulRedisConnection<String, String> adminConnection;

	private RedisServer(Builder builder) throws IOException {
		this.args = builder.args;
		this.password = builder.password;
		try (ServerSocket socket = new ServerSocket(0)) {
			this.port = socket.getLocalPort();
		}
		this.dir = Files.createTempDirectory("redis-test");
	}

	public static Builder builder() {
		return new Builder();
	}

	public String host() {
		return "127.0.0.1";
	}

	public int port() {
		return this.port;
	}

	public int tlsPort() {
		return -1;
	}

	public String url() {
		return "redis://127.0.0.1:" + this.port;
	}

	private void launch() {
		List<String> command = new ArrayList<>(List.of("/usr/bin/redis-server", "--port", String.valueOf(this.port),
				"--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", this.dir.toString()));
		if (this.password != null) {
			command.addAll(List.of("--requirepass", this.password));
		}
		command.addAll(this.args);
		try {
			this.process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(this.dir.resolve("redis.log").toFile())
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Install redis-server (apt-get install redis-server)", ex);
		}
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (System.nanoTime() < deadline) {
			try (Socket socket = new Socket(host(), this.port)) {
				return;
			}
			catch (IOException ex) {
				sleep(20);
			}
		}
		throw new IllegalStateException("redis-server did not start on port " + this.port);
	}

	public synchronized void stop() {
		closeAdmin();
		if (this.process != null && this.process.isAlive()) {
			this.process.destroy();
			waitFor();
		}
	}

	public synchronized void kill() {
		closeAdmin();
		if (this.process != null && this.process.isAlive()) {
			this.process.destroyForcibly();
			waitFor();
		}
	}

	private void waitFor() {
		try {
			this.process.waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	public void pause() {
		signal("STOP");
	}

	public void resume() {
		signal("CONT");
	}

	private void signal(String signal) {
		try {
			new ProcessBuilder("kill", "-" + signal, String.valueOf(this.process.pid())).start().waitFor();
		}
		catch (IOException | InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public synchronized void restart() {
		stop();
		launch();
		admin().ping();
	}

	public boolean isRunning() {
		return this.process != null && this.process.isAlive();
	}

	public synchronized RedisCommands<String, String> admin() {
		if (this.adminConnection == null || !this.adminConnection.isOpen()) {
			RedisURI.Builder builder = RedisURI.builder()
				.withHost(host())
				.withPort(this.port)
				.withClientName("fixture-admin")
				.withTimeout(Duration.ofSeconds(5));
			if (this.password != null) {
				builder.withPassword(this.password.toCharArray());
			}
			RedisURI uri = builder.build();
			this.adminClient = RedisClient.create(uri);
			this.adminConnection = this.adminClient.connect();
		}
		return this.adminConnection.sync();
	}

	public List<Map<String, String>> clients() {
		List<Map<String, String>> clients = new ArrayList<>();
		for (String line : admin().clientList().split("\\r?\\n")) {
			if (line.isBlank()) {
				continue;
			}
			Map<String, String> client = new HashMap<>();
			for (String pair : line.trim().split(" ")) {
				int eq = pair.indexOf('=');
				if (eq > 0) {
					client.put(pair.substring(0, eq), pair.substring(eq + 1));
				}
			}
			if (!"fixture-admin".equals(client.get("name"))) {
				clients.add(client);
			}
		}
		return clients;
	}

	public long clientCount(String name) {
		return clients().stream().filter((client) -> name.equals(client.get("name"))).count();
	}

	private synchronized void closeAdmin() {
		if (this.adminClient != null) {
			this.adminClient.shutdown(Duration.ZERO, Duration.ofSeconds(1));
			this.adminClient = null;
			this.adminConnection = null;
		}
	}

	@Override
	public void close() {
		if (isRunning()) {
			resume();
		}
		kill();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Options of a server.
	 */
	public static final class Builder {

		private final List<String> args = new ArrayList<>();

		private String password;

		public Builder maxClients(int maxClients) {
			return arg("--maxclients", String.valueOf(maxClients));
		}

		public Builder requirePass(String password) {
			this.password = password;
			return this;
		}

		public Builder arg(String... args) {
			this.args.addAll(List.of(args));
			return this;
		}

		public RedisServer start() {
			try {
				RedisServer server = new RedisServer(this);
				server.launch();
				return server;
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
