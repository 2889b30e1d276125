package io.github.resilientredis.sample;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Pushes a {@link StatusSnapshot} to every subscribed page once a second, as server-sent
 * events named {@code status}. One snapshot per period is shared by all subscribers.
 * Stopped before the web server shuts down, so open streams do not hold up a graceful
 * shutdown.
 */
@Component
public class StatusStream implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(StatusStream.class);

	static final Duration PERIOD = Duration.ofSeconds(1);

	// the browser's EventSource reconnects by itself when a stream ends
	private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(10);

	private final StatusSnapshots snapshots;

	private final List<SseEmitter> emitters = new CopyOnWriteArrayList<>();

	private @Nullable ScheduledExecutorService executor;

	public StatusStream(StatusSnapshots snapshots) {
		this.snapshots = snapshots;
	}

	/**
	 * Open a stream; it receives the current snapshot at once and then one per period.
	 * @return the emitter of the stream
	 */
	public SseEmitter subscribe() {
		SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
		emitter.onCompletion(() -> this.emitters.remove(emitter));
		emitter.onTimeout(emitter::complete);
		emitter.onError((ex) -> this.emitters.remove(emitter));
		this.emitters.add(emitter);
		send(emitter, this.snapshots.take());
		return emitter;
	}

	private void push() {
		if (this.emitters.isEmpty()) {
			return;
		}
		try {
			StatusSnapshot snapshot = this.snapshots.take();
			this.emitters.forEach((emitter) -> send(emitter, snapshot));
		}
		catch (RuntimeException ex) {
			// never let one failed snapshot end the schedule
			logger.warn("Status snapshot failed: " + ex);
		}
	}

	private void send(SseEmitter emitter, StatusSnapshot snapshot) {
		try {
			emitter.send(SseEmitter.event().name("status").data(snapshot));
		}
		catch (IOException | IllegalStateException ex) {
			// the page went away
			this.emitters.remove(emitter);
		}
	}

	@Override
	public synchronized void start() {
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "status-stream");
			thread.setDaemon(true);
			return thread;
		});
		executor.scheduleWithFixedDelay(this::push, PERIOD.toMillis(), PERIOD.toMillis(), TimeUnit.MILLISECONDS);
		this.executor = executor;
	}

	@Override
	public synchronized void stop() {
		if (this.executor != null) {
			this.executor.shutdownNow();
			this.executor = null;
		}
		this.emitters.forEach(SseEmitter::complete);
		this.emitters.clear();
	}

	@Override
	public synchronized boolean isRunning() {
		return this.executor != null;
	}

}
