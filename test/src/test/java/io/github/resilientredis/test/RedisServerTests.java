package io.github.resilientredis.test;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for the parts of {@link RedisServer} that need no Redis: backend selection, options,
 * reply parsing.
 */
class RedisServerTests {

	@Test
	void selectWhenBinaryFoundShouldUseProcessWithoutAskingDocker() {
		assertThat(RedisBackends.select(true, () -> {
			throw new AssertionError("Docker must not be probed when redis-server exists");
		})).isEqualTo(RedisBackends.Kind.PROCESS);
	}

	@Test
	void selectWhenOnlyDockerShouldUseContainer() {
		assertThat(RedisBackends.select(false, () -> true)).isEqualTo(RedisBackends.Kind.CONTAINER);
	}

	@Test
	void selectWhenNeitherShouldFailTellingWhatToInstall() {
		assertThatIllegalStateException().isThrownBy(() -> RedisBackends.select(false, () -> false))
			.withMessageContaining("apt-get install redis-server")
			.withMessageContaining("Docker engine");
	}

	@Test
	void maxClientsWhenBelowOneShouldFail() {
		assertThatIllegalArgumentException().isThrownBy(() -> RedisServer.builder().maxClients(0))
			.withMessageContaining("maxClients");
	}

	@Test
	void optionsToStringShouldMaskPassword() {
		RedisServerOptions options = new RedisServerOptions(0, "s3cret", "app", "app-pass", true, false,
				List.of());
		assertThat(options.toString()).doesNotContain("s3cret").doesNotContain("app-pass");
		assertThat(options.commonArgs()).containsSequence("--requirepass", "s3cret")
			.containsSequence("--user", "app", "on", ">app-pass", "~*", "&*", "+@all")
			.containsSequence("--save", "", "--appendonly", "no");
	}

	@Test
	void clientsShouldParseEveryLineIntoFields() {
		String reply = "id=3 addr=127.0.0.1:5000 laddr=127.0.0.1:6000 fd=8 name=worker cmd=get user=app\n"
				+ "id=4 addr=127.0.0.1:5001 laddr=127.0.0.1:6000 fd=9 name= cmd=client|list user=default\n";
		List<Map<String, String>> clients = ServerReplies.clients(reply);
		assertThat(clients).hasSize(2);
		assertThat(clients.get(0)).containsEntry("id", "3").containsEntry("name", "worker").containsEntry("cmd", "get");
		assertThat(clients.get(1)).containsEntry("name", "").containsEntry("cmd", "client|list");
	}

	@Test
	void infoFieldShouldReadTheValueOrEmpty() {
		String reply = "# Server\r\nredis_version:7.0.15\r\nrun_id:abc123\r\n";
		assertThat(ServerReplies.infoField(reply, "run_id")).isEqualTo("abc123");
		assertThat(ServerReplies.infoField(reply, "tcp_port")).isEmpty();
	}

	@Test
	void connectedClientShouldMapClientListFields() {
		ConnectedClient client = ConnectedClient.of(ServerReplies
			.clients("id=7 addr=127.0.0.1:5000 laddr=127.0.0.1:6000 fd=8 name= cmd=get user=app\n")
			.get(0));
		assertThat(client).isEqualTo(new ConnectedClient(7, "", "127.0.0.1:5000", "app", "get"));
		assertThat(client.displayName()).isEqualTo("(no name)");
	}

	@Test
	void builderWhenAnnotationHasAclUserWithoutPasswordShouldFailNamingTheAttribute() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RedisServerRegistry.builder(AclUserWithoutPassword.class.getAnnotation(WithRedisServer.class)))
			.withMessageContaining("aclPassword");
	}

	@Test
	void ownerWhenNestedShouldBeTheOutermostAnnotatedClass() {
		assertThat(RedisServerRegistry.owner(Annotated.Inner.class)).contains(Annotated.class);
		assertThat(RedisServerRegistry.owner(Annotated.class)).contains(Annotated.class);
		assertThat(RedisServerRegistry.owner(RedisServerTests.class)).isEmpty();
	}

	@WithRedisServer(aclUser = "app")
	static class AclUserWithoutPassword {

	}

	@WithRedisServer
	static class Annotated {

		class Inner {

		}

	}

	@Test
	void commandCallsShouldReadCallsOrZero() {
		String reply = "# Commandstats\r\ncmdstat_get:calls=5,usec=10,usec_per_call=2.00,rejected_calls=0,failed_calls=0\r\n"
				+ "cmdstat_getex:calls=7,usec=1,usec_per_call=0.1,rejected_calls=0,failed_calls=0\r\n";
		assertThat(ServerReplies.commandCalls(reply, "GET")).isEqualTo(5);
		assertThat(ServerReplies.commandCalls(reply, "getex")).isEqualTo(7);
		assertThat(ServerReplies.commandCalls(reply, "blpop")).isZero();
	}

}
