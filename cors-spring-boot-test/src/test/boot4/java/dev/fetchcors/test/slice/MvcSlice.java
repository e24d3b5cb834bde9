package dev.fetchcors.test.slice;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;

/**
 * Boot's {@code @WebMvcTest} for the slice tests; the Boot 3.5 line compiles a copy with its
 * own import.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WebMvcTest
@interface MvcSlice {

}
