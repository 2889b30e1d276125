package io.github.resilientredis.autoconfigure;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

import io.github.resilientredis.connection.InvalidRedisConfigurationException;
import io.github.resilientredis.connection.RedisUrl;

import static io.github.resilientredis.autoconfigure.RedisPropertiesValidator.atLeast;
import static io.github.resilientredis.autoconfigure.RedisPropertiesValidator.example;
import static io.github.resilientredis.autoconfigure.RedisPropertiesValidator.positiveIfSet;
import static io.github.resilientredis.autoconfigure.RedisPropertiesValidator.require;

/**
 * Checks where the starter connects: {@code redis.url} or {@code redis.host},
 * {@code port}, {@code database} and {@code client-name}, and the cluster and sentinel
 * nodes, alone and against each other. No message shows a password: a value that is no
 * host name may be one set in the wrong variable, so it is masked.
 */
class RedisEndpointPropertiesValidator {

	private static final String NAME = "[A-Za-z0-9._\\-]+";

	private static final String IPV6 = "[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*";

	private static final Pattern HOST = Pattern.compile(NAME + "|" + IPV6);

	// host:port, an IPv6 address in brackets (where any host may be)
	private static final Pattern NODE = Pattern
		.compile("(?:" + NAME + "|\\[(?:" + NAME + "|" + IPV6 + ")]):([0-9]{1,5})");

	private static final Pattern CLIENT_NAME = Pattern.compile("[!-~]+");

	private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

	private static final String CREDENTIALS_ACTION = "Put only the host name in redis.host and the credentials in "
			+ "redis.username and redis.password, e.g. redis.host=redis.example.com and redis.password=${REDIS_PASSWORD}.";

	private final Log log;

	RedisEndpointPropertiesValidator(Log log) {
		this.log = log;
	}

	@Nullable RedisUrl validateEndpoint(RedisResilienceProperties properties) {
		String clientName = properties.getClientName();
		require(clientName == null || CLIENT_NAME.matcher(clientName).matches(), "redis.client-name", "'" + clientName
				+ "' contains spaces, newlines or other characters that CLIENT SETNAME rejects",
				example("redis.client-name=order-service"));
		if (StringUtils.hasText(properties.getUrl())) {
			if (StringUtils.hasText(properties.getHost())) {
				this.log.warn("redis.host is ignored because redis.url is set; remove one of them.");
			}
			return RedisUrl.parse(properties.getUrl());
		}
		String host = properties.getHost();
		if (host != null) {
			// no message echoes a host that is no host name: it may be a password set in the wrong variable
			String masked = "'" + RedisUrl.maskInvalid(host) + "'";
			require(!host.contains("://"), "redis.host", masked + " is a URL, not a host name", "Set the URL as "
					+ "redis.url instead, e.g. redis.url=redis://redis.example.com:6379, or set redis.host=redis.example.com.");
			// checked before the port: "user:secret@host" has one colon too
			require(host.indexOf('@') < 0, "redis.host", masked + " includes credentials", CREDENTIALS_ACTION);
			int colon = host.indexOf(':');
			if (colon > 0 && colon == host.lastIndexOf(':')) {
				// "user:secret" without the '@' is no port
				require(PORT.matcher(host.substring(colon + 1)).matches(), "redis.host", masked
						+ " is not a host name (what follows ':' is not a port; credentials?)", CREDENTIALS_ACTION);
				throw new InvalidRedisConfigurationException("redis.host", "'" + host + "' includes a port",
						"Put the port in redis.port, e.g. redis.host=redis.example.com and redis.port=6379.");
			}
			require(HOST.matcher(host).matches(), "redis.host", masked + " is not a host name or IP address",
					example("redis.host=redis.example.com"));
		}
		require(properties.getPort() >= 1 && properties.getPort() <= 65535, "redis.port",
				"is " + properties.getPort() + " but must be from 1 to 65535", example("redis.port=6379"));
		atLeast("redis.database", properties.getDatabase(), 0, "0");
		return null;
	}

	void validateTopology(RedisResilienceProperties properties) {
		List<String> clusterNodes = properties.getCluster().getNodes();
		List<String> sentinelNodes = properties.getSentinel().getNodes();
		String master = properties.getSentinel().getMaster();
		boolean url = StringUtils.hasText(properties.getUrl());
		boolean cluster = !clusterNodes.isEmpty();
		require(!cluster || !url, "redis.cluster.nodes",
				"is set together with redis.url; a cluster is reached through its nodes, not a URL",
				"Remove redis.url and keep redis.cluster.nodes (e.g. redis.cluster.nodes=node-1:7000,node-2:7000),"
						+ " or remove redis.cluster.nodes for a standalone server.");
		require(!cluster || (!StringUtils.hasText(master) && sentinelNodes.isEmpty()), "redis.cluster.nodes",
				"is set together with redis.sentinel.*; Redis Cluster and Sentinel exclude each other",
				"Keep either redis.cluster.nodes or redis.sentinel.master and redis.sentinel.nodes.");
		require(!cluster || properties.getDatabase() == 0, "redis.database",
				"is " + properties.getDatabase() + " but Redis Cluster only has database 0",
				"Remove redis.database (or set redis.database=0) when redis.cluster.nodes is set; separate "
						+ "data by key prefix instead.");
		require(!StringUtils.hasText(master) || !url, "redis.sentinel.master",
				"is set together with redis.url; the master is found through the sentinels, not a URL",
				"Remove redis.url and keep redis.sentinel.master and redis.sentinel.nodes (e.g. "
						+ "redis.sentinel.nodes=sentinel-1:26379), or remove redis.sentinel.* for a standalone server.");
		clusterNodes.forEach((node) -> hostAndPort("redis.cluster.nodes", node, "node-1:7000,node-2:7000"));
		sentinelNodes.forEach((node) -> hostAndPort("redis.sentinel.nodes", node, "sentinel-1:26379,sentinel-2:26379"));
		require(sentinelNodes.isEmpty() || StringUtils.hasText(master), "redis.sentinel.master",
				"is missing while redis.sentinel.nodes is set", example("redis.sentinel.master=mymaster"));
		require(!StringUtils.hasText(master) || !sentinelNodes.isEmpty(), "redis.sentinel.nodes",
				"is empty while redis.sentinel.master is set",
				example("redis.sentinel.nodes=sentinel-1:26379,sentinel-2:26379"));
		Integer maxRedirects = properties.getCluster().getMaxRedirects();
		atLeast("redis.cluster.max-redirects", (maxRedirects != null) ? maxRedirects : 0, 0, "5");
		positiveIfSet("redis.cluster.refresh-period", properties.getCluster().getRefreshPeriod(), "30s");
	}

	private static void hostAndPort(String property, @Nullable String node, String example) {
		String value = (node != null) ? node.trim() : "";
		Matcher matcher = NODE.matcher(value);
		require(matcher.matches() && Integer.parseInt(matcher.group(1)) >= 1
				&& Integer.parseInt(matcher.group(1)) <= 65535, property,
				"'" + RedisUrl.maskInvalid(value) + "' is not host:port (port from 1 to 65535; IPv6 in brackets, "
						+ "e.g. [::1]:7000)", example(property + "=" + example));
	}

}
