package io.github.resilientredis.connection;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.output.ValueOutput;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandKeyword;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.ProtocolKeyword;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link BlockingCommands}: which commands block on purpose, for how long (read from
 * the arguments as they go on the wire), and the per-command timeout derived from it.
 */
class BlockingCommandsTests {

	@Test
	void blockTimeWhenListPopShouldReadTheLastArgumentInSeconds() {
		assertThat(BlockingCommands.blockTime(command(CommandType.BLPOP, args().addKey(key("q")).add(3))))
			.isEqualTo(Duration.ofSeconds(3));
		assertThat(BlockingCommands.blockTime(command(CommandType.BRPOP, args().addKey(key("q")).add(0.5))))
			.isEqualTo(Duration.ofMillis(500));
		assertThat(BlockingCommands.blockTime(
				command(CommandType.BLMOVE, args().addKey(key("a")).addKey(key("b")).add("LEFT").add("RIGHT").add(2))))
			.isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void blockTimeWhenMultiPopShouldReadTheFirstArgument() {
		assertThat(BlockingCommands
			.blockTime(command(CommandType.BLMPOP, args().add(1.5).add(1).addKey(key("q")).add("LEFT"))))
			.isEqualTo(Duration.ofMillis(1500));
	}

	@Test
	void blockTimeWhenStreamReadShouldReadTheBlockOptionInMilliseconds() {
		CommandArgs<byte[], byte[]> read = args().add(CommandKeyword.COUNT)
			.add(1)
			.add("BLOCK")
			.add(2000)
			.add("STREAMS")
			.addKey(key("BLOCK"))
			.add("0");
		assertThat(BlockingCommands.blockTime(command(CommandType.XREAD, read))).isEqualTo(Duration.ofSeconds(2));
		CommandArgs<byte[], byte[]> noBlock = args().add("STREAMS").addKey(key("BLOCK")).add("5");
		assertThat(BlockingCommands.blockTime(command(CommandType.XREAD, noBlock))).isZero();
	}

	@Test
	void blockTimeWhenWaitShouldReadMilliseconds() {
		assertThat(BlockingCommands.blockTime(command(CommandType.WAIT, args().add(1).add(250))))
			.isEqualTo(Duration.ofMillis(250));
	}

	@Test
	void blockTimeWhenZeroShouldBeForever() {
		Duration forever = BlockingCommands.blockTime(command(CommandType.BLPOP, args().addKey(key("q")).add(0)));
		assertThat(forever).isGreaterThan(Duration.ofDays(365 * 1000));
	}

	@Test
	void blockTimeWhenOrdinaryCommandShouldBeZero() {
		assertThat(BlockingCommands.blockTime(command(CommandType.GET, args().addKey(key("q"))))).isZero();
		assertThat(BlockingCommands.blockTime(command(CommandType.SET, args().addKey(key("q")).add(3)))).isZero();
	}

	@Test
	void timeoutSourceShouldAddTheBlockTimeToTheCommandTimeout() {
		TimeoutOptions.TimeoutSource source = BlockingCommands.timeoutSource(Duration.ofSeconds(2));
		assertThat(source.getTimeout(command(CommandType.GET, args().addKey(key("q"))))).isEqualTo(2000);
		assertThat(source.getTimeout(command(CommandType.BLPOP, args().addKey(key("q")).add(3)))).isEqualTo(5000);
		assertThat(source.getTimeout(command(CommandType.BLPOP, args().addKey(key("q")).add(0)))).isNegative();
		assertThat(source.getTimeUnit()).hasToString("MILLISECONDS");
	}

	private static Command<byte[], byte[], byte[]> command(ProtocolKeyword type, CommandArgs<byte[], byte[]> args) {
		return new Command<>(type, new ValueOutput<>(ByteArrayCodec.INSTANCE), args);
	}

	private static CommandArgs<byte[], byte[]> args() {
		return new CommandArgs<>(ByteArrayCodec.INSTANCE);
	}

	private static byte[] key(String key) {
		return key.getBytes(StandardCharsets.UTF_8);
	}

}
