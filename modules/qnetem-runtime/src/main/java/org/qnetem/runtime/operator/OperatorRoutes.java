package org.qnetem.runtime.operator;

import static org.apache.pekko.http.javadsl.server.PathMatchers.longSegment;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.qnetem.runtime.kms.KmeReport;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.qnetem.runtime.link.LinkStatistics;
import org.qnetem.runtime.topology.ScenarioException;

/** The operator API's routes: thin, each building its view in one of the *View classes. */
final class OperatorRoutes extends AllDirectives {

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    private static final ContentType PROMETHEUS = ContentTypes.parse(PrometheusText.CONTENT_TYPE);

    private final LiveRun run;

    OperatorRoutes(LiveRun run) {
        this.run = run;
    }

    Route routes() {
        return concat(
                path(segment("api").slash("topology"), () -> get(() ->
                        complete(json(StatusCodes.OK, TopologyView.of(run.topology()))))),
                path(segment("api").slash("links"), () -> get(() -> completeWithFuture(withSnapshot(links ->
                        CompletableFuture.completedFuture(json(StatusCodes.OK,
                                LinksView.of(run.topology(), run.clock(), links))))))),
                path(segment("api").slash("nodes"), () -> get(() -> completeWithFuture(withKmes(kmes ->
                        json(StatusCodes.OK, NodesView.of(run.topology(), kmes)))))),
                path(segment("api").slash("kmes"), () -> get(() -> completeWithFuture(withKmes(kmes ->
                        json(StatusCodes.OK, KmesView.of(run.topology(), kmes)))))),
                path("metrics", () -> get(() -> completeWithFuture(withSnapshot(links ->
                        withKmes(kmes -> metrics(links, kmes)))))),
                path(segment("api").slash("faults"), () -> concat(
                        get(() -> complete(json(StatusCodes.OK, FaultsView.list(run.faults())))),
                        post(() -> entity(Unmarshaller.entityToString(), this::addFault)))),
                path(segment("api").slash("faults").slash(longSegment()), id -> delete(() ->
                        complete(run.faults().clear(id, Math.max(0, run.faults().nowPs()))
                                ? json(StatusCodes.OK, Map.of("id", id, "cleared", true))
                                : json(StatusCodes.NOT_FOUND, Map.of("error", "no fault " + id))))),
                path(segment("api").slash("events"), () -> get(() -> completeWithFuture(withSnapshot(links ->
                        CompletableFuture.completedFuture(json(StatusCodes.OK,
                                FaultsView.events(run.faults(), links))))))),
                extractRequest(request -> complete(notFound(request))));
    }

    /** 201 with the new fault's id; 400 naming every problem of a bad request. */
    private Route addFault(String body) {
        try {
            return complete(json(StatusCodes.CREATED, FaultsView.add(run.topology(), run.faults(), body)));
        } catch (ScenarioException | IllegalArgumentException e) {
            return complete(json(StatusCodes.BAD_REQUEST, Map.of("error", e.getMessage())));
        }
    }

    private HttpResponse metrics(List<LinkStatistics> links, List<KmeReport> kmes) {
        String text = PrometheusText.of(run.clock(), LinksView.of(run.topology(), run.clock(), links),
                NodesView.of(run.topology(), kmes), KmesView.of(run.topology(), kmes));
        return HttpResponse.create().withEntity(PROMETHEUS, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Answers from a snapshot of every link, or 503 if a link does not answer in time. */
    private CompletionStage<HttpResponse> withSnapshot(
            Function<List<LinkStatistics>, CompletionStage<HttpResponse>> view) {
        return run.snapshot().handle((links, failure) -> failure == null ? view.apply(links)
                : CompletableFuture.completedFuture(json(StatusCodes.SERVICE_UNAVAILABLE, Map.of("error",
                        "the links did not answer in time: " + rootCause(failure).getMessage()))))
                .thenCompose(response -> response);
    }

    /** Answers from a report of every KME, or 503 if a KME does not answer in time. */
    private CompletionStage<HttpResponse> withKmes(Function<List<KmeReport>, HttpResponse> view) {
        return run.kmes().handle((kmes, failure) -> failure == null ? view.apply(kmes)
                : json(StatusCodes.SERVICE_UNAVAILABLE, Map.of("error",
                        "the KMEs did not answer in time: " + rootCause(failure).getMessage())));
    }

    private static HttpResponse notFound(HttpRequest request) {
        return json(StatusCodes.NOT_FOUND, Map.of("error", "no such resource: " + request.method().value() + " "
                + request.getUri().path()));
    }

    private static HttpResponse json(StatusCode status, Object body) {
        try {
            return HttpResponse.create().withStatus(status)
                    .withEntity(ContentTypes.APPLICATION_JSON, JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + body.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
