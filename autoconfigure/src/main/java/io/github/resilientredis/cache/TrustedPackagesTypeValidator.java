package io.github.resilientredis.cache;

import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

import tools.jackson.databind.DatabindContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.jsontype.PolymorphicTypeValidator;

/**
 * Allows the type ids of JSON cache values to name classes of trusted packages (and their
 * sub-packages) and arrays of them, and denies every other name before the class is
 * loaded. Jackson's {@code BasicPolymorphicTypeValidator} cannot deny by name: a name its
 * prefixes do not match is left undecided, the class is loaded and initialized, and only
 * then refused.
 */
final class TrustedPackagesTypeValidator extends PolymorphicTypeValidator.Base {

	private static final long serialVersionUID = 1L;

	/** The {@code [} of array class names, compiled once: this runs for every type id read. */
	private static final Pattern ARRAY_PREFIX = Pattern.compile("^\\[+");

	private final List<String> prefixes;

	TrustedPackagesTypeValidator(Collection<String> packages) {
		this.prefixes = packages.stream().map((name) -> name + ".").toList();
	}

	@Override
	public Validity validateSubClassName(DatabindContext context, JavaType baseType, String subClassName) {
		return isTrusted(subClassName) ? Validity.ALLOWED : Validity.DENIED;
	}

	@Override
	public Validity validateSubType(DatabindContext context, JavaType baseType, JavaType subType) {
		return isTrusted(subType.getRawClass().getName()) ? Validity.ALLOWED : Validity.DENIED;
	}

	/**
	 * Whether a class name ({@link Class#getName()} form, {@code [Lcom.example.Foo;} for
	 * arrays) is in a trusted package; arrays of primitives are.
	 */
	boolean isTrusted(String className) {
		String name = ARRAY_PREFIX.matcher(className).replaceFirst("");
		if (!name.equals(className) && name.length() == 1) {
			return true;
		}
		if (!name.equals(className) && name.startsWith("L") && name.endsWith(";")) {
			name = name.substring(1, name.length() - 1);
		}
		return this.prefixes.stream().anyMatch(name::startsWith);
	}

}
