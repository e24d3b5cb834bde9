package dev.fetchcors.autoconfigure.surface;

import java.lang.reflect.Method;

import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** The CORS surface on Spring MVC and Tomcat, its SockJS endpoint included. */
class ServletSurfaceHttpTests extends SurfaceHttpTests {

    @Override
    boolean reactive() {
        return false;
    }

    @Override
    Runnable map(String path, RequestMethod method) throws Exception {
        RequestMappingHandlerMapping mapping = this.context.getBean("requestMappingHandlerMapping",
                RequestMappingHandlerMapping.class);
        RequestMappingInfo info = RequestMappingInfo.paths(path)
            .methods(method)
            .options(mapping.getBuilderConfiguration())
            .build();
        Method handler = SurfaceApps.AccountController.class.getDeclaredMethod("orders");
        mapping.registerMapping(info, this.context.getBean(SurfaceApps.AccountController.class), handler);
        return () -> mapping.unregisterMapping(info);
    }

}
