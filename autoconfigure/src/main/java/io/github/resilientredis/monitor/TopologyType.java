package io.github.resilientredis.monitor;

/**
 * How the application reaches Redis, which decides how the monitored nodes are found.
 */
public enum TopologyType {

	/** One server. */
	STANDALONE,
	/** Redis Cluster: every master and replica {@code CLUSTER NODES} lists. */
	CLUSTER,
	/** Redis Sentinel: the master the sentinels name and its replicas. */
	SENTINEL

}
