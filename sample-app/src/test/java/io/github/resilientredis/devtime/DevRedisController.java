package io.github.resilientredis.devtime;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Chaos buttons of the dev-time app: {@code GET /dev/redis} (state; the status page shows
 * the buttons only when this exists) and {@code POST /dev/redis/kill|pause|resume|restart}.
 */
@RestController
@RequestMapping("/dev/redis")
public class DevRedisController {

	private final DevRedis redis;

	public DevRedisController(DevRedis redis) {
		this.redis = redis;
	}

	@GetMapping
	public DevRedisState state() {
		return this.redis.state();
	}

	@PostMapping("/kill")
	public DevRedisState kill() {
		return this.redis.kill();
	}

	@PostMapping("/pause")
	public DevRedisState pause() {
		return this.redis.pause();
	}

	@PostMapping("/resume")
	public DevRedisState resume() {
		return this.redis.resume();
	}

	@PostMapping("/restart")
	public DevRedisState restart() {
		return this.redis.restart();
	}

	// no dev-time Redis, or the fixture refused the action (e.g. pause of a killed server)
	@ExceptionHandler(IllegalStateException.class)
	ResponseEntity<DevRedisState> refused(IllegalStateException ex) {
		DevRedisState state = this.redis.state();
		return ResponseEntity.status(HttpStatus.CONFLICT)
			.body(new DevRedisState(state.available(), state.host(), state.port(), state.state(), ex.getMessage()));
	}

}
