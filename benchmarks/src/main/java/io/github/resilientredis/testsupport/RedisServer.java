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

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * TEMPORARY stand-in for the harness fixture (same API subset) until it lands on main; delete on merge.
 */
public final class RedisServer implements AutoCloseable {

	private final List<String> args;

	private final Path dir;

	private int port;

	private Process process;

	private RedisClient client;

	private StatefulRedisConnection<String, String> connection;

	private RedisServer(List<String> args) throws IOException {
		this.args = args;
		this.dir = Files.createTempDirectory("bench-redis");
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

	public String url() {
		return "redis://127.0.0.1:" + this.port;
	}

	public boolean isRunning() {
		return this.process != null && this.process.isAlive();
	}

	public synchronized RedisCommands<String, String> admin() {
		if (this.connection == null || !this.connection.isOpen()) {
			this.client = RedisClient.create(RedisURI.create(url()));
			this.connection = this.client.connect();
			this.connection.sync().clientSetname("fixture-admin");
		}
		return this.connection.sync();
	}

	public List<Map<String, String>> clients() {
		List<Map<String, String>> result = new ArrayList<>();
		for (String line : admin().clientList().split("\n")) {
			if (line.isBlank()) {
				continue;
			}
			Map<String, String> fields = new HashMap<>();
			for (String field : line.trim().split(" ")) {
				int eq = field.indexOf('=');
				if (eq > 0) {
					fields.put(field.substring(0, eq), field.substring(eq + 1));
				}
			}
			if (!"fixture-admin".equals(fields.get("name"))) {
				result.add(fields);
			}
		}
		return result;
	}

	public long clientCount(String name) {
		return clients().stream().filter((c) -> name.equals(c.get("name"))).count();
	}

	public long commandCalls(String command) {
		String info = admin().info("commandstats");
		for (String line : info.split("\r?\n")) {
			if (line.startsWith("cmdstat_" + command + ":")) {
				String calls = line.substring(line.indexOf("calls=") + 6);
				return Long.parseLong(calls.substring(0, calls.indexOf(',')));
			}
		}
		return 0;
	}

	public void kill() {
		closeAdmin();
		this.process.destroyForcibly();
		waitFor();
	}

	public void stop() {
		kill();
	}

	public void pause() {
		signal("STOP");
	}

	public void resume() {
		signal("CONT");
	}

	public void restart() {
		launch();
	}

	@Override
	public void close() {
		if (isRunning()) {
			kill();
		}
	}

	private void signal(String signal) {
		try {
			new ProcessBuilder("kill", "-" + signal, Long.toString(this.process.pid())).start().waitFor();
		}
		catch (IOException | InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void waitFor() {
		try {
			this.process.waitFor();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void closeAdmin() {
		if (this.client != null) {
			this.client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
			this.client = null;
			this.connection = null;
		}
	}

	private void launch() {
		List<String> command = new ArrayList<>(List.of("redis-server", "--port", Integer.toString(this.port),
				"--bind", "127.0.0.1", "--dir", this.dir.toString(), "--save", "", "--appendonly", "no"));
		command.addAll(this.args);
		try {
			this.process = new ProcessBuilder(command).redirectOutput(this.dir.resolve("log").toFile())
				.redirectErrorStream(true)
				.start();
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (System.nanoTime() < deadline) {
				try (Socket socket = new Socket("127.0.0.1", this.port)) {
					admin().ping();
					return;
				}
				catch (Exception ex) {
					Thread.sleep(20);
				}
			}
			throw new IllegalStateException("redis-server did not start");
		}
		catch (IOException | InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Options.
	 */
	public static final class Builder {

		private final List<String> args = new ArrayList<>();

		public Builder arg(String... values) {
			this.args.addAll(List.of(values));
			return this;
		}

		public RedisServer start() {
			try {
				RedisServer server = new RedisServer(this.args);
				try (ServerSocket socket = new ServerSocket(0)) {
					server.port = socket.getLocalPort();
				}
				server.launch();
				return server;
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
