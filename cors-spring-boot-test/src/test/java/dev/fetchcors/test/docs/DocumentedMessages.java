package dev.fetchcors.test.docs;

import java.util.List;

/** The ids of the messages the documents show ({@code <!-- printed: id -->}), each printed by a test. */
final class DocumentedMessages {

    static final String TABLE_WITHOUT_CONTENT_TYPE = "table-without-content-type";

    static final String ASSERT_STAR_WITH_CREDENTIALS = "assert-star-with-credentials";

    static final String STARTUP_REPORT = "startup-report";

    static final String DEBUG_LINE = "debug-line";

    static final String LEFTOVERS_BEFORE_ORIGINS = "leftovers-before-origins";

    static final String LEFTOVERS_STILL_PRESENT = "leftovers-still-present";

    static final String LEFTOVERS_IN_SHADOW_MODE = "leftovers-in-shadow-mode";

    static final String SHADOW_DIFFERENCE = "shadow-difference";

    static final String SHADOW_REPORT = "shadow-report";

    static final String CANDIDATE_DIFFERENCE = "candidate-difference";

    static final String ORIGIN_SOURCE_REJECTED_ROW = "origin-source-rejected-row";

    static final String ORIGIN_SOURCE_CHANGE = "origin-source-change";

    static final String SURFACE_WIDENED = "surface-widened";

    static final String SURFACE_STARTUP = "surface-startup";

    static final String SURFACE_ORIGIN = "surface-origin";

    static final String SURFACE_ACTUATOR_WARNING = "surface-actuator-warning";

    static final String SURFACE_ORIGIN_ADDED = "surface-origin-added";

    static final List<String> IDS = List.of(TABLE_WITHOUT_CONTENT_TYPE, ASSERT_STAR_WITH_CREDENTIALS, STARTUP_REPORT,
            DEBUG_LINE, LEFTOVERS_BEFORE_ORIGINS, LEFTOVERS_STILL_PRESENT, LEFTOVERS_IN_SHADOW_MODE, SHADOW_DIFFERENCE,
            SHADOW_REPORT, CANDIDATE_DIFFERENCE, ORIGIN_SOURCE_REJECTED_ROW, ORIGIN_SOURCE_CHANGE, SURFACE_WIDENED,
            SURFACE_STARTUP, SURFACE_ORIGIN, SURFACE_ACTUATOR_WARNING, SURFACE_ORIGIN_ADDED);

    private DocumentedMessages() {
    }

}
