package io.github.resilientredis.autoconfigure;

import java.time.Duration;

/**
 * Circuit breaker around every Redis command.
 * <p>
 * Bound under {@code redis.circuit-breaker.*} as part of {@link RedisResilienceProperties}.
 */
public class RedisCircuitBreakerProperties {

	/**
	 * Whether every Redis command goes through the circuit breaker.
	 */
	private boolean enabled = true;

	/**
	 * Name of the breaker in the CircuitBreakerRegistry.
	 */
	private String name = "redis";

	/**
	 * Failure rate, in percent, at or above which the breaker opens.
	 */
	private float failureRateThreshold = 50;

	/**
	 * Rate of slow calls, in percent, at or above which the breaker opens.
	 */
	private float slowCallRateThreshold = 80;

	/**
	 * Duration above which a call counts as slow.
	 */
	private Duration slowCallDuration = Duration.ofSeconds(1);

	/**
	 * Number of most recent calls the failure rate is computed over.
	 */
	private int slidingWindowSize = 20;

	/**
	 * Minimum number of calls in the window before the failure rate is computed.
	 */
	private int minimumNumberOfCalls = 5;

	/**
	 * Time the breaker stays open before a recovery probe is allowed.
	 */
	private Duration waitInOpenState = Duration.ofMillis(500);

	/**
	 * Random spread applied to the wait in open state (0 to 1), so a fleet of
	 * instances does not probe in lockstep.
	 */
	private double waitJitter = 0.5;

	/**
	 * Number of calls permitted while half-open.
	 */
	private int permittedCallsInHalfOpenState = 3;

	/**
	 * Whether to open the breaker when Redis answers nothing for hang-threshold,
	 * before the command timeout expires.
	 */
	private boolean hangDetection = true;

	/**
	 * Time Redis may leave a command unanswered, while answering nothing else either,
	 * before the breaker opens; below the command timeout.
	 */
	private Duration hangThreshold = Duration.ofSeconds(1);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public float getFailureRateThreshold() {
		return this.failureRateThreshold;
	}

	public void setFailureRateThreshold(float failureRateThreshold) {
		this.failureRateThreshold = failureRateThreshold;
	}

	public float getSlowCallRateThreshold() {
		return this.slowCallRateThreshold;
	}

	public void setSlowCallRateThreshold(float slowCallRateThreshold) {
		this.slowCallRateThreshold = slowCallRateThreshold;
	}

	public Duration getSlowCallDuration() {
		return this.slowCallDuration;
	}

	public void setSlowCallDuration(Duration slowCallDuration) {
		this.slowCallDuration = slowCallDuration;
	}

	public int getSlidingWindowSize() {
		return this.slidingWindowSize;
	}

	public void setSlidingWindowSize(int slidingWindowSize) {
		this.slidingWindowSize = slidingWindowSize;
	}

	public int getMinimumNumberOfCalls() {
		return this.minimumNumberOfCalls;
	}

	public void setMinimumNumberOfCalls(int minimumNumberOfCalls) {
		this.minimumNumberOfCalls = minimumNumberOfCalls;
	}

	public Duration getWaitInOpenState() {
		return this.waitInOpenState;
	}

	public void setWaitInOpenState(Duration waitInOpenState) {
		this.waitInOpenState = waitInOpenState;
	}

	public double getWaitJitter() {
		return this.waitJitter;
	}

	public void setWaitJitter(double waitJitter) {
		this.waitJitter = waitJitter;
	}

	public int getPermittedCallsInHalfOpenState() {
		return this.permittedCallsInHalfOpenState;
	}

	public void setPermittedCallsInHalfOpenState(int permittedCallsInHalfOpenState) {
		this.permittedCallsInHalfOpenState = permittedCallsInHalfOpenState;
	}

	public boolean isHangDetection() {
		return this.hangDetection;
	}

	public void setHangDetection(boolean hangDetection) {
		this.hangDetection = hangDetection;
	}

	public Duration getHangThreshold() {
		return this.hangThreshold;
	}

	public void setHangThreshold(Duration hangThreshold) {
		this.hangThreshold = hangThreshold;
	}

}
