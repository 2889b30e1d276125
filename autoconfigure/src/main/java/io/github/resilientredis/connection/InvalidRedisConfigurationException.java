package io.github.resilientredis.connection;

/**
 * Thrown when a {@code redis.*} property holds a value the starter cannot use; the
 * message names the property and the problem, the action says how to fix it. Neither
 * ever contains a password.
 * <p>
 * It never reaches the startup report itself: the properties' validator turns it into a
 * field error of Boot's bind validation, reported by Boot's
 * {@code BindValidationFailureAnalyzer}. It is not Boot's
 * {@code InvalidConfigurationPropertyValueException} because it is thrown by core classes
 * such as {@link RedisUrl}, which know no Spring Boot, and because it keeps problem and
 * fix apart (Boot's keeps one reason and prints the raw value, which may hold a
 * password).
 */
public class InvalidRedisConfigurationException extends RuntimeException {

	private final String property;

	private final String problem;

	private final String action;

	/**
	 * Create a new exception.
	 * @param property the offending property, e.g. {@code redis.pool.max-idle}
	 * @param problem what is wrong with its value (without any password)
	 * @param action how to fix it, naming the property and a correct example value
	 */
	public InvalidRedisConfigurationException(String property, String problem, String action) {
		super(property + ": " + problem);
		this.property = property;
		this.problem = problem;
		this.action = action;
	}

	/** The offending property, e.g. {@code redis.url}. */
	public String getProperty() {
		return this.property;
	}

	/** What is wrong with the property's value. */
	public String getProblem() {
		return this.problem;
	}

	/** How to fix the problem, naming the property and a correct example. */
	public String getAction() {
		return this.action;
	}

}
