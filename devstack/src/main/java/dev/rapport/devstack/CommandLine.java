package dev.rapport.devstack;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.rapport.devstack.stack.UsageException;

/** A parsed devstack command line: the subcommand, its positional arguments and its {@code --options}. */
record CommandLine(String command, List<String> arguments, Map<String, String> options) {

	/** Flags without a value are stored with this value, so {@code --fresh} and {@code --fresh=true} agree. */
	private static final String PRESENT = "true";

	CommandLine {
		arguments = List.copyOf(arguments);
		options = Map.copyOf(options);
	}

	/**
	 * Parses {@code [command] [arguments] [--flag] [--option value] [--option=value]}; no command means {@code up}.
	 * @param valueOptions the options that take a value; every other {@code --name} is a flag
	 */
	static CommandLine parse(List<String> args, Set<String> valueOptions) {
		List<String> arguments = new ArrayList<>();
		Map<String, String> options = new LinkedHashMap<>();
		for (int i = 0; i < args.size(); i++) {
			String arg = args.get(i);
			if (!arg.startsWith("--")) {
				arguments.add(arg);
				continue;
			}
			String name = arg.substring(2);
			int equals = name.indexOf('=');
			if (equals >= 0) {
				options.put(name.substring(0, equals), name.substring(equals + 1));
			}
			else if (valueOptions.contains(name)) {
				if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
					throw new UsageException("--" + name + " needs a value");
				}
				options.put(name, args.get(++i));
			}
			else {
				options.put(name, PRESENT);
			}
		}
		String command = arguments.isEmpty() ? "up" : arguments.removeFirst();
		return new CommandLine(command, arguments, options);
	}

	/** Rejects options the command does not know, so a typo is not silently ignored. */
	CommandLine allow(String... names) {
		List<String> allowed = Arrays.asList(names);
		for (String name : options.keySet()) {
			if (!allowed.contains(name)) {
				throw new UsageException("'" + command + "' has no option --" + name
						+ (allowed.isEmpty() ? "" : " (it knows --" + String.join(", --", allowed) + ")"));
			}
		}
		return this;
	}

	boolean flag(String name) {
		return options.containsKey(name);
	}

	Optional<String> option(String name) {
		return Optional.ofNullable(options.get(name));
	}

	/** A comma-separated option as a list: {@code --skip gateway,reminders}. */
	List<String> list(String name) {
		return option(name).stream()
			.flatMap(value -> Arrays.stream(value.split(",")))
			.map(String::strip)
			.filter(value -> !value.isEmpty())
			.toList();
	}

}
