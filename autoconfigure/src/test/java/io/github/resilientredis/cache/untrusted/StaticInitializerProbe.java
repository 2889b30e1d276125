package io.github.resilientredis.cache.untrusted;

/**
 * A class outside the trusted packages whose static initializer records, in a system
 * property (reading a field of this class would initialize it), that it ran: a JSON cache
 * value naming it must be refused before the class is even initialized.
 */
public final class StaticInitializerProbe {

	/** The system property set to {@code true} by the static initializer. */
	public static final String INITIALIZED = "resilient-redis.test.static-initializer-probe";

	static {
		System.setProperty(INITIALIZED, "true");
	}

	private StaticInitializerProbe() {
	}

}
