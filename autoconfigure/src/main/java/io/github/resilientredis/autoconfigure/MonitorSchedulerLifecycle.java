package io.github.resilientredis.autoconfigure;

import io.github.resilientredis.monitor.MonitorScheduler;

import org.springframework.context.SmartLifecycle;

/**
 * Starts the {@link MonitorScheduler} with the application context and stops it on
 * shutdown.
 */
class MonitorSchedulerLifecycle implements SmartLifecycle {

	private final MonitorScheduler scheduler;

	MonitorSchedulerLifecycle(MonitorScheduler scheduler) {
		this.scheduler = scheduler;
	}

	MonitorScheduler getScheduler() {
		return this.scheduler;
	}

	@Override
	public void start() {
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
