package dev.fetchcors.samples.page;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.fetchcors.core.BrowserClassifier;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The same-origin endpoints behind the sample page. Annotated, so that Spring MVC and WebFlux both serve it.
 */
@RestController
@RequestMapping("/demo")
public class SamplePageController {

    private final ExchangeJournal journal;

    private final String title;

    private final String shadowReport;

    SamplePageController(ExchangeJournal journal, @Value("${sample.title:Fetch CORS sample}") String title,
            @Value("${sample.shadow-report:}") String shadowReport) {
        this.journal = journal;
        this.title = title;
        this.shadowReport = shadowReport;
    }

    /**
     * What the page shows in its heading, and, in shadow mode, where it reads the starter's report (the actuator's
     * {@code cors} endpoint) after the calls.
     */
    @GetMapping("/info")
    Map<String, Object> info() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("title", this.title);
        info.put("lastExchangeId", this.journal.lastId());
        if (!this.shadowReport.isEmpty()) {
            info.put("shadowReport", this.shadowReport);
        }
        return info;
    }

    /**
     * Whether a browser would preflight a {@code fetch()} with this method and these headers, by the rules of
     * the Fetch standard as {@link BrowserClassifier} implements them.
     *
     * @param method the method the script passes
     * @param header each header the script sets, as {@code Name: value}
     */
    @GetMapping("/classify")
    ResponseEntity<?> classify(@RequestParam String method,
            @RequestParam(name = "header", required = false) List<String> header) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : (header != null) ? header : List.<String>of()) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                return ResponseEntity.badRequest().body(Map.of("error", "expected Name: value, got " + line));
            }
            headers.merge(line.substring(0, colon).strip(), line.substring(colon + 1).strip(),
                    (first, second) -> first + ", " + second);
        }
        return ResponseEntity.ok(BrowserClassifier.classify(method, headers));
    }

    /**
     * The API requests the server received after the given exchange id.
     *
     * @param after an id from an earlier answer, or 0 for all that are kept
     */
    @GetMapping("/exchanges")
    List<ExchangeJournal.Exchange> exchanges(@RequestParam(defaultValue = "0") long after) {
        return this.journal.after(after);
    }

}
