package io.github.resilientredis.connection;

import java.util.function.Supplier;

import io.lettuce.core.cluster.models.partitions.Partitions;
import org.jspecify.annotations.Nullable;

/**
 * The topology of the Redis Cluster the guarded client connects to, as Lettuce knows it,
 * and a way to make Lettuce reload it (after a failover, before its periodic refresh).
 * @param partitions the client's current view of the nodes and their slots; supplies
 * {@code null} until the client loaded the topology for the first time
 * @param refresh asks Lettuce to reload the topology in the background
 */
public record ClusterTopology(Supplier<@Nullable Partitions> partitions, Runnable refresh) {
}
