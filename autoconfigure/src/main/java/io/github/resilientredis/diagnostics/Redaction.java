package io.github.resilientredis.diagnostics;

import java.util.List;
import java.util.concurrent.ExecutionException;
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

	private Redaction() {
	}

	/** Mask the user-info part of every redis URL in the text; {@code null} stays {@code null}. */
	public static @Nullable String redact(@Nullable String text) {
		return (text != null) ? URL_CREDENTIALS.matcher(text).replaceAll("$1****@") : null;
	}

	/**
	 * Mask the password of a URL-like string, even a malformed one: everything between the
	 * scheme and the last {@code @} counts as user info, whose part after the first
	 * {@code :} (or all of it, for the {@code password@} form) becomes {@code ****};
	 * {@code null} becomes {@code "null"}.
	 */
	public static String maskUserInfo(@Nullable String url) {
		if (url == null) {
			return "null";
		}
		int schemeEnd = url.indexOf("://");
		int start = (schemeEnd >= 0) ? schemeEnd + 3 : 0;
		int at = url.lastIndexOf('@');
		if (at < start) {
			return url;
		}
		String userInfo = url.substring(start, at);
		int colon = userInfo.indexOf(':');
		String masked = (colon >= 0) ? userInfo.substring(0, colon) + ":****" : "****";
		return url.substring(0, start) + masked + url.substring(at);
	}

	/**
	 * Describe a failure in one line without credentials: its outermost cause with a
	 * message (past {@code ExecutionException}), and its root cause when that differs.
	 */
	public static String describe(Throwable failure) {
		List<Throwable> chain = Causes.of(failure);
		Throwable root = chain.get(chain.size() - 1);
		// the first cause that says something, past wrappers that only repeat their cause
		Throwable cause = chain.stream()
			.filter((ex) -> ex.getMessage() != null && !(ex instanceof ExecutionException))
			.findFirst()
			.orElse(root);
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
