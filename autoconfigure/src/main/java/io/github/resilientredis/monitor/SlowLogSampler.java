package io.github.resilientredis.monitor;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import io.github.resilientredis.connection.ClientNames;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Reads one node's {@code SLOWLOG GET} on its monitoring connection and keeps the newest
 * {@code entries} of them as {@link SlowCommand}s, shown slowest first: the command name
 * only, never an argument. Each entry
 * at or above the threshold is logged as a WARN and passed to the listener once (by
 * entry id); entries already in the slow log at the first read are shown but not
 * reported. Entries of monitoring connections (client name ending {@code :oob}) are left
 * out. A slow log the server refuses (ACL, renamed or disabled command) is reported as
 * unavailable and logged once.
 */
public class SlowLogSampler {

	private static final Log logger = LogFactory.getLog(SlowLogSampler.class);

	/** Commands whose second argument is a subcommand, not data. */
	static final Set<String> CONTAINER_COMMANDS = Set.of("ACL", "CLIENT", "CLUSTER", "COMMAND", "CONFIG", "DEBUG",
			"FUNCTION", "LATENCY", "MEMORY", "MODULE", "OBJECT", "PUBSUB", "SCRIPT", "SENTINEL", "SLOWLOG", "XGROUP",
			"XINFO");

	// a command name, never data: anything else is shown as OTHER (and keeps meter tags bounded)
	private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_.|-]{0,31}");

	static final String OTHER = "OTHER";

	private final NodeAddress node;

	private final int entries;

	private final Duration threshold;

	private final Consumer<SlowCommand> listener;

	private final NavigableMap<Long, SlowCommand> kept = new TreeMap<>();

	private long lastReportedId = -1;

	private boolean baselined;

	private @Nullable String unavailable;

	private volatile SlowCommands last = SlowCommands.NONE;

	/**
	 * Create a sampler for one node.
	 * @param node the node
	 * @param entries how many of the newest slow-log entries to read and keep
	 * @param threshold duration from which an entry is logged and reported
	 * @param listener called once per new entry at or above the threshold
	 */
	public SlowLogSampler(NodeAddress node, int entries, Duration threshold, Consumer<SlowCommand> listener) {
		this.node = node;
		this.entries = entries;
		this.threshold = threshold;
		this.listener = listener;
	}

	/** The slow commands of the last read. */
	public SlowCommands getLast() {
		return this.last;
	}

	/**
	 * Read the slow log now.
	 * @param connection the node's monitoring connection
	 * @param timeout the deadline
	 * @return the recent slow commands; the previous ones when the node does not answer
	 */
	public synchronized SlowCommands sample(OutOfBandConnection connection, Duration timeout) {
		List<Object> raw;
		try {
			raw = connection.executeUnlessRefused((commands) -> commands.slowlogGet(this.entries), timeout,
					(reason) -> unavailable("SLOWLOG GET not permitted, renamed or disabled on the server: " + reason));
		}
		catch (OutOfBandConnection.OutOfBandException ex) {
			return this.last;
		}
		if (raw == null) {
			return this.last;
		}
		List<SlowCommand> commands = parse(raw);
		report(commands, newestId(raw));
		if (this.unavailable != null) {
			logger.info("Redis SLOWLOG readable again on " + this.node);
			this.unavailable = null;
		}
		keep(commands);
		this.last = new SlowCommands(
				this.kept.values().stream().sorted(Comparator.comparing(SlowCommand::duration).reversed()).toList(),
				null);
		return this.last;
	}

	// the newest entries of other clients, so the monitoring's own commands (left out) or a
	// busy slow log between two samples never push a recent slow command out of view
	private void keep(List<SlowCommand> commands) {
		for (SlowCommand command : commands) {
			this.kept.putIfAbsent(command.id(), command);
		}
		while (this.kept.size() > this.entries) {
			this.kept.pollFirstEntry();
		}
	}

	private void unavailable(String reason) {
		if (!reason.equals(this.unavailable)) {
			logger.info("Redis slow commands of " + this.node + " are not monitored: " + reason
					+ "; grant the monitoring user +slowlog (ACL) to see them in /actuator/redis");
			this.unavailable = reason;
		}
		this.last = new SlowCommands(List.of(), reason);
	}

	// the monitoring's own entries count here: the newest id tells a restart from a quiet log
	private static long newestId(List<Object> raw) {
		long newest = -1;
		for (Object item : raw) {
			if (item instanceof List<?> entry && !entry.isEmpty() && entry.get(0) instanceof Number id) {
				newest = Math.max(newest, id.longValue());
			}
		}
		return newest;
	}

	private void report(List<SlowCommand> commands, long newest) {
		if (newest < this.lastReportedId) {
			// the server restarted (ids start again) or its slow log was reset
			this.lastReportedId = -1;
			this.kept.clear();
		}
		if (!this.baselined) {
			this.baselined = true;
			this.lastReportedId = Math.max(this.lastReportedId, newest);
			return;
		}
		commands.stream()
			.filter((command) -> command.id() > this.lastReportedId)
			.sorted(Comparator.comparingLong(SlowCommand::id))
			.filter((command) -> command.duration().compareTo(this.threshold) >= 0)
			.forEach((command) -> {
				logger.warn("Slow Redis command " + command.command() + " on " + this.node + " took "
						+ millis(command.duration()) + " ms (slow-log entry " + command.id() + ", client "
						+ command.clientName() + " at " + command.clientAddress()
						+ "; redis.monitor.slow-command-threshold=" + this.threshold.toMillis() + "ms)");
				this.listener.accept(command);
			});
		this.lastReportedId = Math.max(this.lastReportedId, newest);
	}

	private static String millis(Duration duration) {
		return BigDecimal.valueOf(duration.toNanos(), 6).stripTrailingZeros().toPlainString();
	}

	List<SlowCommand> parse(List<Object> raw) {
		return raw.stream()
			.map(this::parseEntry)
			.filter((command) -> command != null && (command.clientName() == null
					|| !command.clientName().endsWith(ClientNames.OUT_OF_BAND_SUFFIX)))
			.toList();
	}

	private @Nullable SlowCommand parseEntry(Object item) {
		if (!(item instanceof List<?> entry) || entry.size() < 4 || !(entry.get(0) instanceof Number id)
				|| !(entry.get(1) instanceof Number seconds) || !(entry.get(2) instanceof Number micros)
				|| !(entry.get(3) instanceof List<?> arguments)) {
			return null;
		}
		return new SlowCommand(this.node, id.longValue(), Instant.ofEpochSecond(seconds.longValue()),
				Duration.ofNanos(micros.longValue() * 1000), commandName(arguments), text(entry, 4), text(entry, 5));
	}

	/**
	 * The command name of a slow-log entry's arguments: the first, plus the second for
	 * container commands; never any other argument.
	 * @param arguments the logged arguments
	 * @return the name, {@link #OTHER} when it does not look like a command name
	 */
	static String commandName(List<?> arguments) {
		if (arguments.isEmpty()) {
			return OTHER;
		}
		String name = name(arguments.get(0));
		if (name != null && CONTAINER_COMMANDS.contains(name) && arguments.size() > 1) {
			String subcommand = name(arguments.get(1));
			return (subcommand != null) ? name + " " + subcommand : name;
		}
		return (name != null) ? name : OTHER;
	}

	private static @Nullable String name(@Nullable Object argument) {
		if (argument == null) {
			return null;
		}
		String name = String.valueOf(argument).toUpperCase(Locale.ROOT);
		return NAME.matcher(name).matches() ? name : null;
	}

	private static @Nullable String text(List<?> entry, int index) {
		if (entry.size() <= index || entry.get(index) == null) {
			return null;
		}
		String text = String.valueOf(entry.get(index));
		return text.isEmpty() ? null : text;
	}

}
