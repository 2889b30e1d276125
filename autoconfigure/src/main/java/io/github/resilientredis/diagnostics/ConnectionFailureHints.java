package io.github.resilientredis.diagnostics;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLException;

import io.lettuce.core.RedisConnectionException;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Turns a failure from connecting to Redis or running a command into a one-line hint
 * that names the cause users hit most (TLS mismatch, bad certificate, wrong password,
 * missing ACL permission, database out of range, cluster or sentinel settings that do
 * not match the server, {@code maxclients} reached, nothing listening) and the
 * {@code redis.*} property that fixes it.
 * <p>
 * The exception types and messages matched here were observed with Lettuce 7.5 against
 * real {@code redis-server} 7 processes (see {@code ConnectionFailureHintsIntegrationTests}).
 * A failure whose cause Lettuce lost gets no hint, because a wrong hint sends users to
 * the wrong fix. Under load Lettuce 7.5 loses the cause of a failed handshake in two
 * ways: the reply to {@code HELLO} (for example {@code WRONGPASS}) is handled off the
 * event loop when the credentials provider is not read at once (a custom
 * {@code RedisCredentialsProviderFactory}; {@code ImmediateCredentials} avoids it for
 * {@code redis.password}), so closing the channel fires {@code channelInactive} first and
 * the connect fails with "Connection closed prematurely"; or the channel is closed and its
 * pipeline torn down before the connecting thread listens, and the connect fails with
 * "RedisHandshakeHandler not registered". Neither tells who closed the connection or why.
 */
public final class ConnectionFailureHints {

	private static final Pattern DENIED_COMMAND = Pattern.compile("NOPERM .*run the '([^']+)' command");

	private ConnectionFailureHints() {
	}

	/**
	 * Return a hint for a connection or command failure.
	 * @param failure the failure, searched along its whole cause chain (and suppressed)
	 * @param endpoint where the application connects; the message names it
	 * @return the hint, or empty when the failure is not one of the known causes
	 */
	public static Optional<Hint> hint(@Nullable Throwable failure, Endpoint endpoint) {
		if (failure == null) {
			return Optional.empty();
		}
		List<Throwable> chain = Causes.withSuppressed(failure);
		boolean tlsInUse = endpoint.tls()
				|| instanceOf(SSLException.class, SslHandshakeTimeoutException.class).test(chain, false);
		for (Kind kind : Kind.values()) {
			if (kind.matcher.test(chain, tlsInUse)) {
				return Optional.of(new Hint(kind, kind.writer.apply(endpoint, chain)));
			}
		}
		return Optional.empty();
	}

	// the property that names the endpoint
	private static String endpointProperties(Endpoint endpoint) {
		return switch (endpoint.kind()) {
			case CLUSTER -> "redis.cluster.nodes";
			// the refusal may come from a sentinel or from the master a sentinel named
			case SENTINEL -> "redis.sentinel.nodes (and the master the sentinels name, during a failover)";
			case STANDALONE -> "redis.url (or redis.host and redis.port)";
		};
	}

	private static boolean any(List<Throwable> chain, Predicate<Throwable> predicate) {
		return chain.stream().anyMatch(predicate);
	}

	// a chain in which a message contains one of the texts
	private static BiPredicate<List<Throwable>, Boolean> contains(String... texts) {
		return (chain, tls) -> any(chain, (ex) -> ex.getMessage() != null
				&& Arrays.stream(texts).anyMatch(ex.getMessage()::contains));
	}

	// a chain with an exception of one of the types
	private static BiPredicate<List<Throwable>, Boolean> instanceOf(Class<?>... types) {
		return (chain, tls) -> any(chain, (ex) -> Arrays.stream(types).anyMatch((type) -> type.isInstance(ex)));
	}

	/**
	 * Whether the server reset the connection while Lettuce was connecting. A reset, a
	 * write to a socket the server closed, or the handshake command failing before any
	 * reply came are evidence; "Connection closed prematurely" is not, because Lettuce
	 * also fails the connect that way when it closes the channel itself after an error
	 * reply such as {@code WRONGPASS} (see the class comment).
	 */
	private static boolean resetDuringConnect(List<Throwable> chain) {
		boolean connecting = any(chain, RedisConnectionException.class::isInstance);
		boolean reset = any(chain, ClosedChannelException.class::isInstance) || any(chain, (ex) -> {
			String message = (ex.getMessage() != null) ? ex.getMessage().toLowerCase(Locale.ROOT) : "";
			// "Connection closed" is what Lettuce fails the unanswered handshake command with when
			// the reset arrives after HELLO was written (seen on a loaded machine); a HELLO that was
			// answered, with WRONGPASS or anything else, never fails that way
			return message.contains("connection reset") || message.equals("connection closed")
					|| message.contains("broken pipe");
		});
		return connecting && reset;
	}

	// NOPERM names the command: "NOPERM this user has no permissions to run the 'get' command"
	private static String deniedCommand(List<Throwable> chain) {
		for (Throwable ex : chain) {
			Matcher matcher = DENIED_COMMAND.matcher((ex.getMessage() != null) ? ex.getMessage() : "");
			if (matcher.find()) {
				return "'" + matcher.group(1) + "' (grant +" + matcher.group(1).replace(' ', '|') + ")";
			}
		}
		return "a command it needs";
	}

	/**
	 * A hint: the recognized cause and a message that names the fix.
	 *
	 * @param kind the recognized cause
	 * @param message one line naming the endpoint, the cause and the property to change;
	 * never contains a password
	 */
	public record Hint(Kind kind, String message) {

		@Override
		public String toString() {
			return this.kind + ": " + this.message;
		}

	}

	/**
	 * The causes recognized, in the order they are checked; each message names the
	 * endpoint, the cause (with the server's error, where there is one) and the property
	 * to change.
	 */
	public enum Kind {

		AUTHENTICATION_FAILED(contains("WRONGPASS", "NOAUTH", "invalid username-password pair", "invalid password"),
				(endpoint, chain) -> "Redis at " + endpoint + ": authentication failed (WRONGPASS/NOAUTH): check "
						+ "redis.password (REDIS_PASSWORD), or the password in redis.url, and redis.username for an "
						+ "ACL user."
						// the failure does not tell whether a sentinel or the master refused
						+ (endpoint.kind() == Endpoint.Kind.SENTINEL
								? " The sentinels themselves take redis.sentinel.password and redis.sentinel.username."
								: "")),

		// a NOPERM on a key gets no hint: the application's keys are not a setting of the starter
		NO_PERMISSION(
				// the wording of a denied key differs between Redis versions
				contains("NOPERM").and(contains("access a key", "access one of the keys").negate()),
				(endpoint, chain) -> "Redis at " + endpoint + " refused a command (NOPERM): the ACL user in "
						+ "redis.username (or in redis.url) may not run " + deniedCommand(chain) + ". Grant it on the "
						+ "server, e.g. ACL SETUSER <user> +@read +@write +@connection (the categories the starter "
						+ "uses), or set redis.username to a user that has them."),

		DATABASE_OUT_OF_RANGE(contains("DB index is out of range"), "Redis at %s has no such database (ERR DB index "
				+ "is out of range): set redis.database (or the /<db> path of redis.url) below the server's "
				+ "'databases' setting (16 by default), e.g. redis.database=0."),

		CLUSTER_SUPPORT_DISABLED(contains("cluster support disabled"), "Redis at %s is not a cluster (ERR This "
				+ "instance has cluster support disabled): redis.cluster.nodes names a standalone server. Remove "
				+ "redis.cluster.nodes and use redis.url, or point redis.cluster.nodes at the cluster's nodes."),

		UNKNOWN_SENTINEL_MASTER(contains("Cannot provide redisAddress using sentinel for masterId"),
				"The sentinels at %s know no master of that name: set redis.sentinel.master to the name in the "
						+ "sentinels' configuration (SENTINEL MASTERS lists them, e.g. redis.sentinel.master=mymaster)."),

		MAX_CLIENTS_REACHED(contains("max number of clients reached"), "Redis at %s refused the connection: its "
				+ "maxclients limit is reached (ERR max number of clients reached). Find who holds the connections "
				+ "with CLIENT LIST or /actuator/redis/clients, lower redis.pool.max-active in the applications that "
				+ "hold many, or raise maxclients on the server."),

		PROTECTED_MODE(contains("DENIED Redis is running in protected mode"), "Redis at %s is in protected mode and "
				+ "refuses remote clients: set requirepass on the server and the same value in redis.password, or "
				+ "disable protected-mode there."),

		READ_ONLY_REPLICA(contains("READONLY You can't write against a read only replica"), "Redis at %s is a "
				+ "read-only replica: point redis.url at the primary, or use redis.sentinel.* so the client follows "
				+ "failovers."),

		TLS_NOT_SUPPORTED(
				instanceOf(NotSslRecordException.class, SslHandshakeTimeoutException.class)
					.or(contains("not an SSL/TLS record")),
				"Redis at %s did not answer the TLS handshake: it probably does not speak TLS on this port. Use a "
						+ "redis:// URL and set redis.tls.enabled=false, or connect to the server's TLS port."),

		CLIENT_CERTIFICATE_REJECTED(
				contains("certificate_required", "bad_certificate", "unknown_ca", "certificate_unknown"),
				"Redis at %s rejected the client certificate during the TLS handshake (mutual TLS): set "
						+ "redis.tls.client-cert-file and redis.tls.client-key-file to a certificate signed by a CA "
						+ "the server trusts (tls-ca-cert-file), or use redis.tls.bundle."),

		HOST_NAME_MISMATCH(contains("No subject alternative", "No name matching"), "The certificate of Redis at %s "
				+ "does not name that host: connect with a host name the certificate lists (its subject alternative "
				+ "names) in redis.url, or set redis.tls.verify-mode=ca to check the CA chain only."),

		CERTIFICATE_UNTRUSTED(
				instanceOf(CertPathBuilderException.class, CertPathValidatorException.class,
						CertificateExpiredException.class)
					.or(contains("PKIX path", "unable to find valid certification path")),
				(endpoint, chain) -> "The certificate of Redis at " + endpoint
						+ (instanceOf(CertificateExpiredException.class)
							.or(contains("validity check failed", "NotAfter"))
							.test(chain, true)
									? " has expired or is not yet valid: renew the server certificate."
									: " is not trusted: set redis.tls.ca-file to the PEM file of the CA that "
											+ "signed it (e.g. redis.tls.ca-file=/etc/redis/ca.crt), or use "
											+ "redis.tls.bundle.")),

		// a plaintext client against a TLS port: the server resets the connection in the handshake
		TLS_EXPECTED((chain, tls) -> !tls && resetDuringConnect(chain), "Redis at %s closed the connection during "
				+ "the handshake: it probably expects TLS. Use a rediss:// URL or set redis.tls.enabled=true."),

		CONNECTION_REFUSED(instanceOf(ConnectException.class).and(contains("Connection refused")),
				(endpoint, chain) -> "Nothing accepts connections at " + endpoint + " (connection refused): check "
						+ "that Redis runs there and that " + endpointProperties(endpoint) + " is right."),

		UNKNOWN_HOST(instanceOf(UnknownHostException.class), "The host of %s does not resolve (unknown host): check "
				+ "the host in redis.url (or redis.host) and DNS."),

		CONNECT_TIMEOUT(instanceOf(ConnectTimeoutException.class), "Redis at %s did not accept the connection within "
				+ "redis.connect-timeout: check the host and port in redis.url, firewalls and security groups, or "
				+ "raise redis.connect-timeout (e.g. redis.connect-timeout=5s) for a distant server.");

		/** Whether a cause chain shows this kind, given whether TLS was in use. */
		private final BiPredicate<List<Throwable>, Boolean> matcher;

		private final BiFunction<Endpoint, List<Throwable>, String> writer;

		Kind(BiPredicate<List<Throwable>, Boolean> matcher, String message) {
			this(matcher, (endpoint, chain) -> message.formatted(endpoint));
		}

		Kind(BiPredicate<List<Throwable>, Boolean> matcher, BiFunction<Endpoint, List<Throwable>, String> writer) {
			this.matcher = matcher;
			this.writer = writer;
		}

		/**
		 * Whether this cause is a configuration error that waiting does not cure, as
		 * opposed to a server that is down, overloaded, read-only or out of reach.
		 * @return {@code true} for a configuration error
		 */
		public boolean isConfigurationError() {
			// no default: a new kind must be decided here (a configuration error stays until a check passes)
			return switch (this) {
				case AUTHENTICATION_FAILED, NO_PERMISSION, DATABASE_OUT_OF_RANGE, CLUSTER_SUPPORT_DISABLED,
						UNKNOWN_SENTINEL_MASTER, PROTECTED_MODE, TLS_NOT_SUPPORTED, CLIENT_CERTIFICATE_REJECTED,
						HOST_NAME_MISMATCH, CERTIFICATE_UNTRUSTED, TLS_EXPECTED ->
					true;
				case MAX_CLIENTS_REACHED, READ_ONLY_REPLICA, CONNECTION_REFUSED, UNKNOWN_HOST, CONNECT_TIMEOUT -> false;
			};
		}

	}

}
