package io.github.resilientredis.sample;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The status page's data: {@code GET /status} (one snapshot) and {@code GET /status/stream}
 * (a snapshot per second as server-sent events).
 */
@RestController
@RequestMapping("/status")
public class StatusController {

	private final StatusSnapshots snapshots;

	private final StatusStream stream;

	public StatusController(StatusSnapshots snapshots, StatusStream stream) {
		this.snapshots = snapshots;
		this.stream = stream;
	}

	@GetMapping
	public StatusSnapshot snapshot() {
		return this.snapshots.take();
	}

	@GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	public SseEmitter stream() {
		return this.stream.subscribe();
	}

}
