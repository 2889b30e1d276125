package io.github.resilientredis.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.github.resilientredis.actuate.RedisEndpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * The sections' JSON keeps the field names of the maps they replaced and leaves absent
 * values out, also under a mapper that includes {@code null}s (the application's, which
 * Boot uses for a response that is not an {@code OperationResponseBody}).
 */
class RedisMonitorSectionsJsonTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void poolWhenUnavailableShouldOnlySayAvailableFalse() {
		assertThat(this.json.writeValueAsString(RedisMonitor.PoolSection.UNAVAILABLE))
			.isEqualTo("{\"available\":false}");
	}

	@Test
	void poolWhenNotFullShouldLeaveOutTotalsAndLeaks() {
		RedisMonitor.PoolSection pool = new RedisMonitor.PoolSection(null, true, 1, 2, 0, 8, null, null, null, null,
				null);
		assertThat(this.json.writeValueAsString(pool))
			.isEqualTo("{\"pooled\":true,\"active\":1,\"idle\":2,\"waiting\":0,\"max\":8}");
	}

	@Test
	void retriesWhenOnlyResetterShouldShowOnlyResets() {
		RedisMonitor.RetriesSection retries = new RedisMonitor.RetriesSection(null, null, null, null, null, null, null,
				null, 0L, null, null);
		assertThat(this.json.writeValueAsString(retries)).isEqualTo("{\"resets\":0}");
	}

	@Test
	void serverWhenEveryCommandAnsweredShouldLeaveOutUnavailable() {
		ServerClients sample = new ServerClients(Instant.EPOCH, "8.0.0", "standalone", 3L, null, null,
				UtilizationLevel.UNKNOWN, 0L, 0L, 2, 1, false, List.of(), List.of(), Map.of());
		assertThat(this.json.writeValueAsString(sample))
			.isEqualTo("{\"sampledAt\":\"1970-01-01T00:00:00Z\",\"version\":\"8.0.0\",\"mode\":\"standalone\","
					+ "\"connectedClients\":3,\"utilizationLevel\":\"UNKNOWN\",\"blockedClients\":0,"
					+ "\"rejectedConnections\":0,\"ownConnections\":2,\"otherConnections\":1,"
					+ "\"foreignClientsDominant\":false}");
	}

	@Test
	void healthFiguresShouldBeTheNamedFiguresWithoutSampleTimeOrClientLists() {
		ServerClients sample = new ServerClients(Instant.EPOCH, "8.0.0", null, 3L, 10L, 30.0, UtilizationLevel.OK, 0L,
				null, 1, 2, false,
				List.of(new ServerClients.ClientGroup("other-app", false, 2, 5L, 1L, List.of("10.0.0.7:50000"))),
				List.of(new ServerClients.IdleClient("other-app", false, "10.0.0.7:50000", 5, 1, "get")), Map.of());
		assertThat(sample.healthFigures()).containsExactly(entry("version", "8.0.0"), entry("connectedClients", 3L),
				entry("maxClients", 10L), entry("utilizationPercent", 30.0),
				entry("utilizationLevel", UtilizationLevel.OK), entry("blockedClients", 0L),
				entry("ownConnections", 1), entry("otherConnections", 2), entry("foreignClientsDominant", false));
		assertThat(ServerClients.unreachable(Instant.EPOCH, "refused").healthFigures())
			.containsExactly(entry("utilizationLevel", UtilizationLevel.UNKNOWN),
					entry("foreignClientsDominant", false), entry("unavailable", Map.of("server", "refused")));
	}

	@Test
	void clientsShouldShowTheServerFiguresAsItsOwnFields() {
		ServerClients sample = new ServerClients(Instant.EPOCH, null, null, 3L, null, null,
				UtilizationLevel.UNKNOWN, null, null, null, null, false, List.of(), List.of(), Map.of("INFO", "forbidden"));
		assertThat(this.json.writeValueAsString(RedisEndpoint.ClientsDescriptor.of(sample, false)))
			.isEqualTo("{\"sampledAt\":\"1970-01-01T00:00:00Z\",\"connectedClients\":3,\"utilizationLevel\":\"UNKNOWN\","
					+ "\"foreignClientsDominant\":false,\"unavailable\":{\"INFO\":\"forbidden\"},"
					+ "\"otherClientsShown\":false,\"groups\":[],\"longestIdle\":[]}");
	}

	@Test
	void resilienceShouldNestBreakerFallbackAndJournal() {
		RedisMonitor.ResilienceSection resilience = new RedisMonitor.ResilienceSection(
				new RedisMonitor.CircuitBreaker("redis", "CLOSED"), null,
				new RedisMonitor.FallbackSection(false, null, 0, 1, 2), new RedisMonitor.JournalSection(0, false, 0),
				null, null);
		assertThat(this.json.writeValueAsString(resilience))
			.isEqualTo("{\"circuitBreaker\":{\"name\":\"redis\",\"state\":\"CLOSED\"},"
					+ "\"fallback\":{\"active\":false,\"entries\":0,\"hits\":1,\"misses\":2},"
					+ "\"journal\":{\"size\":0,\"overflowed\":false,\"replays\":0}}");
	}

	@Test
	void resetWhenUnsupportedShouldGiveTheReasonOnly() {
		RedisEndpoint.ResetResult result = new RedisEndpoint.ResetResult(false, "unsupported", null, null);
		assertThat(this.json.writeValueAsString(result)).isEqualTo("{\"reset\":false,\"reason\":\"unsupported\"}");
	}

	@Test
	void leakSuspectShouldShowConnectionAndHeldFor() {
		assertThat(this.json.writeValueAsString(new RedisMonitor.LeakSuspect("c1", Duration.ofSeconds(2))))
			.isEqualTo("{\"connection\":\"c1\",\"heldFor\":\"PT2S\"}");
	}

}
