/**
 * Where a request is judged, once: {@link dev.fetchcors.autoconfigure.judge.CorsJudge} picks the policy, lets it
 * decide, compares a candidate, tells the observers and logs a refusal; the judgement stays with the request
 * ({@link dev.fetchcors.autoconfigure.judge.JudgedRequest}) for the adapters and the guards after them. Built in one
 * place ({@link dev.fetchcors.autoconfigure.judge.CorsJudgeConfiguration}). Support for the starter's own packages;
 * applications use the adapters ({@code FetchCorsFilter}, {@code FetchCorsWebFilter}).
 */
@NullMarked
package dev.fetchcors.autoconfigure.judge;

import org.jspecify.annotations.NullMarked;
