package io.github.resilientredis.connection;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import io.lettuce.core.SocketOptions;
import io.lettuce.core.SocketOptions.KeepAliveOptions;
import io.lettuce.core.SocketOptions.TcpUserTimeoutOptions;
import io.lettuce.core.resource.EpollProvider;
import io.lettuce.core.resource.ExtendedKeepAliveSupport;
import io.lettuce.core.resource.IOUringProvider;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Builds Lettuce {@link SocketOptions} with TCP keepalive tuning and TCP_USER_TIMEOUT only
 * where the transport supports them.
 * <p>
 * Lettuce fails every connect attempt with an {@code IllegalStateException} when extended
 * keepalive (idle/interval/count) or TCP_USER_TIMEOUT is requested on a transport that
 * cannot apply it. Extended keepalive works on epoll, io_uring and plain NIO when the JDK
 * exposes {@code jdk.net.ExtendedSocketOptions} (Linux, and other systems without kqueue
 * on the class path); TCP_USER_TIMEOUT needs epoll or io_uring
 * ({@code netty-transport-native-epoll}). Elsewhere this factory falls back to plain
 * SO_KEEPALIVE with the operating system's timers, or no user timeout, and says so once
 * at INFO.
 */
public final class SocketOptionsFactory {

	private static final Log logger = LogFactory.getLog(SocketOptionsFactory.class);

	private static final AtomicBoolean keepAliveFallbackLogged = new AtomicBoolean();

	private static final AtomicBoolean userTimeoutFallbackLogged = new AtomicBoolean();

	private SocketOptionsFactory() {
	}

	/**
	 * Create socket options.
	 * @param connectTimeout connect timeout (TCP connect; the TLS handshake and the
	 * connection's initial commands are bounded by the command timeout)
	 * @param keepAlive whether to enable TCP keepalive
	 * @param idle idle time before the first probe (whole seconds)
	 * @param interval time between probes (whole seconds)
	 * @param count probes before the connection is dropped
	 * @param tcpUserTimeout TCP_USER_TIMEOUT, or {@code null} for none
	 * @return the socket options
	 */
	public static SocketOptions create(Duration connectTimeout, boolean keepAlive, Duration idle, Duration interval,
			int count, @Nullable Duration tcpUserTimeout) {
		SocketOptions.Builder builder = SocketOptions.builder().connectTimeout(connectTimeout);
		if (!keepAlive) {
			builder.keepAlive(false);
		}
		else if (ExtendedKeepAliveSupport.isSupported()) {
			builder.keepAlive(KeepAliveOptions.builder().enable().idle(idle).interval(interval).count(count).build());
		}
		else {
			builder.keepAlive(true);
			if (keepAliveFallbackLogged.compareAndSet(false, true)) {
				logger.info("TCP keepalive is on with the operating system's timers: this transport cannot set "
						+ "redis.keepalive.idle/interval/count (add netty-transport-native-epoll on Linux)");
			}
		}
		if (tcpUserTimeout != null) {
			if (EpollProvider.isAvailable() || IOUringProvider.isAvailable()) {
				builder.tcpUserTimeout(TcpUserTimeoutOptions.builder().enable().tcpUserTimeout(tcpUserTimeout).build());
			}
			else if (userTimeoutFallbackLogged.compareAndSet(false, true)) {
				logger.info("redis.keepalive.tcp-user-timeout is not applied: TCP_USER_TIMEOUT needs the epoll or "
						+ "io_uring transport (add netty-transport-native-epoll on Linux); keepalive and the command "
						+ "timeout still detect dead connections");
			}
		}
		return builder.build();
	}

}
