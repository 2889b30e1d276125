package io.github.resilientredis.monitor;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One sample of who is connected to the Redis server, from {@code INFO},
 * {@code CONFIG GET maxclients} and {@code CLIENT LIST}. Values a server refused to give
 * are {@code null}, with the reason in {@link #unavailable()}.
 *
 * @param sampledAt when the sample was taken
 * @param version redis_version
 * @param mode redis_mode (standalone, cluster, sentinel)
 * @param connectedClients connected_clients
 * @param blockedClients blocked_clients
 * @param maxClients the maxclients setting
 * @param utilizationPercent connected clients in percent of maxclients
 * @param level the utilization level
 * @param rejectedConnections rejected_connections since the server started
 * @param ownConnections connections whose client name is this application's
 * @param otherConnections all other connections
 * @param foreignClientsDominant whether other clients hold far more connections than
 * this application
 * @param groups connections grouped by client name, largest first
 * @param longestIdle the longest-idle connections, longest first
 * @param unavailable command name to the reason it could not be used (forbidden,
 * unreachable)
 */
public record ServerClients(Instant sampledAt, @Nullable String version, @Nullable String mode,
		@Nullable Long connectedClients, @Nullable Long blockedClients, @Nullable Long maxClients,
		@Nullable Double utilizationPercent, UtilizationLevel level, @Nullable Long rejectedConnections,
		@Nullable Integer ownConnections, @Nullable Integer otherConnections, boolean foreignClientsDominant,
		List<ClientGroup> groups, List<IdleClient> longestIdle, Map<String, String> unavailable) {

	/**
	 * Whether the server answered at all.
	 * @return {@code true} unless the server was unreachable
	 */
	public boolean reachable() {
		return !this.unavailable.containsKey("server");
	}

	/**
	 * Connections sharing one client name.
	 *
	 * @param name the client name, {@code ""} for unnamed connections
	 * @param own whether the name is this application's
	 * @param count number of connections
	 * @param oldestAgeSeconds age of the oldest connection
	 * @param longestIdleSeconds idle time of the longest-idle connection
	 * @param addresses client addresses, capped
	 */
	public record ClientGroup(String name, boolean own, int count, long oldestAgeSeconds, long longestIdleSeconds,
			List<String> addresses) {
	}

	/**
	 * One long-idle connection.
	 *
	 * @param name the client name
	 * @param address the client address
	 * @param ageSeconds connection age
	 * @param idleSeconds idle time
	 * @param lastCommand the last command it ran
	 */
	public record IdleClient(String name, String address, long ageSeconds, long idleSeconds,
			@Nullable String lastCommand) {
	}

}
