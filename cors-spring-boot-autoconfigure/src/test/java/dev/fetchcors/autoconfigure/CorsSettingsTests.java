package dev.fetchcors.autoconfigure;

import java.beans.PropertyDescriptor;
import java.time.Duration;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import dev.fetchcors.core.CorsConfig;
import dev.fetchcors.core.CorsConfig.Setting;
import dev.fetchcors.core.CorsDifference;
import dev.fetchcors.core.CorsPolicy;
import org.junit.jupiter.api.Test;

import org.springframework.beans.BeanUtils;
import org.springframework.beans.BeanWrapper;
import org.springframework.beans.PropertyAccessorFactory;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Each setting of the engine is declared once ({@link Setting}) and is one property of a policy, which reaches the
 * engine, the startup description, the shadow comparison, the IDE's metadata and the README's table: what makes
 * "adding a setting" (CONTRIBUTING) a change to the core configuration, its validation, the engine,
 * {@link CorsPolicyProperties}, the metadata and the README alone, and fails here when one of them is missed.
 */
class CorsSettingsTests {

    /** The settings that are not properties of a policy, and why. */
    private static final Map<Setting, String> NOT_POLICY_PROPERTIES = new EnumMap<>(Map.of(
            Setting.WEBSOCKET_HANDSHAKES, "app.cors.websocket.enabled, one switch for every policy",
            Setting.ORIGIN_CHECK, "an OriginCheck bean",
            Setting.CANDIDATE, "app.cors.candidate.* and app.cors.policies[n].candidate.*, beside a policy, not in it"));

    /** The settings no browser reads in an answer, so the shadow comparison names none of them, and why. */
    private static final Map<Setting, String> NOT_READ_BY_BROWSERS = new EnumMap<>(Map.of(
            Setting.PREFLIGHT_PASSTHROUGH, "who answers a preflight, not what the answer says",
            Setting.CROSS_ORIGIN_PROTECTION, "whether refused requests are refused at all; what it stops is compared"
                    + " under the aspect of send-only-origins, which lets an origin through",
            Setting.DANGEROUSLY_ALLOW_PUBLIC_SUFFIX_WILDCARDS, "what startup accepts",
            Setting.DANGEROUSLY_ALLOW_INSECURE_ORIGINS_WITH_CREDENTIALS, "what startup accepts",
            Setting.DANGEROUSLY_ALLOW_PRIVATE_NETWORK_FROM_ANY_ORIGIN, "what startup accepts",
            Setting.WEBSOCKET_HANDSHAKES, "whether handshakes are judged, compared by their origin",
            Setting.ORIGIN_CHECK, "more origins, compared as allowed-origins is",
            Setting.MODE, "whether anything is compared at all",
            Setting.CANDIDATE, "what is compared"));

    @Test
    void everySettingIsAPropertyOfAPolicyAndEveryPropertyASetting() {
        Set<String> settings = new TreeSet<>();
        for (Setting setting : Setting.values()) {
            if (!NOT_POLICY_PROPERTIES.containsKey(setting)) {
                settings.add(setting.key());
            }
        }
        assertThat(new TreeSet<>(propertyNames())).isEqualTo(settings);
    }

    @Test
    void everyPropertyReachesTheEngineUnderItsOwnSettingAlone() {
        Map<String, Object> defaults = CorsConfig.builder().build().settings();
        for (PropertyDescriptor property : properties()) {
            CorsPolicyProperties properties = new CorsPolicyProperties();
            BeanWrapper wrapper = PropertyAccessorFactory.forBeanPropertyAccess(properties);
            wrapper.setPropertyValue(property.getName(), notTheDefault(property, defaults));
            CorsConfig.Builder builder = CorsConfig.builder();
            properties.applyTo(builder);
            Map<String, Object> applied = builder.build().settings();
            String key = DataObjectPropertyName.toDashedForm(property.getName());
            Set<String> changed = new TreeSet<>();
            for (Setting setting : Setting.values()) {
                if (!Objects.equals(applied.get(setting.key()), defaults.get(setting.key()))) {
                    changed.add(setting.key());
                }
            }
            assertThat(changed).as("settings changed by %s", key).containsExactly(key);
        }
    }

    /** A valid value, other than the default, for each property: what the startup description must show. */
    private static final Map<String, Object> EXAMPLES = Map.ofEntries(
            Map.entry("allowed-origins", "https://other.example"),
            Map.entry("allowed-methods", "PUT"), Map.entry("allowed-headers", "X-Request-Id"),
            Map.entry("exposed-headers", "X-Total-Count"), Map.entry("allow-credentials", true),
            Map.entry("send-only-origins", "https://idp.example"), Map.entry("cross-origin-protection", false),
            Map.entry("allow-private-network", true), Map.entry("max-age", Duration.ofSeconds(7)),
            Map.entry("preflight-status", 200), Map.entry("preflight-passthrough", true),
            Map.entry("dangerously-allow-public-suffix-wildcards", true),
            Map.entry("dangerously-allow-insecure-origins-with-credentials", true),
            Map.entry("dangerously-allow-private-network-from-any-origin", true),
            Map.entry("mode", CorsConfig.Mode.SHADOW));

    @Test
    void theStartupDescriptionNamesEverySettingThatIsSet() {
        String base = describe(CorsConfig.builder().allowedOrigins("https://app.example.com").build());
        for (String key : propertyNames()) {
            assertThat(EXAMPLES).as("a valid example value of %s, for this test", key).containsKey(key);
            CorsPolicyProperties properties = new CorsPolicyProperties();
            PropertyAccessorFactory.forBeanPropertyAccess(properties)
                .setPropertyValue(camel(key), EXAMPLES.get(key));
            CorsConfig.Builder builder = CorsConfig.builder().allowedOrigins("https://app.example.com");
            properties.applyTo(builder);
            assertThat(describe(builder.build())).as("the startup description with %s set", key).isNotEqualTo(base);
        }
    }

    private static String describe(CorsConfig config) {
        return CorsPolicies.of(NamedCorsPolicy.of("default", CorsPolicy.compile(config)), List.of()).toString();
    }

    private static String camel(String dashed) {
        StringBuilder name = new StringBuilder();
        for (String word : dashed.split("-")) {
            name.append(name.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
        }
        return name.toString();
    }

    @Test
    void theShadowComparisonKnowsWhetherABrowserReadsEachSetting() {
        Set<Setting> compared = EnumSet.noneOf(Setting.class);
        for (CorsDifference.Aspect aspect : CorsDifference.Aspect.values()) {
            if (aspect.setting() != null) {
                compared.add(aspect.setting());
            }
        }
        for (Setting setting : Setting.values()) {
            assertThat(compared.contains(setting) || NOT_READ_BY_BROWSERS.containsKey(setting))
                .as("%s: name it in CorsDifference.Aspect, or say here why no browser reads it", setting.key())
                .isTrue();
            assertThat(compared.contains(setting) && NOT_READ_BY_BROWSERS.containsKey(setting)).as(setting.key())
                .isFalse();
        }
    }

    @Test
    void theMetadataAndTheReadmeNameEveryProperty() throws Exception {
        String metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            metadata = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String readme = Files.readString(Path.of("../README.md"));
        for (String key : propertyNames()) {
            assertThat(metadata).as("the IDE's metadata").contains("\"app.cors." + key + "\"");
            assertThat(readme).as("README's property table").contains("| `app.cors." + key + "` |");
        }
    }

    /**
     * The properties beside the policy settings ({@code app.cors.enabled}, {@code app.cors.origin-source.*} and the
     * other groups): each in the metadata and in the README's table, so that a new one cannot go undocumented.
     */
    @Test
    void theMetadataAndTheReadmeNameEveryPropertyBesideThePolicySettings() throws Exception {
        String metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            metadata = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String readme = Files.readString(Path.of("../README.md"));
        Set<String> policySettings = new TreeSet<>(propertyNames());
        Set<String> keys = new TreeSet<>();
        for (PropertyDescriptor property : BeanUtils.getPropertyDescriptors(CorsProperties.class)) {
            String key = DataObjectPropertyName.toDashedForm(property.getName());
            Class<?> type = property.getPropertyType();
            if (policySettings.contains(key) || key.equals("class") || key.equals("policies")
                    || key.equals("candidate")) {
                // Policy settings are checked above; policies[n] and candidate take them, each with its README row.
                continue;
            }
            if (type.getName().startsWith(CorsProperties.class.getName() + "$")) {
                for (PropertyDescriptor nested : BeanUtils.getPropertyDescriptors(type)) {
                    if (nested.getWriteMethod() != null) {
                        keys.add(key + "." + DataObjectPropertyName.toDashedForm(nested.getName()));
                    }
                }
            }
            else if (property.getWriteMethod() != null) {
                keys.add(key);
            }
        }
        assertThat(keys).contains("enabled", "origin-source.max-rows", "origin-source.allow-patterns",
                "origin-source.timeout", "shadow.max-distinct");
        for (String key : keys) {
            assertThat(metadata).as("the IDE's metadata").contains("\"app.cors." + key + "\"");
            assertThat(readme).as("README's property table").contains("| `app.cors." + key + "` |");
        }
    }

    private static Object notTheDefault(PropertyDescriptor property, Map<String, Object> defaults) {
        Class<?> type = property.getPropertyType();
        String key = DataObjectPropertyName.toDashedForm(property.getName());
        if (type == List.class) {
            return List.of("value-of-" + key);
        }
        if (type == Boolean.class) {
            return !Boolean.TRUE.equals(defaults.get(key));
        }
        if (type == Duration.class) {
            return Duration.ofSeconds(7);
        }
        if (type == Integer.class) {
            return ((Integer) defaults.get(key)) + 1;
        }
        if (type == CorsConfig.Mode.class) {
            return CorsConfig.Mode.SHADOW;
        }
        return fail("No value for %s of %s: teach this test the type", key, type);
    }

    private static List<String> propertyNames() {
        return properties().stream().map((property) -> DataObjectPropertyName.toDashedForm(property.getName()))
            .toList();
    }

    private static List<PropertyDescriptor> properties() {
        return List.of(BeanUtils.getPropertyDescriptors(CorsPolicyProperties.class))
            .stream()
            .filter((property) -> property.getWriteMethod() != null)
            .toList();
    }

}
