package io.github.resilientredis.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Deletes the fixture's temporary directories, on request or at the latest when the JVM exits.
 */
final class TempDirs {

	private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> PENDING.forEach(TempDirs::delete), "redis-fixture-tmp"));
	}

	private TempDirs() {
	}

	static void deleteOnExit(Path dir) {
		PENDING.add(dir);
	}

	static void delete(Path dir) {
		PENDING.remove(dir);
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(dir)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// best effort: a leftover temp dir must not fail a test
		}
	}

}
