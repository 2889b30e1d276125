package io.github.resilientredis.diagnostics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The one walk down a failure's cause chain: every class that asks "is any cause of this
 * failure ...?" or "what is its innermost cause?" goes through here. Bounded and safe
 * against chains that loop back on themselves. Spring's {@code NestedExceptionUtils}
 * only answers the innermost cause and follows no suppressed exceptions, which Lettuce
 * uses for the failures of each address it tried.
 */
public final class Causes {

	// a wrapper chain deeper than this is a loop or a bug, not information
	private static final int MAX_CAUSES = 16;

	private Causes() {
	}

	/** The failure and its causes, outermost first; never empty. */
	public static List<Throwable> of(Throwable failure) {
		return walk(failure, false);
	}

	/** As {@link #of}, each cause followed by the exceptions it suppressed (one level). */
	public static List<Throwable> withSuppressed(Throwable failure) {
		return walk(failure, true);
	}

	/** The innermost cause: the failure itself when it has none. */
	public static Throwable root(Throwable failure) {
		List<Throwable> chain = of(failure);
		return chain.get(chain.size() - 1);
	}

	/** Whether the failure or any of its causes matches. */
	public static boolean any(Throwable failure, Predicate<Throwable> predicate) {
		return of(failure).stream().anyMatch(predicate);
	}

	private static List<Throwable> walk(Throwable failure, boolean suppressed) {
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		List<Throwable> chain = new ArrayList<>();
		for (Throwable ex = failure; ex != null && chain.size() < MAX_CAUSES && seen.add(ex); ex = ex.getCause()) {
			chain.add(ex);
			if (suppressed) {
				Arrays.stream(ex.getSuppressed()).filter(seen::add).forEach(chain::add);
			}
		}
		return chain;
	}

}
