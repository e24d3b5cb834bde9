package dev.fetchcors.autoconfigure.policy;

import java.beans.PropertyDescriptor;
import java.lang.reflect.ParameterizedType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.fetchcors.autoconfigure.CorsPolicyProperties;
import dev.fetchcors.autoconfigure.CorsProperties;
import dev.fetchcors.core.ConfigProblem;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Finds keys under {@code app.cors} that no property has, such as {@code allowed-origin} or
 * {@code allow-credential}: the binder ignores them, so a typo would leave CORS off or credentials refused without
 * a word. The known names come from {@link CorsProperties} itself; each unknown key is reported with the closest
 * known one. Names compare as Boot's relaxed binding does: case, dashes and underscores aside, and for
 * environment variables with any split into words.
 */
final class CorsPropertyKeys {

    private static final ConfigurationPropertyName PREFIX = ConfigurationPropertyName.of(CorsProperties.PREFIX);

    /** Every leaf property, as the path of its dashed names below the prefix ("policies", "allowed-origins"). */
    private static final List<List<String>> KNOWN = known(CorsProperties.class, List.of());

    private CorsPropertyKeys() {
    }

    /**
     * A problem for every key under {@code app.cors} in the given sources that no property has.
     *
     * @param sources where the application's properties come from
     * @return the problems, in the order of the sources
     */
    static List<ConfigProblem> unknown(Iterable<ConfigurationPropertySource> sources) {
        List<ConfigProblem> problems = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (ConfigurationPropertySource source : sources) {
            if (!(source instanceof IterableConfigurationPropertySource iterable)) {
                continue;
            }
            boolean environment = source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource;
            iterable.stream().filter(PREFIX::isAncestorOf).forEach((name) -> {
                List<String> path = uniformPath(name);
                if (isKnown(path, environment) || seen.contains(name.toString())) {
                    return;
                }
                seen.add(name.toString());
                problems.add(problem(name, source.getConfigurationProperty(name), path));
            });
        }
        return problems;
    }

    private static ConfigProblem problem(ConfigurationPropertyName name, @Nullable ConfigurationProperty property,
            List<String> path) {
        Origin origin = (property != null) ? property.getOrigin() : null;
        String key = name.toString();
        boolean environment = false;
        if (origin instanceof PropertySourceOrigin sourceOrigin) {
            key = sourceOrigin.getPropertyName();
            environment = sourceOrigin.getPropertySource() instanceof SystemEnvironmentPropertySource;
        }
        String value = (property != null) ? String.valueOf(property.getValue()) : "";
        String reason = "there is no such property under app.cors, so the value would be ignored and CORS would"
                + " not be configured as you meant" + ((origin != null) ? " (set in " + origin + ")." : ".");
        String closest = closest(name, path);
        String fix = "remove it, or write the property you meant";
        if (closest != null) {
            fix = "did you mean " + (environment ? toEnvironmentVariable(closest) + " (" + closest + ")" : closest)
                    + "?";
        }
        return new ConfigProblem(key, value, reason, fix);
    }

    private static boolean isKnown(List<String> path, boolean environment) {
        if (path.isEmpty()) {
            return true;
        }
        String flat = String.join("", path);
        for (List<String> known : KNOWN) {
            // A list property bound element by element (allowed-origins[0]) has no name below it.
            if (environment ? flat.equals(String.join("", uniform(known))) : path.equals(uniform(known))) {
                return true;
            }
        }
        return false;
    }

    /** The closest known property, written under the same prefix and list index as the unknown one. */
    private static @Nullable String closest(ConfigurationPropertyName name, List<String> path) {
        String flat = String.join("", path);
        List<String> best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (List<String> known : KNOWN) {
            int distance = distance(flat, String.join("", uniform(known)));
            if (distance < bestDistance) {
                best = known;
                bestDistance = distance;
            }
        }
        if (best == null || bestDistance > Math.max(3, flat.length() / 3)) {
            return null;
        }
        StringBuilder written = new StringBuilder(CorsProperties.PREFIX);
        int element = PREFIX.getNumberOfElements();
        for (String part : best) {
            written.append('.').append(part);
            // Keep the index the key had after a list of policies: policies[2].allowed-origins.
            if (part.equals("policies") && element + 1 < name.getNumberOfElements() && name.isNumericIndex(element + 1)) {
                written.append('[').append(name.getElement(element + 1, Form.ORIGINAL)).append(']');
            }
            element += part.equals("policies") ? 2 : 1;
        }
        return written.toString();
    }

    private static String toEnvironmentVariable(String property) {
        return property.replace("[", "_").replace("]", "").replace('.', '_').replace('-', '_')
            .toUpperCase(Locale.ROOT);
    }

    private static List<String> uniformPath(ConfigurationPropertyName name) {
        List<String> path = new ArrayList<>();
        for (int i = PREFIX.getNumberOfElements(); i < name.getNumberOfElements(); i++) {
            if (!name.isNumericIndex(i)) {
                path.add(name.getElement(i, Form.UNIFORM));
            }
        }
        return path;
    }

    private static List<String> uniform(List<String> dashed) {
        return dashed.stream().map((part) -> part.replace("-", "").toLowerCase(Locale.ROOT)).toList();
    }

    private static List<List<String>> known(Class<?> type, List<String> parent) {
        List<List<String>> names = new ArrayList<>();
        for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(type)) {
            if (descriptor.getReadMethod() == null || descriptor.getName().equals("class")) {
                continue;
            }
            List<String> path = new ArrayList<>(parent);
            path.add(DataObjectPropertyName.toDashedForm(descriptor.getName()));
            Class<?> propertyType = descriptor.getPropertyType();
            Class<?> element = listElement(descriptor);
            if (element != null && element.getEnclosingClass() == CorsProperties.class) {
                names.addAll(known(element, path));
            }
            else if (propertyType.getEnclosingClass() == CorsProperties.class
                    || propertyType == CorsPolicyProperties.class) {
                names.addAll(known(propertyType, path));
            }
            else {
                names.add(List.copyOf(path));
            }
        }
        return List.copyOf(names);
    }

    private static @Nullable Class<?> listElement(PropertyDescriptor descriptor) {
        if (!List.class.isAssignableFrom(descriptor.getPropertyType())
                || !(descriptor.getReadMethod().getGenericReturnType() instanceof ParameterizedType list)) {
            return null;
        }
        return (list.getActualTypeArguments()[0] instanceof Class<?> element) ? element : null;
    }

    /** Levenshtein distance, for the closest name: both strings are short. */
    private static int distance(String a, String b) {
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
