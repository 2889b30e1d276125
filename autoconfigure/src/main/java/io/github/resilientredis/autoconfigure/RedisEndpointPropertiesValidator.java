package io.github.resilientredis.autoconfigure;

import java.util.List;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

import io.github.resilientredis.connection.InvalidRedisConfigurationException;
import io.github.resilientredis.connection.RedisUrl;

import static io.github.resilientredis.autoconfigure.RedisPropertiesValidator.invalid;
import static io.github.resilientredis.autoconfigure.RedisPropertiesValidator.positiveIfSet;

/**
 * Checks where the starter connects: {@code redis.url} or {@code redis.host},
 * {@code port}, {@code database} and {@code client-name}, and the cluster and sentinel
 * nodes, alone and against each other. No message shows a password: a value that is no
 * host name may be one set in the wrong variable, so it is masked.
 */
class RedisEndpointPropertiesValidator {

	private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._\\-]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

	private static final Pattern CLIENT_NAME = Pattern.compile("[!-~]+");

	private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

	private final Log log;

	RedisEndpointPropertiesValidator(Log log) {
		this.log = log;
	}

	@Nullable RedisUrl validateEndpoint(RedisResilienceProperties properties) {
		String clientName = properties.getClientName();
		if (clientName != null && !CLIENT_NAME.matcher(clientName).matches()) {
			throw invalid("redis.client-name", "'" + clientName + "' contains spaces, newlines or other characters "
					+ "that CLIENT SETNAME rejects", "redis.client-name=order-service");
		}
		if (StringUtils.hasText(properties.getUrl())) {
			if (StringUtils.hasText(properties.getHost())) {
				this.log.warn("redis.host is ignored because redis.url is set; remove one of them.");
			}
			return RedisUrl.parse(properties.getUrl());
		}
		String host = properties.getHost();
		if (host != null) {
			if (host.contains("://")) {
				throw new InvalidRedisConfigurationException("redis.host",
						"'" + RedisUrl.maskInvalid(host) + "' is a URL, not a host name",
						"Set the URL as redis.url instead, e.g. redis.url=redis://redis.example.com:6379, or set "
								+ "redis.host=redis.example.com.");
			}
			if (host.indexOf('@') >= 0) {
				// checked before the port check: "user:secret@host" has one colon too, and that
				// message would echo the password
				throw new InvalidRedisConfigurationException("redis.host",
						"'" + RedisUrl.maskInvalid(host) + "' includes credentials",
						"Put only the host name in redis.host and the credentials in redis.username and "
								+ "redis.password, e.g. redis.host=redis.example.com and redis.password=${REDIS_PASSWORD}.");
			}
			if (host.indexOf(':') > 0 && host.indexOf(':') == host.lastIndexOf(':')) {
				if (!PORT.matcher(host.substring(host.indexOf(':') + 1)).matches()) {
					// "user:secret" without the '@': not a port, and not to be echoed
					throw new InvalidRedisConfigurationException("redis.host", "'" + RedisUrl.maskInvalid(host)
							+ "' is not a host name (what follows ':' is not a port; credentials?)",
							"Put only the host name in redis.host and the credentials in redis.username and "
									+ "redis.password, e.g. redis.host=redis.example.com and "
									+ "redis.password=${REDIS_PASSWORD}.");
				}
				throw new InvalidRedisConfigurationException("redis.host", "'" + host + "' includes a port",
						"Put the port in redis.port, e.g. redis.host=redis.example.com and redis.port=6379.");
			}
			if (!HOST.matcher(host).matches()) {
				// not echoed: a value that is no host name may be a password set in the wrong variable
				throw invalid("redis.host", "'" + RedisUrl.maskInvalid(host) + "' is not a host name or IP address",
						"redis.host=redis.example.com");
			}
		}
		port("redis.port", properties.getPort());
		if (properties.getDatabase() < 0) {
			throw invalid("redis.database", "is " + properties.getDatabase() + " but must be 0 or more",
					"redis.database=0");
		}
		return null;
	}

	void validateTopology(RedisResilienceProperties properties) {
		List<String> clusterNodes = properties.getCluster().getNodes();
		List<String> sentinelNodes = properties.getSentinel().getNodes();
		String master = properties.getSentinel().getMaster();
		boolean url = StringUtils.hasText(properties.getUrl());
		if (!clusterNodes.isEmpty() && url) {
			throw new InvalidRedisConfigurationException("redis.cluster.nodes",
					"is set together with redis.url; a cluster is reached through its nodes, not a URL",
					"Remove redis.url and keep redis.cluster.nodes (e.g. redis.cluster.nodes=node-1:7000,node-2:7000),"
							+ " or remove redis.cluster.nodes for a standalone server.");
		}
		if (!clusterNodes.isEmpty() && (StringUtils.hasText(master) || !sentinelNodes.isEmpty())) {
			throw new InvalidRedisConfigurationException("redis.cluster.nodes",
					"is set together with redis.sentinel.*; Redis Cluster and Sentinel exclude each other",
					"Keep either redis.cluster.nodes or redis.sentinel.master and redis.sentinel.nodes.");
		}
		if (!clusterNodes.isEmpty() && properties.getDatabase() != 0) {
			throw new InvalidRedisConfigurationException("redis.database",
					"is " + properties.getDatabase() + " but Redis Cluster only has database 0",
					"Remove redis.database (or set redis.database=0) when redis.cluster.nodes is set; separate "
							+ "data by key prefix instead.");
		}
		if (StringUtils.hasText(master) && url) {
			throw new InvalidRedisConfigurationException("redis.sentinel.master",
					"is set together with redis.url; the master is found through the sentinels, not a URL",
					"Remove redis.url and keep redis.sentinel.master and redis.sentinel.nodes (e.g. "
							+ "redis.sentinel.nodes=sentinel-1:26379), or remove redis.sentinel.* for a standalone "
							+ "server.");
		}
		validateNodes(properties);
	}

	private void validateNodes(RedisResilienceProperties properties) {
		List<String> sentinelNodes = properties.getSentinel().getNodes();
		String master = properties.getSentinel().getMaster();
		properties.getCluster()
			.getNodes()
			.forEach((node) -> hostAndPort("redis.cluster.nodes", node, "node-1:7000,node-2:7000"));
		sentinelNodes.forEach((node) -> hostAndPort("redis.sentinel.nodes", node, "sentinel-1:26379,sentinel-2:26379"));
		if (!sentinelNodes.isEmpty() && !StringUtils.hasText(master)) {
			throw invalid("redis.sentinel.master", "is missing while redis.sentinel.nodes is set",
					"redis.sentinel.master=mymaster");
		}
		if (StringUtils.hasText(master) && sentinelNodes.isEmpty()) {
			throw invalid("redis.sentinel.nodes", "is empty while redis.sentinel.master is set",
					"redis.sentinel.nodes=sentinel-1:26379,sentinel-2:26379");
		}
		Integer maxRedirects = properties.getCluster().getMaxRedirects();
		if (maxRedirects != null && maxRedirects < 0) {
			throw invalid("redis.cluster.max-redirects", "is " + maxRedirects + " but must be 0 or more",
					"redis.cluster.max-redirects=5");
		}
		positiveIfSet("redis.cluster.refresh-period", properties.getCluster().getRefreshPeriod(), "30s");
	}

	private static void port(String property, int port) {
		if (port < 1 || port > 65535) {
			throw invalid(property, "is " + port + " but must be from 1 to 65535", property + "=6379");
		}
	}

	private static void hostAndPort(String property, @Nullable String node, String example) {
		String value = (node != null) ? node.trim() : "";
		int colon = value.lastIndexOf(':');
		String host = (colon > 0) ? value.substring(0, colon) : "";
		String port = (colon > 0) ? value.substring(colon + 1) : "";
		if (host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		else if (host.contains(":")) {
			host = "";
		}
		if (host.isEmpty() || !HOST.matcher(host).matches() || !port.matches("[0-9]{1,5}")
				|| Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
			throw invalid(property, "'" + RedisUrl.maskInvalid(value) + "' is not host:port (port from 1 to 65535; IPv6 "
					+ "in brackets, e.g. [::1]:7000)", property + "=" + example);
		}
	}

}
