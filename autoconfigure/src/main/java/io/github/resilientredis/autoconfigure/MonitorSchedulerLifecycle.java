package io.github.resilientredis.autoconfigure;

import io.github.resilientredis.monitor.MonitorScheduler;
import io.github.resilientredis.monitor.OutOfBandConnection;
import io.github.resilientredis.monitor.TopologyMonitor;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the {@link MonitorScheduler} and the monitoring connections with the application
 * context, closing the connections (the application's and every node's) when it closes.
 */
class MonitorSchedulerLifecycle implements SmartLifecycle {

	private final MonitorScheduler scheduler;

	private final OutOfBandConnection connection;

	private final TopologyMonitor topology;

	private final ApplicationContext context;

	// not the scheduler's state: with no task it never runs, yet the connection needs stop()
	private volatile boolean running;

	MonitorSchedulerLifecycle(MonitorScheduler scheduler, OutOfBandConnection connection, TopologyMonitor topology,
			ApplicationContext context) {
		this.scheduler = scheduler;
		this.connection = connection;
		this.topology = topology;
		this.context = context;
	}

	@Override
	public void start() {
		this.connection.connectInBackground();
		this.scheduler.start();
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.scheduler.close();
		if (this.context instanceof ConfigurableApplicationContext configurable && configurable.isClosed()) {
			// closed here, before the connection factory's stop shuts the monitoring client
			// down (at bean destruction Lettuce would warn "Connection is already closed");
			// a plain stop() leaves it to the factory and start() reopens it. The nodes'
			// connections and their client go first, while the resources live.
			this.topology.close();
			this.connection.close();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
