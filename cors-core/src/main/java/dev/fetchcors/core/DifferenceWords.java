package dev.fetchcors.core;

import java.util.List;

import dev.fetchcors.core.CorsConfig.Setting;
import dev.fetchcors.core.CorsDecision.Kind;
import dev.fetchcors.core.CorsDifference.Aspect;

/**
 * The words of a {@link CorsDifference}, kept apart from the verdict: which request differs, what each answer says,
 * and the property to change, with every request value escaped and cut to length ({@link CorsDecision#forLog}).
 */
final class DifferenceWords {

    private DifferenceWords() {
    }

    /**
     * What differs for a request, what each answer says, and the property to change, in one line.
     *
     * @param difference the difference found
     * @param request the request compared
     * @param sent the answer it got (the enforced policy's decision, beside a candidate)
     * @param policy the compared policy's decision
     * @param isCandidate whether the compared policy is a candidate
     * @param path the request's path, to name it, or {@code null}
     */
    static String describe(CorsDifference difference, CorsRequest request, CorsAnswer sent, CorsDecision policy,
            boolean isCandidate, String path) {
        Kind kind = difference.kind();
        Aspect aspect = difference.aspect();
        String subject = isCandidate ? "the candidate" : "the policy";
        String prefix = isCandidate ? "candidate." : "";
        StringBuilder out = new StringBuilder(256);
        String origin = request.header(CorsHeaders.ORIGIN);
        String what = switch (kind) {
            case PREFLIGHT -> "preflight";
            case WEBSOCKET -> "WebSocket handshake";
            default -> "request";
        };
        switch (difference.verdict()) {
            case WOULD_BREAK -> {
                out.append("Would break: the ").append(what).append(" from '");
                CorsDecision.appendForLog(out, origin);
                out.append("'").append(requestDetail(kind, request)).append(" is allowed today");
                String properties = property(aspect, prefix);
                if (policy.refusal() != null) {
                    out.append("; " + subject + " would refuse it")
                        .append((kind == Kind.ACTUAL && policy.isAnswered())
                                ? " with 403 before the application runs" : "")
                        .append(". ").append(reason(policy, request));
                    // Every check the request fails, at once: fixing one must not be the way to learn the next.
                    CorsPolicy compared = policy.policy();
                    if (compared != null) {
                        List<CorsDecision> refusals = compared.refusals(request);
                        for (int i = 1; i < refusals.size(); i++) {
                            out.append(" It would also refuse it for this: ").append(reason(refusals.get(i), request));
                            properties += " and " + prefix + setting(refusals.get(i).refusal()).key();
                        }
                    }
                }
                else if (kind == Kind.ACTUAL && (aspect == Aspect.METHOD || aspect == Aspect.HEADERS)) {
                    out.append(", after a preflight the application allowed (or the browser's cached answer to one);"
                            + " " + subject + "'s preflight would refuse ");
                    if (aspect == Aspect.METHOD) {
                        out.append("its method: " + prefix + "allowed-methods does not list ");
                        CorsDecision.appendForLog(out, String.valueOf(request.method()));
                    }
                    else {
                        out.append("its Content-Type, '");
                        CorsDecision.appendForLog(out, String.valueOf(request.header(CorsDifference.CONTENT_TYPE)));
                        out.append("', which a browser sends only after asking: " + prefix
                                + "allowed-headers does not list Content-Type");
                    }
                    out.append('.');
                }
                else {
                    out.append("; " + subject + "'s answer would fail the browser's check of ")
                        .append(checked(aspect))
                        .append(" (")
                        .append(compare(aspect, sent, policy, subject))
                        .append(")");
                }
                out.append(" To keep this client working, change ").append(properties).append('.');
            }
            case WOULD_OPEN -> {
                out.append("Would open: the ").append(what).append(" from '");
                CorsDecision.appendForLog(out, origin);
                out.append("'").append(requestDetail(kind, request)).append(" is refused today (");
                if (kind == Kind.WEBSOCKET) {
                    out.append("403");
                }
                else {
                    out.append("the browser's check of ").append(checked(aspect)).append(" fails: ")
                        .append(compare(aspect, sent, policy, subject));
                }
                out.append("); ").append(subject).append(" would allow it. ").append(reason(policy, request))
                    .append(" If it must stay refused, change ").append(property(aspect, prefix)).append('.');
            }
            case WOULD_STOP -> {
                out.append("Would stop: ").append(sending(request)).append(" from '");
                CorsDecision.appendForLog(out, String.valueOf(origin));
                out.append('\'');
                appendPath(out, path);
                out.append(" runs today; ").append(subject).append(" would refuse it with 403 before the application"
                        + " runs. ").append(reason(policy, request));
                if (path != null) {
                    out.append(" A site that must keep sending here without reading the answer (an identity"
                            + " provider's form_post, a payment page posting back) is best given ")
                        .append(prefix)
                        .append("send-only-origins on a per-path policy for this path alone.");
                }
            }
            case WOULD_RUN -> {
                out.append("Would run: ").append(sending(request)).append(" from '");
                CorsDecision.appendForLog(out, String.valueOf(origin));
                out.append('\'');
                appendPath(out, path);
                out.append(" is refused with 403 today; ").append(subject).append(" would let it run without letting"
                        + " it read the answer. ").append(reason(policy, request))
                    .append(" If it must stay refused, change ").append(prefix).append("send-only-origins (or ")
                    .append(prefix).append("cross-origin-protection).");
            }
            case WOULD_CHANGE -> {
                out.append("Would change: the ").append(what).append(" from '");
                CorsDecision.appendForLog(out, origin);
                out.append("'").append(requestDetail(kind, request)).append(" is allowed by both, but ")
                    .append(changed(aspect)).append(" (").append(compare(aspect, sent, policy, subject)).append(").");
                if (aspect.setting() != null) {
                    out.append(" To keep it as it is, change ").append(property(aspect, prefix)).append('.');
                }
                else {
                    out.append(" The answer of ").append(subject).append(" is the correct one; nothing to change.");
                }
            }
        }
        return out.toString();
    }

    /** The decision's reason, without what the enforcing filter does with the request, which nothing here does. */
    private static String reason(CorsDecision decision, CorsRequest request) {
        String reason = decision.reason(request);
        for (String after : new String[] { CorsPolicy.PASSED_ON_WITHOUT_HEADERS, CorsPolicy.STOPPED }) {
            if (reason.endsWith(after)) {
                return reason.substring(0, reason.length() - after.length());
            }
        }
        return reason;
    }

    /** The request as a person names it: a form POST, a no-cors POST, a cors-mode GET. */
    private static String sending(CorsRequest request) {
        String method = CorsDecision.forLog(String.valueOf(request.method()));
        String mode = request.header("Sec-Fetch-Mode");
        if ("navigate".equals(mode)) {
            return "a form " + method;
        }
        if (mode != null) {
            return "a " + CorsDecision.forLog(mode) + "-mode " + method;
        }
        String contentType = request.header(CorsDifference.CONTENT_TYPE);
        boolean form = contentType != null && BrowserRules.isSafelistedContentType(contentType)
                && !contentType.regionMatches(true, 0, "text/plain", 0, 10);
        return (form ? "a form-encoded " : "a ") + method;
    }

    private static Setting setting(CorsDecision.Refusal refusal) {
        return switch (refusal) {
            case ORIGIN -> Setting.ALLOWED_ORIGINS;
            case METHOD -> Setting.ALLOWED_METHODS;
            case HEADERS -> Setting.ALLOWED_HEADERS;
        };
    }

    private static void appendPath(StringBuilder out, String path) {
        if (path != null) {
            out.append(" to ");
            CorsDecision.appendForLog(out, path);
        }
    }

    private static String property(Aspect aspect, String prefix) {
        return (aspect.setting() != null) ? prefix + aspect.setting().key() : "nothing";
    }

    private static String requestDetail(Kind kind, CorsRequest request) {
        if (kind != Kind.PREFLIGHT) {
            return " (" + sanitize(request.method()) + ")";
        }
        StringBuilder out = new StringBuilder(" (for ");
        CorsDecision.appendForLog(out, String.valueOf(request.header(CorsHeaders.ACCESS_CONTROL_REQUEST_METHOD)));
        String headers = request.header(CorsHeaders.ACCESS_CONTROL_REQUEST_HEADERS);
        if (headers != null) {
            out.append(" with headers ");
            CorsDecision.appendForLog(out, headers);
        }
        return out.append(')').toString();
    }

    private static String sanitize(String value) {
        StringBuilder out = new StringBuilder();
        CorsDecision.appendForLog(out, String.valueOf(value));
        return out.toString();
    }

    private static String checked(Aspect aspect) {
        return switch (aspect) {
            case ORIGIN -> "Access-Control-Allow-Origin";
            case CREDENTIALS -> "Access-Control-Allow-Credentials";
            case STATUS -> "the preflight's status";
            case PRIVATE_NETWORK -> "Access-Control-Allow-Private-Network";
            case METHOD -> "Access-Control-Allow-Methods";
            case HEADERS -> "Access-Control-Allow-Headers";
            case EXPOSED_HEADERS -> "Access-Control-Expose-Headers";
            case MAX_AGE -> "Access-Control-Max-Age";
            case VARY -> "Vary";
            case RUNS -> "whether the request runs";
        };
    }

    private static String changed(Aspect aspect) {
        return switch (aspect) {
            case CREDENTIALS -> "a call with credentials would fare otherwise";
            case EXPOSED_HEADERS -> "the script could read other response headers";
            case MAX_AGE -> "the browser would cache the preflight for another time";
            case VARY -> "only one of the answers varies with Origin, so a shared cache could hand the other to"
                    + " another origin";
            default -> checked(aspect) + " differs";
        };
    }

    /** The headers of the aspect, as each answer has them. */
    private static String compare(Aspect aspect, CorsAnswer sent, CorsDecision policy, String subject) {
        String name = switch (aspect) {
            case ORIGIN, CREDENTIALS, VARY -> CorsHeaders.ACCESS_CONTROL_ALLOW_ORIGIN;
            case STATUS -> null;
            default -> header(aspect);
        };
        StringBuilder out = new StringBuilder();
        if (name == null) {
            return out.append("status ").append(sent.status()).append(" sent, ")
                .append((policy.status() != 0) ? String.valueOf(policy.status()) : "the application's")
                .append(" from ").append(subject).toString();
        }
        appendHeader(out.append("sent "), sent, name);
        if (aspect == Aspect.CREDENTIALS || aspect == Aspect.VARY) {
            String second = (aspect == Aspect.VARY) ? CorsHeaders.VARY
                    : CorsHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS;
            appendHeader(out.append(" and "), sent, second);
            appendHeader(out.append("; ").append(subject).append("'s "), policy, name);
            appendHeader(out.append(" and "), policy, second);
        }
        else {
            appendHeader(out.append("; ").append(subject).append("'s "), policy, name);
        }
        return out.toString();
    }

    private static String header(Aspect aspect) {
        return switch (aspect) {
            case PRIVATE_NETWORK -> CorsHeaders.ACCESS_CONTROL_ALLOW_PRIVATE_NETWORK;
            case METHOD -> CorsHeaders.ACCESS_CONTROL_ALLOW_METHODS;
            case HEADERS -> CorsHeaders.ACCESS_CONTROL_ALLOW_HEADERS;
            case EXPOSED_HEADERS -> CorsHeaders.ACCESS_CONTROL_EXPOSE_HEADERS;
            case MAX_AGE -> CorsHeaders.ACCESS_CONTROL_MAX_AGE;
            default -> CorsHeaders.ACCESS_CONTROL_ALLOW_ORIGIN;
        };
    }

    private static void appendHeader(StringBuilder out, CorsAnswer answer, String name) {
        String value = answer.header(name);
        out.append(name).append(": ");
        if (value == null) {
            out.append("(none)");
        }
        else {
            out.append('\'');
            CorsDecision.appendForLog(out, value);
            out.append('\'');
        }
    }

}
