package io.github.resilientredis.test;

import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link RedisServer} was asked for, independent of how it is run (process or container).
 *
 * @param maxClients the {@code --maxclients} value, or {@code 0} for the Redis default
 * @param requirePass the password of the default user, or {@code null}
 * @param aclUser an extra ACL user with all permissions, or {@code null}
 * @param aclPassword the password of {@code aclUser}
 * @param plain whether to open a plain port
 * @param tls whether to open a TLS port
 * @param extraArgs further {@code redis-server} arguments
 */
record RedisServerOptions(int maxClients, String requirePass, String aclUser, String aclPassword, boolean plain,
		boolean tls, List<String> extraArgs) {

	/**
	 * The arguments that do not depend on ports or file locations.
	 * @return the arguments
	 */
	List<String> commonArgs() {
		List<String> args = new ArrayList<>(List.of("--save", "", "--appendonly", "no"));
		if (this.maxClients > 0) {
			args.addAll(List.of("--maxclients", Integer.toString(this.maxClients)));
		}
		if (this.requirePass != null) {
			args.addAll(List.of("--requirepass", this.requirePass));
		}
		if (this.aclUser != null) {
			args.addAll(List.of("--user", this.aclUser, "on", ">" + this.aclPassword, "~*", "&*", "+@all"));
		}
		args.addAll(this.extraArgs);
		return args;
	}

	/**
	 * The TLS arguments for the given file locations, or none when TLS is off.
	 * @param tlsPort the TLS port
	 * @param cert the server certificate path as the server sees it
	 * @param key the server key path as the server sees it
	 * @param ca the CA certificate path as the server sees it
	 * @return the arguments
	 */
	List<String> tlsArgs(int tlsPort, String cert, String key, String ca) {
		if (!this.tls) {
			return List.of();
		}
		return List.of("--tls-port", Integer.toString(tlsPort), "--tls-cert-file", cert, "--tls-key-file", key,
				"--tls-ca-cert-file", ca, "--tls-auth-clients", "optional");
	}

	@Override
	public String toString() {
		return "RedisServerOptions[maxClients=" + this.maxClients + ", requirePass="
				+ ((this.requirePass != null) ? "******" : null) + ", aclUser=" + this.aclUser + ", plain=" + this.plain
				+ ", tls=" + this.tls + ", extraArgs=" + this.extraArgs.size() + "]";
	}

}
