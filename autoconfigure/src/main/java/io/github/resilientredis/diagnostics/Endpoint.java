package io.github.resilientredis.diagnostics;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Where the application connects, as a fact rather than text: the topology, whether TLS
 * is on, the address without credentials and, for Sentinel, the master name. The factory
 * produces it; the failure hints read its fields; {@link #toString()} is the text logs
 * and health show.
 *
 * @param redactedAddress {@code host:port} of a standalone server, or the list of
 * sentinels or cluster nodes; never with credentials (any user info is masked)
 * @param kind the topology
 * @param tls whether TLS is in use (also when forced by {@code redis.tls.enabled=true})
 * @param sentinelMaster the master name the sentinels are asked for, {@code null} unless
 * {@link Kind#SENTINEL}
 */
public record Endpoint(String redactedAddress, Kind kind, boolean tls, @Nullable String sentinelMaster) {

	public Endpoint {
		redactedAddress = Redaction.maskUserInfo(redactedAddress);
	}

	/** A standalone server at {@code host:port}. */
	public static Endpoint standalone(String address, boolean tls) {
		return new Endpoint(address, Kind.STANDALONE, tls, null);
	}

	/** A master found through the sentinels (as shown to users). */
	public static Endpoint sentinel(String sentinels, @Nullable String master, boolean tls) {
		return new Endpoint(sentinels, Kind.SENTINEL, tls, master);
	}

	/** Redis Cluster with the configured nodes (as shown to users). */
	public static Endpoint cluster(String nodes, boolean tls) {
		return new Endpoint(nodes, Kind.CLUSTER, tls, null);
	}

	/** A standalone server named by a {@code redis://} or {@code rediss://} URL; a password in it is masked. */
	public static Endpoint url(String url) {
		int schemeEnd = url.indexOf("://");
		boolean tls = url.toLowerCase(Locale.ROOT).startsWith("rediss://");
		return standalone((schemeEnd >= 0) ? url.substring(schemeEnd + 3) : url, tls);
	}

	/**
	 * The endpoint as shown in logs and health, for example
	 * {@code rediss://cache.example.com:6380},
	 * {@code redis://[s1:26379, s2:26379] (sentinel master mymaster)} or
	 * {@code redis://[n1:7000, n2:7000] (cluster)}.
	 */
	@Override
	public String toString() {
		return (this.tls ? "rediss://" : "redis://") + this.redactedAddress + switch (this.kind) {
			case STANDALONE -> "";
			case SENTINEL -> " (sentinel master " + ((this.sentinelMaster != null) ? this.sentinelMaster : "") + ")";
			case CLUSTER -> " (cluster)";
		};
	}

	/** The topology of an {@link Endpoint}: one server, a master found through Redis Sentinel, or Redis Cluster. */
	public enum Kind {

		STANDALONE, SENTINEL, CLUSTER

	}

}
