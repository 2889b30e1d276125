package io.github.resilientredis.benchmarks;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Notes when the starter's circuit breaker opens (nothing for the stock variant, which has none).
 */
final class BreakerWatch {

	private final AtomicLong firstOpen = new AtomicLong();

	private final AtomicInteger opens = new AtomicInteger();

	private BreakerWatch() {
	}

	static BreakerWatch of(ConfigurableApplicationContext context) {
		BreakerWatch watch = new BreakerWatch();
		context.getBeanProvider(CircuitBreaker.class).ifAvailable((breaker) -> breaker.getEventPublisher()
			.onStateTransition((event) -> {
				if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
					watch.opens.incrementAndGet();
					watch.firstOpen.compareAndSet(0, System.nanoTime());
				}
			}));
		return watch;
	}

	/**
	 * @return milliseconds from {@code startNanos} to the first transition to OPEN, or {@code -1}
	 */
	long openedMillisAfter(long startNanos) {
		long opened = this.firstOpen.get();
		return (opened == 0) ? -1 : TimeUnit.NANOSECONDS.toMillis(opened - startNanos);
	}

	/**
	 * @return transitions to OPEN seen
	 */
	int opens() {
		return this.opens.get();
	}

}
