package io.github.resilientredis.autoconfigure;

import io.github.resilientredis.monitor.MonitorScheduler;
import io.github.resilientredis.monitor.OutOfBandConnection;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * Opens the monitoring connection and starts the {@link MonitorScheduler} with the
 * application context; stops the scheduler on shutdown, and closes the monitoring
 * connection when the context closes.
 */
class MonitorSchedulerLifecycle implements SmartLifecycle, ApplicationContextAware {

	private final MonitorScheduler scheduler;

	private final OutOfBandConnection connection;

	private @Nullable ApplicationContext context;

	// not the scheduler's state: with no task it never runs, yet the connection needs stop()
	private volatile boolean running;

	MonitorSchedulerLifecycle(MonitorScheduler scheduler, OutOfBandConnection connection) {
		this.scheduler = scheduler;
		this.connection = connection;
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
			this.connection.close();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
