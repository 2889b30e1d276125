package io.github.resilientredis.autoconfigure;

import io.github.resilientredis.monitor.MonitorScheduler;
import io.github.resilientredis.monitor.OutOfBandConnection;
import io.github.resilientredis.monitor.TopologyMonitor;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * Opens the monitoring connection and starts the {@link MonitorScheduler} with the
 * application context; stops the scheduler on shutdown, and closes the monitoring
 * connections (the application's and every node's) when the context closes.
 */
class MonitorSchedulerLifecycle implements SmartLifecycle, ApplicationContextAware {

	private final MonitorScheduler scheduler;

	private final OutOfBandConnection connection;

	private final TopologyMonitor topology;

	private @Nullable ApplicationContext context;

	// not the scheduler's state: with no task it never runs, yet the connection needs stop()
	private volatile boolean running;

	MonitorSchedulerLifecycle(MonitorScheduler scheduler, OutOfBandConnection connection, TopologyMonitor topology) {
		this.scheduler = scheduler;
		this.connection = connection;
		this.topology = topology;
	}

	MonitorScheduler getScheduler() {
		return this.scheduler;
	}

	@Override
	public void start() {
		this.connection.connectInBackground();
		this.scheduler.start();
		this.running = true;
	}

	@Override
	public void setApplicationContext(ApplicationContext context) {
		this.context = context;
	}

	@Override
	public void stop() {
		this.running = false;
		this.scheduler.close();
		if (this.context instanceof ConfigurableApplicationContext configurable && configurable.isClosed()) {
			// This phase stops before the connection factory's, whose stop shuts the
			// monitoring client down and so closes this connection: closing it at bean
			// destruction would then make Lettuce warn "Connection is already closed".
			// A plain stop() (to be restarted) leaves it to the factory; start() reopens it.
			// (The close is asynchronous: it normally completes while the factory closes
			// its own connections, before the monitoring client is shut down.)
			// the nodes' connections and their client go first, while the resources live
			this.topology.close();
			this.connection.close();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
