package dev.fetchcors.autoconfigure.surface;

import java.lang.reflect.Method;

import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/** The CORS surface on Spring WebFlux and Netty, which has no SockJS. */
class ReactiveSurfaceHttpTests extends SurfaceHttpTests {

    @Override
    boolean reactive() {
        return true;
    }

    @Override
    Runnable map(String path, RequestMethod method) throws Exception {
        RequestMappingHandlerMapping mapping = this.context.getBean("requestMappingHandlerMapping",
                RequestMappingHandlerMapping.class);
        RequestMappingInfo info = RequestMappingInfo.paths(path).methods(method).build();
        Method handler = SurfaceApps.AccountController.class.getDeclaredMethod("orders");
        mapping.registerMapping(info, this.context.getBean(SurfaceApps.AccountController.class), handler);
        return () -> mapping.unregisterMapping(info);
    }

}
