package io.github.resilientredis.diagnostics;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.github.resilientredis.diagnostics.ConnectionFailureHints.Hint;
import io.github.resilientredis.diagnostics.ConnectionFailureHints.Kind;

/**
 * Logs the {@link ConnectionFailureHints hint} for a connection or command failure at
 * WARN, once per {@link Kind kind} until a connection succeeds ({@link #connected()}), so
 * a reconnect loop explains its cause once instead of on every attempt. Thread-safe.
 */
public class ConnectionFailureReporter {

	private static final Log logger = LogFactory.getLog(ConnectionFailureReporter.class);

	private final Set<Kind> reported = EnumSet.noneOf(Kind.class);

	/**
	 * Find the hint for a failure and log it at WARN unless a hint of the same kind was
	 * logged since the last {@link #connected()}.
	 * @param failure the failure from connecting or running a command
	 * @param endpoint where the application connects
	 * @return the hint, whether logged now or earlier; empty when the cause is not known
	 */
	public Optional<Hint> report(@Nullable Throwable failure, Endpoint endpoint) {
		Optional<Hint> hint = ConnectionFailureHints.hint(failure, endpoint);
		hint.filter(this::firstOfItsKind).ifPresent((found) -> logger.warn(found.message() + " [" + cause(failure) + "]"));
		return hint;
	}

	/**
	 * Record that a connection succeeded: every kind may be logged again.
	 */
	public void connected() {
		synchronized (this.reported) {
			this.reported.clear();
		}
	}

	private boolean firstOfItsKind(Hint hint) {
		synchronized (this.reported) {
			return this.reported.add(hint.kind());
		}
	}

	// only called with a hint, so never for a null failure
	private static String cause(Throwable failure) {
		Throwable root = Causes.root(failure);
		String message = root.getMessage();
		// Redis and Lettuce never echo a password; mask a URL with user info all the same
		if (message != null && message.contains("://")) {
			message = Redaction.maskUserInfo(message);
		}
		return "cause: " + root.getClass().getName() + ((message != null) ? ": " + message : "");
	}

}
