package io.github.resilientredis.connection;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

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
 * {@link #toString()} masks the password; {@link #redacted()} drops the credentials.
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

	/**
	 * Port used when the URL has none.
	 */
	public static final int DEFAULT_PORT = 6379;

	static final String PROPERTY = "redis.url";

	private static final String EXAMPLE = "redis.url=redis://user:password@redis.example.com:6379/0";

	private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9._\\-]+");

	private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9._\\-]+)?");

	private static final Pattern DIGITS = Pattern.compile("[0-9]+");

	private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.\\-]*");

	private static final Pattern HOST_AND_PORT = Pattern.compile("[A-Za-z0-9._\\-]+(:[0-9]*)?");

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
		int schemeEnd = trimmed.indexOf("://");
		if (schemeEnd <= 0 || !SCHEME.matcher(trimmed.substring(0, schemeEnd)).matches()) {
			throw invalid("'" + maskInvalid(trimmed) + "' is not a URL (it has no scheme such as redis://)",
					"Set " + EXAMPLE + " (or rediss://... for TLS), or use redis.host and redis.port for a bare host.");
		}
		boolean tls = checkScheme(trimmed, trimmed.substring(0, schemeEnd).toLowerCase(Locale.ROOT));
		String rest = trimmed.substring(schemeEnd + 3);
		int at = rest.lastIndexOf('@');
		String userInfo = (at >= 0) ? rest.substring(0, at) : null;
		String afterUserInfo = rest.substring(at + 1);
		int authorityEnd = indexOfAny(afterUserInfo, "/?#");
		String hostAndPort = (authorityEnd >= 0) ? afterUserInfo.substring(0, authorityEnd) : afterUserInfo;
		String pathAndMore = (authorityEnd >= 0) ? afterUserInfo.substring(authorityEnd) : "";
		if (at < 0 && looksLikeMissingAt(hostAndPort, pathAndMore)) {
			throw invalid("'" + maskInvalid(trimmed) + "' cannot be parsed: missing '@' between the credentials and "
					+ "the host?", "Write the credentials, then '@', then the host, e.g. " + EXAMPLE
							+ " (redis://:password@host:port without a user name); percent-encode '@', ':' and '/' "
							+ "inside the password (%40, %3A, %2F), or set the password in redis.password instead.");
		}
		String[] credentials = parseUserInfo(trimmed, userInfo);
		String[] hostAndPortParts = splitHostAndPort(trimmed, hostAndPort);
		int port = parsePort(trimmed, hostAndPortParts[1]);
		return new RedisUrl(hostAndPortParts[0], port, credentials[0], credentials[1], parseDatabase(trimmed, pathAndMore),
				tls);
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

	private static String[] parseUserInfo(String url, @Nullable String userInfo) {
		if (userInfo == null || userInfo.isEmpty()) {
			return new String[] { null, null };
		}
		int colon = userInfo.indexOf(':');
		String username = (colon >= 0) ? userInfo.substring(0, colon) : null;
		String password = (colon >= 0) ? userInfo.substring(colon + 1) : userInfo;
		return new String[] { decode(url, username, "user name"), decode(url, password, "password") };
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
	 * @return the host (IPv6 without brackets) and the port, or {@code null} when none
	 */
	private static @Nullable String[] splitHostAndPort(String url, String hostAndPort) {
		if (hostAndPort.startsWith("[")) {
			int close = hostAndPort.indexOf(']');
			String host = (close > 0) ? hostAndPort.substring(1, close) : "";
			String rest = (close > 0) ? hostAndPort.substring(close + 1) : "";
			if (close < 0 || !IPV6.matcher(host).matches() || !host.contains(":")
					|| !(rest.isEmpty() || rest.startsWith(":"))) {
				throw invalid("'" + maskInvalid(url) + "' has a malformed IPv6 address",
						"Write an IPv6 address in brackets, e.g. redis.url=redis://[::1]:6379.");
			}
			return new String[] { host, rest.isEmpty() ? null : rest.substring(1) };
		}
		int colon = hostAndPort.indexOf(':');
		if (colon >= 0 && hostAndPort.indexOf(':', colon + 1) >= 0) {
			throw invalid("'" + maskInvalid(url) + "' has an IPv6 address without brackets",
					"Write an IPv6 address in brackets, e.g. redis.url=redis://[::1]:6379.");
		}
		String host = (colon >= 0) ? hostAndPort.substring(0, colon) : hostAndPort;
		if (host.isEmpty()) {
			throw invalid("'" + maskInvalid(url) + "' has no host", "Put the host after the scheme, e.g. " + EXAMPLE + ".");
		}
		if (!HOST_NAME.matcher(host).matches()) {
			// the host is not shown: in a URL without '@' it may be a password
			throw invalid("'" + maskInvalid(url) + "' has an invalid host (letters, digits, '.', '-' and '_' only)",
					"Use a host name or IP address, e.g. " + EXAMPLE
							+ ". Percent-encode special characters of the password.");
		}
		return new String[] { host, (colon >= 0) ? hostAndPort.substring(colon + 1) : null };
	}

	private static int parsePort(String url, @Nullable String port) {
		if (port == null) {
			return DEFAULT_PORT;
		}
		if (!DIGITS.matcher(port).matches() || port.length() > 5 || Integer.parseInt(port) < 1
				|| Integer.parseInt(port) > 65535) {
			throw invalid("'" + maskInvalid(url) + "' has a port that is not a number from 1 to 65535",
					"Use a port from 1 to 65535 (Redis listens on 6379 by default), e.g. " + EXAMPLE + ".");
		}
		return Integer.parseInt(port);
	}

	private static int parseDatabase(String url, String pathAndMore) {
		int end = indexOfAny(pathAndMore, "?#");
		if (end >= 0 && pathAndMore.charAt(end) == '?') {
			throw queryNotSupported(url);
		}
		if (end >= 0) {
			throw invalid("'" + maskInvalid(url) + "' has a fragment ('#...')",
					"Remove the '#...' part, e.g. " + EXAMPLE + ". A '#' in the password must be written %23.");
		}
		String path = pathAndMore.isEmpty() ? "" : pathAndMore.substring(1);
		if (path.isEmpty()) {
			return 0;
		}
		if (!DIGITS.matcher(path).matches() || path.length() > 9) {
			throw invalid("'" + maskInvalid(url) + "' has a database (after the port) that is not a non-negative number",
					"Put the database index after the port, e.g. redis.url=redis://redis.example.com:6379/1, "
							+ "or omit it for database 0.");
		}
		return Integer.parseInt(path);
	}

	private static InvalidRedisConfigurationException queryNotSupported(String url) {
		// The query is never echoed: it may carry a password.
		return invalid("'" + maskInvalid(url.substring(0, url.indexOf('?'))) + "?...' has query parameters, which are "
				+ "not supported", "Remove the '?...' part and use properties instead, e.g. redis.command-timeout=2s, "
						+ "redis.client-name=my-app, redis.tls.verify-mode=ca; the database goes in the path: "
						+ "redis.url=redis://redis.example.com:6379/1.");
	}

	private static int indexOfAny(String value, String chars) {
		for (int i = 0; i < value.length(); i++) {
			if (chars.indexOf(value.charAt(i)) >= 0) {
				return i;
			}
		}
		return -1;
	}

	private static InvalidRedisConfigurationException invalid(String problem, String action) {
		return new InvalidRedisConfigurationException(PROPERTY, problem, action);
	}

	/**
	 * Whether a URL without {@code @} looks like credentials and a host with the
	 * {@code @} mistyped or left out: {@code redis://:secret/host:6379} (authority starts
	 * with {@code :}), {@code redis://user:secret:host:6379} (two colons, not an IPv6
	 * address) or {@code redis://secret/10.0.0.1:6379} (a host where the database goes).
	 */
	private static boolean looksLikeMissingAt(String authority, String pathAndMore) {
		if (authority.startsWith("[")) {
			return false;
		}
		boolean ipv6Like = IPV6.matcher(authority).matches();
		if (!ipv6Like && (authority.startsWith(":") || authority.indexOf(':') != authority.lastIndexOf(':'))) {
			return true;
		}
		String path = pathAndMore.startsWith("/") ? pathAndMore.substring(1) : "";
		int end = indexOfAny(path, "?#");
		path = (end >= 0) ? path.substring(0, end) : path;
		return !DIGITS.matcher(path).matches() && HOST_AND_PORT.matcher(path).matches()
				&& (path.indexOf('.') >= 0 || path.indexOf(':') >= 0);
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
		String text = value.trim();
		int schemeEnd = text.indexOf("://");
		boolean scheme = schemeEnd > 0 && SCHEME.matcher(text.substring(0, schemeEnd)).matches();
		String prefix = scheme ? text.substring(0, schemeEnd + 3) : "";
		String rest = text.substring(prefix.length());
		int at = rest.lastIndexOf('@');
		if (at < 0) {
			return prefix + maskRuns(rest, false);
		}
		String afterAt = rest.substring(at + 1);
		int queryStart = indexOfAny(afterAt, "?#");
		String query = (queryStart >= 0) ? afterAt.substring(queryStart) : "";
		String beforeQuery = (queryStart >= 0) ? afterAt.substring(0, queryStart) : afterAt;
		return prefix + MASK + "@" + maskRuns(beforeQuery, true) + maskRuns(query, false);
	}

	private static String maskRuns(String text, boolean keepHostNameCharacters) {
		StringBuilder masked = new StringBuilder();
		Matcher run = TEXT_RUN.matcher(text);
		int last = 0;
		while (run.find()) {
			masked.append(text, last, run.start());
			masked.append((keepHostNameCharacters && HOST_NAME.matcher(run.group()).matches()) ? run.group() : MASK);
			last = run.end();
		}
		return masked.append(text.substring(last)).toString();
	}

	/**
	 * Mask the credentials of a URL for display, keeping scheme, host, port and database
	 * visible: the {@link #toString()} of the parsed URL (the user name stays, the
	 * password becomes {@code ****}), or what {@link #maskInvalid(String)} leaves of a URL
	 * that does not parse.
	 * @param url the URL, possibly malformed
	 * @return e.g. {@code rediss://default:****@cache.example.com:6380/1}
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

	/**
	 * Return the URL without credentials, for display.
	 * @return e.g. {@code rediss://cache.example.com:6380/1}
	 */
	public String redacted() {
		return (this.tls ? "rediss://" : "redis://") + endpoint() + ((this.database != 0) ? "/" + this.database : "");
	}

	@Override
	public String toString() {
		String userInfo = "";
		if (this.password != null) {
			userInfo = ((this.username != null) ? this.username : "") + ":****@";
		}
		else if (this.username != null) {
			userInfo = this.username + ":@";
		}
		return (this.tls ? "rediss://" : "redis://") + userInfo + endpoint()
				+ ((this.database != 0) ? "/" + this.database : "");
	}

}
