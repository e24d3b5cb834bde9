package dev.fetchcors.autoconfigure;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.util.ReflectionUtils;

/**
 * What the starter reads reflectively or from the class path, for Spring AOT and native images: the Public Suffix
 * List the core bundles, the properties classes it introspects to find unknown keys, the failure analyzer that
 * {@code spring.factories} names, and the {@code HttpHeaders} methods it calls through method handles. Registered
 * in {@code META-INF/spring/aot.factories}, so they apply whether or not the auto-configuration is active.
 */
final class CorsRuntimeHints implements RuntimeHintsRegistrar {

    static final String PUBLIC_SUFFIX_LIST = "dev/fetchcors/core/public_suffix_list.dat";

    @Override
    public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
        hints.resources().registerPattern(PUBLIC_SUFFIX_LIST);
        for (Class<?> type : List.of(CorsProperties.class, CorsPolicyProperties.class, CorsProperties.Policy.class,
                CorsProperties.Gateway.class, CorsProperties.WebSocket.class)) {
            hints.reflection().registerType(type, MemberCategory.INVOKE_PUBLIC_METHODS);
        }
        hints.reflection().registerType(CorsConfigFailureAnalyzer.class, MemberCategory.INVOKE_DECLARED_CONSTRUCTORS);
        registerHeadersMethod(hints, "get", classLoader);
        registerHeadersMethod(hints, "remove", classLoader);
    }

    private static void registerHeadersMethod(RuntimeHints hints, String name, @Nullable ClassLoader classLoader) {
        try {
            Class<?> headers = Class.forName("org.springframework.http.HttpHeaders", false, classLoader);
            // Framework 7 takes a String, 6.2 an Object: hint the one this class path has.
            var method = ReflectionUtils.findMethod(headers, name, String.class);
            if (method == null) {
                method = ReflectionUtils.findMethod(headers, name, Object.class);
            }
            if (method != null) {
                hints.reflection().registerMethod(method, ExecutableMode.INVOKE);
            }
        }
        catch (ClassNotFoundException ex) {
            // No spring-web, no adapters: nothing reads HttpHeaders.
        }
    }

}
