package io.github.resilientredis.connection;

import java.net.SocketAddress;

/**
 * A guarded channel writer of a Redis Cluster node connection, told the address its
 * connection connects (and reconnects) to, so that it can pick the circuit breaker of that
 * node.
 */
public interface ClusterNodeWriter {

	/**
	 * Called when the connection resolved the address it is about to connect to, before the
	 * first command of that connection is written.
	 * @param address the node's address
	 */
	void connectingTo(SocketAddress address);

}
