package io.github.resilientredis.connection;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Removes credentials from text that may end up in logs, exception messages, health
 * details or endpoint output (exception messages can quote a connection URL). The one
 * place the starter describes a failure for people.
 */
public final class Redaction {

	private static final Pattern URL_CREDENTIALS = Pattern.compile("(rediss?(?:-sentinel)?://)[^@/\\s]*@",
			Pattern.CASE_INSENSITIVE);

	// bounds the walk down a cause chain that loops back on itself
	private static final int MAX_CAUSES = 16;

	private Redaction() {
	}

	/**
	 * Mask the user-info part of every redis URL in the text.
	 * @param text the text, may be {@code null}
	 * @return the text without credentials, or {@code null}
	 */
	public static @Nullable String redact(@Nullable String text) {
		return (text != null) ? URL_CREDENTIALS.matcher(text).replaceAll("$1****@") : null;
	}

	/**
	 * Describe a failure in one line without credentials.
	 * @param failure the failure
	 * @return class name and message of the innermost informative cause
	 */
	public static String describe(Throwable failure) {
		Throwable cause = failure;
		for (int depth = 0; cause.getCause() != null && cause.getCause() != cause && depth < MAX_CAUSES
				&& (cause.getMessage() == null || cause instanceof java.util.concurrent.ExecutionException); depth++) {
			cause = cause.getCause();
		}
		Throwable root = cause;
		for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < MAX_CAUSES; depth++) {
			root = root.getCause();
		}
		String text = oneLine(cause);
		if (root != cause) {
			text += " (caused by " + oneLine(root) + ")";
		}
		return redact(text);
	}

	private static String oneLine(Throwable failure) {
		String message = failure.getMessage();
		return failure.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

}
