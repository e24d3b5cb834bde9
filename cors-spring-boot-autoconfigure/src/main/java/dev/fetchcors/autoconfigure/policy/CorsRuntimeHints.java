package dev.fetchcors.autoconfigure.policy;

import java.util.List;

import dev.fetchcors.autoconfigure.CorsPolicyProperties;
import dev.fetchcors.autoconfigure.CorsProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * What the starter reads reflectively or from the class path, for Spring AOT and native images: the Public Suffix
 * List the core bundles, the properties classes it introspects to find unknown keys, the failure analyzer that
 * {@code spring.factories} names, the {@code HttpHeaders} methods it calls through method handles, and Spring's
 * Reactor Netty request and response classes, which the {@code WebFilter} looks up by name. Registered
 * in {@code META-INF/spring/aot.factories}, so they apply whether or not the auto-configuration is active.
 */
final class CorsRuntimeHints implements RuntimeHintsRegistrar {

    static final String PUBLIC_SUFFIX_LIST = "dev/fetchcors/core/public_suffix_list.dat";

    static final List<String> REACTOR_NETTY_ADAPTERS = List.of(
            "org.springframework.http.server.reactive.ReactorServerHttpRequest",
            "org.springframework.http.server.reactive.ReactorServerHttpResponse");

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
        // The WebFilter looks Spring's Reactor Netty request and response up by name, to know them when it meets them.
        for (String adapter : REACTOR_NETTY_ADAPTERS) {
            if (ClassUtils.isPresent(adapter, classLoader)) {
                hints.reflection().registerType(TypeReference.of(adapter));
            }
        }
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
