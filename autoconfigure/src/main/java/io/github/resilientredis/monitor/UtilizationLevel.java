package io.github.resilientredis.monitor;

import org.jspecify.annotations.Nullable;

/** How close the server is to its {@code maxclients} limit. */
public enum UtilizationLevel {

	/** Below the warning threshold. */
	OK,
	/** At or above the warning threshold. */
	WARNING,
	/** At or above the critical threshold. */
	CRITICAL,
	/** Not known (maxclients or INFO clients unavailable). */
	UNKNOWN;

	/** The level of connected clients in percent of maxclients ({@code null}: unknown). */
	public static UtilizationLevel of(@Nullable Double percent, int warningThreshold, int criticalThreshold) {
		if (percent == null) {
			return UNKNOWN;
		}
		if (percent >= criticalThreshold) {
			return CRITICAL;
		}
		return (percent >= warningThreshold) ? WARNING : OK;
	}

}
