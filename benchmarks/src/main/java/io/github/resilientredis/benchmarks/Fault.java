package io.github.resilientredis.benchmarks;

import io.github.resilientredis.test.RedisServer;

/**
 * What happens to the fixture Redis during the outage phase of a {@link FaultScenario}.
 */
enum Fault {

	/** SIGKILL, then a restart on the same port (data kept by AOF, like a persistent production Redis). */
	KILL("kill", "SIGKILL, restart on the same port") {

		@Override
		void inject(RedisServer server) {
			server.kill();
		}

		@Override
		void recover(RedisServer server) {
			server.restart();
		}

	},

	/** SIGSTOP, then SIGCONT: connections stay open, nothing is answered. */
	PAUSE("sigstop", "SIGSTOP, then SIGCONT") {

		@Override
		void inject(RedisServer server) {
			server.pause();
		}

		@Override
		void recover(RedisServer server) {
			server.resume();
		}

	};

	private final String label;

	private final String description;

	Fault(String label, String description) {
		this.label = label;
		this.description = description;
	}

	String label() {
		return this.label;
	}

	String description() {
		return this.description;
	}

	abstract void inject(RedisServer server);

	abstract void recover(RedisServer server);

}
