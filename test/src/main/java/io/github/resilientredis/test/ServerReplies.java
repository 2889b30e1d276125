package io.github.resilientredis.test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses the text replies of CLIENT LIST and INFO commandstats, which Lettuce returns as
 * plain strings.
 */
final class ServerReplies {

	private ServerReplies() {
	}

	/**
	 * Parse a CLIENT LIST reply.
	 * @param clientList the reply: one line per client of space-separated {@code key=value}
	 * @return one map per client, fields in server order
	 */
	static List<Map<String, String>> clients(String clientList) {
		List<Map<String, String>> clients = new ArrayList<>();
		for (String line : clientList.split("\r?\n")) {
			if (line.isBlank()) {
				continue;
			}
			Map<String, String> client = new LinkedHashMap<>();
			for (String field : line.trim().split(" ")) {
				int equals = field.indexOf('=');
				if (equals > 0) {
					client.put(field.substring(0, equals), field.substring(equals + 1));
				}
			}
			clients.add(client);
		}
		return clients;
	}

	/**
	 * Read one field of an INFO reply ({@code name:value} lines).
	 * @param info the reply
	 * @param name the field name, e.g. {@code run_id}
	 * @return the value, or {@code ""} when the field does not appear
	 */
	static String infoField(String info, String name) {
		String prefix = name + ":";
		for (String line : info.split("\r?\n")) {
			if (line.startsWith(prefix)) {
				return line.substring(prefix.length()).trim();
			}
		}
		return "";
	}

	/**
	 * Read the {@code calls} of a command from an INFO commandstats reply
	 * ({@code cmdstat_get:calls=5,usec=...}).
	 * @param commandStats the reply
	 * @param command the command, case-insensitive, e.g. {@code get} or {@code client|list}
	 * @return the calls, or {@code 0} when the command does not appear
	 */
	static long commandCalls(String commandStats, String command) {
		String prefix = "cmdstat_" + command.toLowerCase(Locale.ROOT) + ":";
		for (String line : commandStats.split("\r?\n")) {
			if (line.startsWith(prefix)) {
				for (String field : line.substring(prefix.length()).split(",")) {
					if (field.startsWith("calls=")) {
						return Long.parseLong(field.substring("calls=".length()).trim());
					}
				}
			}
		}
		return 0;
	}

}
