package io.github.resilientredis.diagnostics;

import java.io.IOException;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CausesTests {

	@Test
	void ofShouldListTheFailureAndItsCausesOutermostFirst() {
		IOException root = new IOException("reset");
		ExecutionException failure = new ExecutionException(new IllegalStateException("wrapped", root));
		assertThat(Causes.of(failure)).extracting(Throwable::getClass)
			.containsExactly(ExecutionException.class, IllegalStateException.class, IOException.class);
		assertThat(Causes.root(failure)).isSameAs(root);
		assertThat(Causes.root(root)).isSameAs(root);
	}

	@Test
	void ofShouldStopAtACauseThatLoopsBack() {
		IllegalStateException first = new IllegalStateException("first");
		IllegalStateException second = new IllegalStateException("second", first);
		first.initCause(second);
		assertThat(Causes.of(first)).containsExactly(first, second);
		assertThat(Causes.any(first, (ex) -> "third".equals(ex.getMessage()))).isFalse();
	}

	@Test
	void ofShouldStopAfterSixteenCauses() {
		Throwable failure = new IOException("root");
		for (int i = 0; i < 40; i++) {
			failure = new IllegalStateException("wrapper " + i, failure);
		}
		assertThat(Causes.of(failure)).hasSize(16);
	}

	@Test
	void withSuppressedShouldFollowEachCauseWithWhatItSuppressed() {
		IOException firstAddress = new IOException("first address refused");
		IllegalStateException cause = new IllegalStateException("cause");
		IllegalStateException failure = new IllegalStateException("connect failed", cause);
		failure.addSuppressed(firstAddress);
		assertThat(Causes.withSuppressed(failure)).containsExactly(failure, firstAddress, cause);
		assertThat(Causes.of(failure)).containsExactly(failure, cause);
	}

}
