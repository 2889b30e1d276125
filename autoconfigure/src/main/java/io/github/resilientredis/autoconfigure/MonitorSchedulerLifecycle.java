package io.github.resilientredis.autoconfigure;

import io.github.resilientredis.monitor.MonitorScheduler;
import io.github.resilientredis.monitor.OutOfBandConnection;

import org.springframework.context.SmartLifecycle;

/**
 * Opens the monitoring connection and starts the {@link MonitorScheduler} with the
 * application context; stops the scheduler on shutdown.
 */
class MonitorSchedulerLifecycle implements SmartLifecycle {

	private final MonitorScheduler scheduler;

	private final OutOfBandConnection connection;

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
	}

	@Override
	public void stop() {
		this.scheduler.close();
	}

	@Override
	public boolean isRunning() {
		return this.scheduler.isRunning();
	}

}
