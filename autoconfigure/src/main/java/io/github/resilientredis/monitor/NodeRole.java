package io.github.resilientredis.monitor;

/**
 * The role of a Redis node in its topology.
 */
public enum NodeRole {

	/** Serves writes: the standalone server, a cluster master, the sentinels' master. */
	MASTER,
	/** Replicates a master. */
	REPLICA,
	/** Not known (the node could not be asked). */
	UNKNOWN

}
