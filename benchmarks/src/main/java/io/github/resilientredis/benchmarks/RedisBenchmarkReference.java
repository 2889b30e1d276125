package io.github.resilientredis.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.resilientredis.test.RedisServer;

/**
 * Runs {@code redis-benchmark} (GET and SET, 64-byte values, 1024 random keys, no pipelining) against
 * the fixture server at the healthy path's concurrencies: the machine's physical reference.
 */
final class RedisBenchmarkReference {

	static final String BINARY = "/usr/bin/redis-benchmark";

	private final RedisServer server;

	private final List<Integer> clients;

	RedisBenchmarkReference(RedisServer server, List<Integer> clients) {
		this.server = server;
		this.clients = clients;
	}

	List<ReferenceResult> run() throws IOException, InterruptedException {
		List<ReferenceResult> results = new ArrayList<>();
		for (int c : this.clients) {
			results.addAll(runOne(c, requests(c)));
		}
		return results;
	}

	String commandLine(int clients) {
		return String.join(" ", command(clients, requests(clients))).replace(Integer.toString(this.server.port()), "PORT");
	}

	private static int requests(int clients) {
		return (clients == 1) ? 30_000 : 100_000;
	}

	private List<String> command(int clients, int requests) {
		return List.of(BINARY, "-h", "127.0.0.1", "-p", Integer.toString(this.server.port()), "-c",
				Integer.toString(clients), "-n", Integer.toString(requests), "-d", "64", "-r", "1024", "-t", "set,get",
				"--csv");
	}

	private List<ReferenceResult> runOne(int clients, int requests) throws IOException, InterruptedException {
		System.out.printf("redis-benchmark: -c %d -n %d%n", clients, requests);
		Process process = new ProcessBuilder(command(clients, requests)).redirectErrorStream(true).start();
		List<String> lines = new ArrayList<>();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				lines.add(line);
			}
		}
		if (!process.waitFor(120, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException("redis-benchmark did not finish within 120 s");
		}
		List<ReferenceResult> results = new ArrayList<>();
		for (String line : lines) {
			// "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
			String[] fields = line.replace("\"", "").split(",");
			if (fields.length >= 7 && (fields[0].equals("GET") || fields[0].equals("SET"))) {
				results.add(new ReferenceResult(fields[0], clients, Double.parseDouble(fields[1]),
						Double.parseDouble(fields[6])));
			}
		}
		if (results.size() != 2) {
			throw new IllegalStateException("Unexpected redis-benchmark output: " + lines);
		}
		return results;
	}

}
