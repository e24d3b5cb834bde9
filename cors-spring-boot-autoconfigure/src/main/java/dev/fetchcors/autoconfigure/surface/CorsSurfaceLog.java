package dev.fetchcors.autoconfigure.surface;

import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Says at startup, once the application is ready (its handler mappings initialised, its origin sources loaded), how
 * many routes each policy covers, whether with credentials, and from how many origins: one INFO line per policy.
 * And a WARN line for each actuator route that a page on another origin may read with the user's cookies or make
 * run with a method that changes something, with the policy that opens it and how to close it. Computed once, off
 * the request path.
 */
final class CorsSurfaceLog implements ApplicationListener<ApplicationReadyEvent> {

    private static final Log logger = LogFactory.getLog(CorsSurveyor.class);

    private final CorsSurveyor surveyor;

    private final AtomicBoolean logged = new AtomicBoolean();

    CorsSurfaceLog(CorsSurveyor surveyor) {
        this.surveyor = surveyor;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (!(logger.isInfoEnabled() || logger.isWarnEnabled()) || !this.logged.compareAndSet(false, true)) {
            return;
        }
        CorsSurface surface;
        try {
            surface = this.surveyor.survey();
        }
        catch (RuntimeException ex) {
            // A router the surface cannot read must not stop an application that runs.
            logger.warn("CORS surface could not be computed: " + ex);
            return;
        }
        logger.info("CORS surface (every route, and who may read it: GET /actuator/cors/surface):"
                + System.lineSeparator() + String.join(System.lineSeparator(), surface.summary()));
        for (String warning : surface.actuatorWarnings()) {
            logger.warn("CORS surface: " + warning);
        }
    }

}
