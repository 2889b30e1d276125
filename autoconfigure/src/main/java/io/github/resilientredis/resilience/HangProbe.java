package io.github.resilientredis.resilience;

import java.util.concurrent.CompletionStage;

import org.jspecify.annotations.Nullable;

/**
 * An independent check the {@link HangDetector} makes before opening a breaker: a PING
 * over another connection to the same server. An answer means the waiting connection is
 * slow for its own reasons (a large reply, a command the application runs on purpose),
 * not that Redis hangs.
 */
@FunctionalInterface
public interface HangProbe {

	/**
	 * Ask the server behind a breaker for an answer.
	 * @param target the breaker whose connections wait
	 * @return completes when the server answered, exceptionally when it could not be
	 * asked; cancelled by the detector when it waited long enough; {@code null} when no
	 * independent connection to that server is available (the wait alone decides)
	 */
	@Nullable CompletionStage<?> ping(HangTarget target);

}
