package dev.fetchcors.test.docs;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;

/** Boot's {@code @WebMvcTest} of the documentation's application. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WebMvcTest(DocsApplication.OrderController.class)
@interface DocsSlice {

}
