package dev.fetchcors.autoconfigure;

import java.beans.PropertyDescriptor;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import dev.fetchcors.core.CorsConfig;
import dev.fetchcors.core.CorsConfig.Setting;
import org.junit.jupiter.api.Test;

import org.springframework.beans.BeanUtils;
import org.springframework.beans.BeanWrapper;
import org.springframework.beans.PropertyAccessorFactory;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Each setting of the engine is declared once ({@link Setting}) and is one property of a policy, which reaches the
 * engine: what makes "adding a setting" (CONTRIBUTING) a change to the core configuration and to
 * {@link CorsPolicyProperties} alone.
 */
class CorsSettingsTests {

    /** The settings that are not properties of a policy, and why. */
    private static final Map<Setting, String> NOT_POLICY_PROPERTIES = new EnumMap<>(Map.of(
            Setting.WEBSOCKET_HANDSHAKES, "app.cors.websocket.enabled, one switch for every policy",
            Setting.ORIGIN_CHECK, "an OriginCheck bean",
            Setting.CANDIDATE, "app.cors.candidate.* and app.cors.policies[n].candidate.*, beside a policy, not in it"));

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
