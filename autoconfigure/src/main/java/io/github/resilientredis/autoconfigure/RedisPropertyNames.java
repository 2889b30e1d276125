package io.github.resilientredis.autoconfigure;

import java.beans.PropertyDescriptor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;

/**
 * The names of the {@code redis.*} properties, read from the
 * {@link RedisResilienceProperties} JavaBean tree (the same tree the binder and the
 * configuration metadata are built from), and the closest of them to a name that is not
 * one of them.
 */
final class RedisPropertyNames {

	private static final String PREFIX = "redis";

	// redis.tls=true (REDIS_TLS) is read from the environment, not bound to the tree
	private static final String TLS_SHORTHAND = "redis.tls";

	/** Every {@code redis.*} property name in its canonical (dashed) form, sorted. */
	static final List<String> NAMES = collect();

	private RedisPropertyNames() {
	}

	/**
	 * Return the known property most likely meant by an unknown one: one whose last part
	 * is the same (a property put in the wrong group), else one within a few typing
	 * mistakes; {@code null} when none is close.
	 */
	static @Nullable String closest(String unknown) {
		String name = unknown.replaceAll("\\[[^\\]]*\\]", "").toLowerCase(Locale.ROOT);
		String lastPart = name.substring(name.lastIndexOf('.') + 1);
		Comparator<String> byDistance = Comparator.comparingInt((candidate) -> distance(name, candidate));
		String sameLastPart = NAMES.stream()
			.filter((candidate) -> candidate.endsWith("." + lastPart))
			.min(byDistance)
			.orElse(null);
		if (sameLastPart != null) {
			return sameLastPart;
		}
		String nearest = NAMES.stream().min(byDistance).orElseThrow();
		// a few typos, not a different word: one mistake per five characters, at least two
		return (distance(name, nearest) <= Math.max(2, name.length() / 5)) ? nearest : null;
	}

	private static List<String> collect() {
		List<String> names = new ArrayList<>();
		collect(PREFIX, RedisResilienceProperties.class, names);
		names.add(TLS_SHORTHAND);
		names.sort(null);
		return List.copyOf(names);
	}

	private static void collect(String prefix, Class<?> type, List<String> names) {
		for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(type)) {
			if (descriptor.getReadMethod() == null || "class".equals(descriptor.getName())) {
				continue;
			}
			String name = prefix + "." + DataObjectPropertyName.toDashedForm(descriptor.getName());
			Class<?> propertyType = descriptor.getPropertyType();
			if (descriptor.getWriteMethod() != null) {
				names.add(name);
			}
			else if (isGroup(propertyType)) {
				collect(name, propertyType, names);
			}
		}
	}

	/** A nested group at any depth: a non-enum type of this package ({@code Redis*Properties}). */
	private static boolean isGroup(Class<?> type) {
		return !type.isEnum() && type.getPackageName().equals(RedisResilienceProperties.class.getPackageName());
	}

	/**
	 * Levenshtein distance: neither Spring nor the starter's dependencies offer one, and a
	 * dependency (commons-text) for twenty lines is not worth it.
	 */
	static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

}
