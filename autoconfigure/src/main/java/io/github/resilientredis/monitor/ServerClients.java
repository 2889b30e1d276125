package io.github.resilientredis.monitor;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * One sample of who is connected to the Redis server, from {@code INFO},
 * {@code CONFIG GET maxclients} and {@code CLIENT LIST}; its JSON is the {@code server}
 * section of {@code /actuator/redis}, without the client lists. Values a server refused
 * to give are {@code null} (and left out of the JSON), with the reason in
 * {@link #unavailable()} (left out when every command answered).
 *
 * @param sampledAt when the sample was taken
 * @param version redis_version
 * @param mode redis_mode (standalone, cluster, sentinel)
 * @param connectedClients connected_clients
 * @param maxClients the maxclients setting
 * @param utilizationPercent connected clients in percent of maxclients
 * @param utilizationLevel the utilization level
 * @param blockedClients blocked_clients
 * @param rejectedConnections rejected_connections since the server started
 * @param ownConnections connections whose client name is this application's
 * @param otherConnections all other connections
 * @param foreignClientsDominant whether other clients hold far more connections than
 * this application
 * @param groups connections grouped by client name, largest first; other applications'
 * groups carry only their count unless other clients are shown
 * @param longestIdle the longest-idle connections, longest first; this application's
 * only unless other clients are shown
 * @param unavailable command name to the reason it could not be used (forbidden,
 * unreachable)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServerClients(Instant sampledAt, @Nullable String version, @Nullable String mode,
		@Nullable Long connectedClients, @Nullable Long maxClients, @Nullable Double utilizationPercent,
		UtilizationLevel utilizationLevel, @Nullable Long blockedClients, @Nullable Long rejectedConnections,
		@Nullable Integer ownConnections, @Nullable Integer otherConnections, boolean foreignClientsDominant,
		@JsonIgnore List<ClientGroup> groups, @JsonIgnore List<IdleClient> longestIdle,
		@JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> unavailable) {

	/** A sample of a server that could not be reached, for the (redacted) reason. */
	public static ServerClients unreachable(Instant sampledAt, String reason) {
		return new ServerClients(sampledAt, null, null, null, null, null, UtilizationLevel.UNKNOWN, null, null, null,
				null, false, List.of(), List.of(), Map.of("server", reason));
	}

	/** Whether the server answered at all. */
	public boolean reachable() {
		return !this.unavailable.containsKey("server");
	}

	/**
	 * The figures the {@code redis} health component shows, in this order: what the JSON
	 * shows without the sample time, never the client lists (other applications' addresses
	 * must not reach a health endpoint); {@code null} values and an empty
	 * {@link #unavailable()} left out. A list of names, so a figure added later is not
	 * shown until it is named here.
	 */
	public Map<String, Object> healthFigures() {
		Map<String, @Nullable Object> all = new LinkedHashMap<>();
		all.put("version", this.version);
		all.put("mode", this.mode);
		all.put("connectedClients", this.connectedClients);
		all.put("maxClients", this.maxClients);
		all.put("utilizationPercent", this.utilizationPercent);
		all.put("utilizationLevel", this.utilizationLevel);
		all.put("blockedClients", this.blockedClients);
		all.put("rejectedConnections", this.rejectedConnections);
		all.put("ownConnections", this.ownConnections);
		all.put("otherConnections", this.otherConnections);
		all.put("foreignClientsDominant", this.foreignClientsDominant);
		all.put("unavailable", this.unavailable.isEmpty() ? null : this.unavailable);
		Map<String, Object> figures = new LinkedHashMap<>();
		all.forEach((name, value) -> {
			if (value != null) {
				figures.put(name, value);
			}
		});
		return figures;
	}

	/**
	 * The same sample with other applications' connections reduced to a count per client
	 * name: no addresses, ages or last commands.
	 */
	public ServerClients withoutOtherClientDetails() {
		return new ServerClients(this.sampledAt, this.version, this.mode, this.connectedClients, this.maxClients,
				this.utilizationPercent, this.utilizationLevel, this.blockedClients, this.rejectedConnections,
				this.ownConnections, this.otherConnections, this.foreignClientsDominant,
				this.groups.stream().map((group) -> group.own() ? group : group.withoutDetails()).toList(),
				this.longestIdle.stream().filter(IdleClient::own).toList(), this.unavailable);
	}

	/**
	 * Connections sharing one client name. The details are {@code null} for another
	 * application's connections unless they are shown.
	 *
	 * @param name the client name, {@code ""} for unnamed connections
	 * @param own whether the name is this application's
	 * @param count number of connections
	 * @param oldestAgeSeconds age of the oldest connection
	 * @param longestIdleSeconds idle time of the longest-idle connection
	 * @param addresses client addresses, capped
	 */
	public record ClientGroup(String name, boolean own, int count, @Nullable Long oldestAgeSeconds,
			@Nullable Long longestIdleSeconds, @Nullable List<String> addresses) {

		/** The count of this group only, without ages and addresses. */
		public ClientGroup withoutDetails() {
			return new ClientGroup(this.name, this.own, this.count, null, null, null);
		}

	}

	/**
	 * One long-idle connection.
	 *
	 * @param name the client name
	 * @param own whether the name is this application's
	 * @param address the client address
	 * @param ageSeconds connection age
	 * @param idleSeconds idle time
	 * @param lastCommand the last command it ran
	 */
	public record IdleClient(String name, boolean own, String address, long ageSeconds, long idleSeconds,
			@Nullable String lastCommand) {
	}

}
