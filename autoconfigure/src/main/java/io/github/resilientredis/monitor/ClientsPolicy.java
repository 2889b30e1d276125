package io.github.resilientredis.monitor;

import org.jspecify.annotations.Nullable;

/**
 * How the clients of a node are judged and shown, from {@code redis.monitor.*} (validated
 * where they are bound).
 *
 * @param ownClientName this application's client name, {@code null} when unknown
 * @param warningThreshold utilization percent of a warning
 * @param criticalThreshold utilization percent of a critical alert
 * @param foreignClientsRatio others-to-own connection ratio flagged as dominant
 * @param showOtherClients whether to keep other applications' addresses, ages and last
 * commands; otherwise only their count per client name is kept
 */
public record ClientsPolicy(@Nullable String ownClientName, int warningThreshold, int criticalThreshold,
		double foreignClientsRatio, boolean showOtherClients) {

	boolean isOwn(String name) {
		return this.ownClientName != null && !this.ownClientName.isEmpty()
				&& (name.equals(this.ownClientName) || name.startsWith(this.ownClientName + ":"));
	}

}
