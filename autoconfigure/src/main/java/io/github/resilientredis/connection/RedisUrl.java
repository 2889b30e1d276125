package io.github.resilientredis.connection;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * A parsed {@code redis.url}: {@code redis://[[user]:password@]host[:port][/database]},
 * or {@code rediss://...} for TLS, with user-info forms as Spring Boot's
 * {@code spring.data.redis.url} and Lettuce's {@code RedisURI} accept them
 * ({@code user:password@}, {@code :password@}, {@code password@}).
 * <p>
 * Parsing fails with an {@link InvalidRedisConfigurationException} for property
 * {@code redis.url} that says what is wrong and shows the URL only as
 * {@link #maskInvalid(String)} masks it: a URL that does not parse may hold a password
 * anywhere (a {@code /} or {@code :} typed for the {@code @}).
 * {@link #toString()} masks the password.
 *
 * @param host the host name or IP address (IPv6 without brackets)
 * @param port the port, 6379 when the URL has none
 * @param username the ACL user name, or {@code null}
 * @param password the password (percent-decoded), or {@code null}
 * @param database the database index, 0 when the URL has none
 * @param tls whether the scheme is {@code rediss}
 */
public record RedisUrl(String host, int port, @Nullable String username, @Nullable String password, int database,
		boolean tls) {

	static final String PROPERTY = "redis.url";

	private static final String EXAMPLE = "redis.url=redis://user:password@redis.example.com:6379/0";

	// scheme, user info up to the LAST '@' (java.net.URI rejects a raw '@' in the password),
	// authority, path, query or fragment; it matches every value that has a scheme
	private static final Pattern URL = Pattern.compile(
			"(?s)(?<scheme>[A-Za-z][A-Za-z0-9+.\\-]*)://(?:(?<userInfo>.*)@)?(?<authority>[^/?#]*)(?:/(?<path>[^?#]*))?(?<rest>.*)");

	private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9._\\-]+");

	private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9._\\-]+)?");

	private static final Pattern BRACKETED_IPV6 = Pattern
		.compile("(?s)\\[(?<host>[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*(%[A-Za-z0-9._\\-]+)?)](:(?<port>.*))?");

	private static final Pattern AUTHORITY = Pattern.compile("(?<host>[^:]*)(:(?<port>[^:]*))?");

	private static final Pattern HOST_AND_PORT = Pattern.compile("[A-Za-z0-9._\\-]+(:[0-9]*)?");

	private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

	private static final Pattern DATABASE = Pattern.compile("[0-9]{1,9}");

	// what maskInvalid keeps: the scheme, then the user info up to the last '@' and the query
	private static final Pattern MASKED_PARTS = Pattern
		.compile("(?s)(?<scheme>[A-Za-z][A-Za-z0-9+.\\-]*://)?(?:.*@(?<hostPart>[^?#]*)(?<query>.*)|(?<all>.*))");

	// what maskInvalid replaces: everything between the separators
	private static final Pattern TEXT_RUN = Pattern.compile("[^:/\\[\\]@?#]+");

	private static final String MASK = "****";

	/**
	 * Parse a Redis URL.
	 * @param url the URL, e.g. {@code rediss://default:secret@cache.example.com:6380/1}
	 * @return the parsed URL
	 * @throws InvalidRedisConfigurationException for property {@code redis.url} when the
	 * URL is empty, malformed, has an unsupported scheme, no host, a port out of range or
	 * a database that is not a non-negative number
	 */
	public static RedisUrl parse(@Nullable String url) {
		if (!StringUtils.hasText(url)) {
			throw invalid("is empty", "Set " + EXAMPLE + ", or remove redis.url and set redis.host and redis.port.");
		}
		String trimmed = url.trim();
		Matcher parts = URL.matcher(trimmed);
		if (!parts.matches()) {
			throw invalid(trimmed, "is not a URL (it has no scheme such as redis://)",
					"Set " + EXAMPLE + " (or rediss://... for TLS), or use redis.host and redis.port for a bare host.");
		}
		boolean tls = checkScheme(trimmed, parts.group("scheme").toLowerCase(Locale.ROOT));
		String userInfo = Objects.requireNonNullElse(parts.group("userInfo"), "");
		String authority = parts.group("authority");
		String path = Objects.requireNonNullElse(parts.group("path"), "");
		if (parts.group("userInfo") == null && looksLikeMissingAt(authority, path)) {
			throw invalid(trimmed, "cannot be parsed: missing '@' between the credentials and the host?",
					"Write the credentials, then '@', then the host, e.g. " + EXAMPLE
							+ " (redis://:password@host:port without a user name); percent-encode '@', ':' and '/' "
							+ "inside the password (%40, %3A, %2F), or set the password in redis.password instead.");
		}
		int colon = userInfo.indexOf(':');
		String username = decode(trimmed, (colon >= 0) ? userInfo.substring(0, colon) : null, "user name");
		String password = decode(trimmed, userInfo.substring(colon + 1), "password");
		Matcher hostAndPort = hostAndPort(trimmed, authority);
		String port = hostAndPort.group("port");
		if (port != null && (!PORT.matcher(port).matches() || Integer.parseInt(port) < 1
				|| Integer.parseInt(port) > 65535)) {
			throw invalid(trimmed, "has a port that is not a number from 1 to 65535",
					"Use a port from 1 to 65535 (Redis listens on 6379 by default), e.g. " + EXAMPLE + ".");
		}
		String rest = parts.group("rest");
		if (rest.startsWith("?")) {
			// The query is never echoed: it may carry a password.
			throw invalid("'" + maskInvalid(trimmed.substring(0, trimmed.indexOf('?'))) + "?...' has query "
					+ "parameters, which are not supported", "Remove the '?...' part and use properties instead, e.g. "
							+ "redis.command-timeout=2s, redis.client-name=my-app, redis.tls.verify-mode=ca; the "
							+ "database goes in the path: redis.url=redis://redis.example.com:6379/1.");
		}
		if (!rest.isEmpty()) {
			throw invalid(trimmed, "has a fragment ('#...')",
					"Remove the '#...' part, e.g. " + EXAMPLE + ". A '#' in the password must be written %23.");
		}
		if (!path.isEmpty() && !DATABASE.matcher(path).matches()) {
			throw invalid(trimmed, "has a database (after the port) that is not a non-negative number",
					"Put the database index after the port, e.g. redis.url=redis://redis.example.com:6379/1, "
							+ "or omit it for database 0.");
		}
		return new RedisUrl(hostAndPort.group("host"), (port != null) ? Integer.parseInt(port) : 6379,
				username, password, path.isEmpty() ? 0 : Integer.parseInt(path), tls);
	}

	private static boolean checkScheme(String url, String scheme) {
		return switch (scheme) {
			case "redis" -> false;
			case "rediss" -> true;
			case "redis-sentinel", "redis+sentinel", "rediss-sentinel", "rediss+sentinel" ->
				throw invalid("the scheme '" + scheme + "' is not supported in '" + maskInvalid(url) + "'",
						"Remove redis.url and configure Sentinel with redis.sentinel.master and redis.sentinel.nodes, "
								+ "e.g. redis.sentinel.master=mymaster and "
								+ "redis.sentinel.nodes=sentinel-1:26379,sentinel-2:26379.");
			case "redis-socket", "redis+socket", "unix" ->
				throw invalid("the scheme '" + scheme + "' (Unix domain socket) is not supported in '" + maskInvalid(url)
						+ "'",
						"Connect over TCP: " + EXAMPLE + ".");
			default -> throw invalid("the scheme '" + scheme + "' is not supported in '" + maskInvalid(url) + "'",
					"Use redis:// for plaintext or rediss:// for TLS, e.g. " + EXAMPLE + ".");
		};
	}

	private static @Nullable String decode(String url, @Nullable String value, String what) {
		if (value == null || value.isEmpty()) {
			return null;
		}
		try {
			return StringUtils.uriDecode(value, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw invalid("the " + what + " in '" + maskInvalid(url) + "' contains a '%' that does not start a valid "
					+ "percent-encoded character",
					"Percent-encode special characters of the " + what + " in redis.url ('%' as %25, '@' as %40, "
							+ "':' as %3A, '/' as %2F), e.g. redis.url=redis://app:p%40ss%25word@redis.example.com:6379,"
							+ " or set it in redis." + (what.equals("password") ? "password" : "username")
							+ " instead of the URL.");
		}
	}

	/**
	 * Split {@code host[:port]} or {@code [ipv6][:port]}.
	 * @return a match with groups {@code host} (IPv6 without brackets) and {@code port}
	 * ({@code null} when none)
	 */
	private static Matcher hostAndPort(String url, String authority) {
		String ipv6Example = "Write an IPv6 address in brackets, e.g. redis.url=redis://[::1]:6379.";
		if (authority.startsWith("[")) {
			Matcher ipv6 = BRACKETED_IPV6.matcher(authority);
			if (!ipv6.matches()) {
				throw invalid(url, "has a malformed IPv6 address", ipv6Example);
			}
			return ipv6;
		}
		Matcher hostAndPort = AUTHORITY.matcher(authority);
		if (!hostAndPort.matches()) {
			throw invalid(url, "has an IPv6 address without brackets", ipv6Example);
		}
		if (hostAndPort.group("host").isEmpty()) {
			throw invalid(url, "has no host", "Put the host after the scheme, e.g. " + EXAMPLE + ".");
		}
		if (!HOST_NAME.matcher(hostAndPort.group("host")).matches()) {
			// the host is not shown: in a URL without '@' it may be a password
			throw invalid(url, "has an invalid host (letters, digits, '.', '-' and '_' only)",
					"Use a host name or IP address, e.g. " + EXAMPLE
							+ ". Percent-encode special characters of the password.");
		}
		return hostAndPort;
	}

	/**
	 * Whether a URL without {@code @} looks like credentials and a host with the
	 * {@code @} mistyped or left out: {@code redis://:secret/host:6379} (authority starts
	 * with {@code :}), {@code redis://user:secret:host:6379} (two colons, not an IPv6
	 * address) or {@code redis://secret/10.0.0.1:6379} (a host where the database goes).
	 */
	private static boolean looksLikeMissingAt(String authority, String path) {
		return !authority.startsWith("[") && ((!IPV6.matcher(authority).matches()
				&& (authority.startsWith(":") || authority.indexOf(':') != authority.lastIndexOf(':')))
				|| (HOST_AND_PORT.matcher(path).matches() && (path.indexOf('.') >= 0 || path.indexOf(':') >= 0)));
	}

	private static InvalidRedisConfigurationException invalid(String url, String problem, String action) {
		return invalid("'" + maskInvalid(url) + "' " + problem, action);
	}

	private static InvalidRedisConfigurationException invalid(String problem, String action) {
		return new InvalidRedisConfigurationException(PROPERTY, problem, action);
	}

	/**
	 * Mask a value that did not parse as a URL (or as {@code host:port}) for an error
	 * message. Any part of it may be a password typed in the wrong place, so what
	 * remains is the scheme, the separators ({@code : / [ ] @ ? #}) and, after the last
	 * {@code @} and before any query, the parts made of host-name characters (host, port,
	 * database); everything else becomes {@code ****}.
	 * @param value the value, possibly malformed
	 * @return e.g. {@code redis://:****}{@code /****:****} for
	 * {@code redis://:secret/10.0.0.1:6379}, or {@code redis://****@10.0.0.1:99999}
	 */
	public static String maskInvalid(@Nullable String value) {
		if (value == null) {
			return "null";
		}
		Matcher parts = MASKED_PARTS.matcher(value.trim());
		Assert.state(parts.matches(), "MASKED_PARTS matches every text");
		String scheme = Objects.requireNonNullElse(parts.group("scheme"), "");
		if (parts.group("all") != null) {
			return scheme + maskRuns(parts.group("all"), false);
		}
		return scheme + MASK + "@" + maskRuns(parts.group("hostPart"), true) + maskRuns(parts.group("query"), false);
	}

	private static String maskRuns(String text, boolean keepHostNameCharacters) {
		return TEXT_RUN.matcher(text)
			.replaceAll((run) -> (keepHostNameCharacters && HOST_NAME.matcher(run.group()).matches()) ? run.group()
					: MASK);
	}

	/**
	 * Mask the password of a URL for display: the {@link #toString()} of the parsed URL,
	 * e.g. {@code rediss://default:****@cache.example.com:6380/1}, or what
	 * {@link #maskInvalid(String)} leaves of a URL that does not parse.
	 */
	public static String maskCredentials(@Nullable String url) {
		try {
			return parse(url).toString();
		}
		catch (InvalidRedisConfigurationException ex) {
			return maskInvalid(url);
		}
	}

	/**
	 * Return the endpoint as {@code host:port}, with an IPv6 address in brackets, for log
	 * and error messages.
	 * @return the endpoint
	 */
	public String endpoint() {
		return (this.host.contains(":") ? "[" + this.host + "]" : this.host) + ":" + this.port;
	}

	@Override
	public String toString() {
		String userInfo = (this.password != null) ? Objects.toString(this.username, "") + ":" + MASK + "@"
				: (this.username != null) ? this.username + ":@" : "";
		return (this.tls ? "rediss://" : "redis://") + userInfo + endpoint()
				+ ((this.database != 0) ? "/" + this.database : "");
	}

}
