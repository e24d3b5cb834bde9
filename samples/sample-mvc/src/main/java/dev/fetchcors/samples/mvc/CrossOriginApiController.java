package dev.fetchcors.samples.mvc;

import java.util.Map;

import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * The same API with the CORS an application had before the starter, {@code @CrossOrigin}: run under the
 * {@code shadow} profile, where the starter only compares its policy with what this answers. It differs from the
 * policy in {@code application.yml} as an application's CORS drifts: DELETE allowed, and preflights cached for
 * {@code @CrossOrigin}'s default 30 minutes.
 */
@RestController
@RequestMapping("/api")
@Profile("shadow")
@CrossOrigin(originPatterns = { "http://localhost:*", "http://127.0.0.1:*" }, allowCredentials = "true",
        methods = { RequestMethod.GET, RequestMethod.POST, RequestMethod.PUT, RequestMethod.DELETE },
        allowedHeaders = { "Content-Type", "X-Request-Id", "X-Requested-With" }, exposedHeaders = "X-Request-Id")
class CrossOriginApiController extends ApiController {

    /** Open to any site, without credentials. */
    @Override
    @CrossOrigin(origins = "*", allowCredentials = "false")
    Map<String, String> publicStatus() {
        return super.publicStatus();
    }

}
