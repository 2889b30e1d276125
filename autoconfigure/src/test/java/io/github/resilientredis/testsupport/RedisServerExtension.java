package io.github.resilientredis.testsupport;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Interim minimal fixture extension; replaced by the harness branch's implementation on
 * merge.
 */
public class RedisServerExtension implements BeforeAllCallback, AfterAllCallback {

	private final RedisServer.Builder builder;

	private RedisServer server;

	public RedisServerExtension(RedisServer.Builder builder) {
		this.builder = builder;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		this.server = this.builder.start();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		if (this.server != null) {
			this.server.close();
		}
	}

	public RedisServer server() {
		return this.server;
	}

}
