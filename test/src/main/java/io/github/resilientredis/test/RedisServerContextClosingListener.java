package io.github.resilientredis.test;

import org.springframework.test.annotation.DirtiesContext.HierarchyMode;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Closes the application context of a {@link WithRedisServer} test class after the class,
 * before its server is closed. No other class can use that context (the class is part of
 * its cache key), and left in Spring's context cache it would try to reconnect to a server
 * that is gone for the rest of the test run. Registered in {@code META-INF/spring.factories}.
 */
class RedisServerContextClosingListener implements TestExecutionListener {

	@Override
	public void afterTestClass(TestContext testContext) {
		Class<?> testClass = testContext.getTestClass();
		// @Nested classes share the context of their owner, which ends after them
		if (RedisServerRegistry.owner(testClass).filter((owner) -> owner == testClass).isPresent()) {
			testContext.markApplicationContextDirty(HierarchyMode.EXHAUSTIVE);
		}
	}

}
