package io.github.resilientredis.monitor;

/**
 * Where one Redis node listens, as shown in logs, health and the endpoint: never with
 * credentials.
 *
 * @param host the host name or IP address
 * @param port the port
 */
public record NodeAddress(String host, int port) {

	@Override
	public String toString() {
		return (this.host.indexOf(':') >= 0) ? "[" + this.host + "]:" + this.port : this.host + ":" + this.port;
	}

}
