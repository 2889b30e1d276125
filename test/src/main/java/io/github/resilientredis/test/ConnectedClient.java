package io.github.resilientredis.test;

import java.util.Map;

/**
 * One connection a Redis server reports in {@code CLIENT LIST}.
 *
 * @param id the connection id the server assigned (unique until the server restarts)
 * @param name the client name set with {@code CLIENT SETNAME}, or {@code ""} when none
 * @param address the client's address as the server sees it ({@code host:port})
 * @param user the authenticated user
 * @param lastCommand the last command the connection ran, e.g. {@code get} or {@code client|list}
 */
public record ConnectedClient(long id, String name, String address, String user, String lastCommand) {

	static ConnectedClient of(Map<String, String> fields) {
		return new ConnectedClient(Long.parseLong(fields.getOrDefault("id", "-1")), fields.getOrDefault("name", ""),
				fields.getOrDefault("addr", ""), fields.getOrDefault("user", ""), fields.getOrDefault("cmd", ""));
	}

	/**
	 * The name for a human: the client name, or {@code (no name)} when none is set.
	 * @return the display name
	 */
	public String displayName() {
		return this.name.isEmpty() ? "(no name)" : this.name;
	}

}
