package io.github.resilientredis.autoconfigure;

import java.time.Duration;

/**
 * Server-side monitoring: client counts against maxclients, stuck retries, event
 * history.
 * <p>
 * Bound under {@code redis.monitor.*} as part of {@link RedisResilienceProperties}.
 */
public class RedisMonitorProperties {

	/**
	 * Whether to sample INFO clients periodically.
	 */
	private boolean enabled = true;

	/**
	 * Sampling interval of INFO clients.
	 */
	private Duration interval = Duration.ofSeconds(30);

	/**
	 * Utilization of maxclients, in percent, from which a warning is raised.
	 */
	private int warningThreshold = 80;

	/**
	 * Utilization of maxclients, in percent, from which a critical alert is raised.
	 */
	private int criticalThreshold = 90;

	/**
	 * Ratio of other clients' connections to this application's from which they are
	 * flagged as dominant.
	 */
	private double foreignClientsRatio = 4.0;

	/**
	 * Number of connection events kept for /actuator/redis/events.
	 */
	private int eventHistorySize = 100;

	/**
	 * Whether to show other applications' connections (addresses, ages, last commands)
	 * in /actuator/redis.
	 */
	private boolean showOtherClients;

	/**
	 * Duration from which a slow-log entry is logged as a WARN and counted in
	 * redis.slow.commands.
	 */
	private Duration slowCommandThreshold = Duration.ofMillis(100);

	/**
	 * Number of the newest SLOWLOG entries read from each node per sample.
	 */
	private int slowLogEntries = 10;

	/**
	 * Maximum number of cluster or sentinel nodes monitored, each with its own
	 * connection.
	 */
	private int maxNodes = 16;

	public Duration getSlowCommandThreshold() {
		return this.slowCommandThreshold;
	}

	public void setSlowCommandThreshold(Duration slowCommandThreshold) {
		this.slowCommandThreshold = slowCommandThreshold;
	}

	public int getSlowLogEntries() {
		return this.slowLogEntries;
	}

	public void setSlowLogEntries(int slowLogEntries) {
		this.slowLogEntries = slowLogEntries;
	}

	public int getMaxNodes() {
		return this.maxNodes;
	}

	public void setMaxNodes(int maxNodes) {
		this.maxNodes = maxNodes;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getInterval() {
		return this.interval;
	}

	public void setInterval(Duration interval) {
		this.interval = interval;
	}

	public int getWarningThreshold() {
		return this.warningThreshold;
	}

	public void setWarningThreshold(int warningThreshold) {
		this.warningThreshold = warningThreshold;
	}

	public int getCriticalThreshold() {
		return this.criticalThreshold;
	}

	public void setCriticalThreshold(int criticalThreshold) {
		this.criticalThreshold = criticalThreshold;
	}

	public double getForeignClientsRatio() {
		return this.foreignClientsRatio;
	}

	public void setForeignClientsRatio(double foreignClientsRatio) {
		this.foreignClientsRatio = foreignClientsRatio;
	}

	public int getEventHistorySize() {
		return this.eventHistorySize;
	}

	public void setEventHistorySize(int eventHistorySize) {
		this.eventHistorySize = eventHistorySize;
	}

	public boolean isShowOtherClients() {
		return this.showOtherClients;
	}

	public void setShowOtherClients(boolean showOtherClients) {
		this.showOtherClients = showOtherClients;
	}

}
