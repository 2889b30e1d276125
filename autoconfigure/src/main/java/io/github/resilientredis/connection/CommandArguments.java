package io.github.resilientredis.connection;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.RedisCommand;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The arguments of a Lettuce command as they go on the wire. Lettuce keeps them typed
 * per codec, so they are encoded (RESP bulk strings) and read back; only the few commands
 * that need it pay for this.
 */
public final class CommandArguments {

	private CommandArguments() {
	}

	/**
	 * The arguments of a command, after its name.
	 * @param command the command
	 * @return the raw arguments, empty when there are none or they cannot be read
	 */
	public static List<byte[]> of(RedisCommand<?, ?, ?> command) {
		CommandArgs<?, ?> args = command.getArgs();
		List<byte[]> arguments = new ArrayList<>();
		if (args == null) {
			return arguments;
		}
		ByteBuf buffer = Unpooled.buffer();
		try {
			args.encode(buffer);
			while (buffer.isReadable()) {
				if (buffer.readByte() != '$') {
					arguments.clear();
					break;
				}
				int length = Integer.parseInt(
						buffer.readCharSequence(buffer.bytesBefore((byte) '\r'), StandardCharsets.US_ASCII).toString());
				byte[] bytes = new byte[length];
				buffer.skipBytes(2).readBytes(bytes);
				buffer.skipBytes(2);
				arguments.add(bytes);
			}
		}
		catch (RuntimeException ex) {
			// an encoding this parser does not know: no arguments rather than wrong ones
			arguments.clear();
		}
		finally {
			buffer.release();
		}
		return arguments;
	}

}
