package org.qnetem.kms.http;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import javax.net.ssl.SSLSession;
import java.util.function.Supplier;
import org.apache.pekko.event.LoggingAdapter;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpMethod;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.Query;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.Allow;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.apache.pekko.japi.Pair;
import org.qnetem.kms.etsi.EtsiException;
import org.qnetem.kms.etsi.KeyContainer;
import org.qnetem.kms.etsi.KeyDelivery;
import org.qnetem.kms.etsi.KeyRequest;

/**
 * The ETSI GS QKD 014 V1.1.1 routes of one KME. Each call is authenticated by the caller's client
 * certificate ({@link SaeIdentity}), parsed strictly ({@link EtsiJson}) and handed to the KME's
 * {@link KeyDelivery}; every answer that is not a key container or a status is a spec Error object. The
 * routes never log key material: the only log line is for an unforeseen failure, which the caller sees as
 * a 503 without its details.
 */
final class EtsiRoutes extends AllDirectives {

    private static final String PREFIX = "/api/v1/keys/";

    private final KeyDelivery kme;
    private final LoggingAdapter log;

    EtsiRoutes(KeyDelivery kme, LoggingAdapter log) {
        this.kme = kme;
        this.log = log;
    }

    Route routes() {
        return handleExceptions(thrownFailures(), () -> handleRejections(asErrors(), () ->
                optionalAttribute(AttributeKeys.sslSession, session -> session.isEmpty()
                        // Only reachable if the route is served without TLS session attributes: refuse, never guess.
                        ? complete(error(StatusCodes.UNAUTHORIZED, "no TLS session: the KME serves HTTPS only"))
                        : authenticated(session.get().getSession()))));
    }

    private Route authenticated(SSLSession session) {
        String caller;
        try {
            caller = SaeIdentity.of(session);
        } catch (EtsiException e) {
            return complete(error(e));
        }
        return concat(
                pathPrefix(segment("api").slash("v1").slash("keys").slash(segment()), saeId -> concat(
                        path("status", () -> concat(
                                get(() -> complete(() -> kme.status(caller, saeId), EtsiJson::status)),
                                methodNotAllowed(HttpMethods.GET))),
                        path("enc_keys", () -> concat(
                                post(() -> body(body -> complete(
                                        () -> kme.encKeys(caller, saeId, EtsiJson.keyRequest(body)),
                                        EtsiJson::keyContainer))),
                                get(() -> query(query -> complete(
                                        () -> kme.encKeys(caller, saeId, keyRequest(query)), EtsiJson::keyContainer))),
                                methodNotAllowed(HttpMethods.POST, HttpMethods.GET))),
                        path("dec_keys", () -> concat(
                                post(() -> body(body -> complete(
                                        () -> kme.decKeys(caller, saeId, EtsiJson.keyIds(body)),
                                        EtsiJson::keyContainer))),
                                get(() -> query(query -> complete(
                                        () -> kme.decKeys(caller, saeId, keyIds(query)), EtsiJson::keyContainer))),
                                methodNotAllowed(HttpMethods.POST, HttpMethods.GET))))),
                extractRequest(request -> complete(error(StatusCodes.NOT_FOUND, "no such resource: "
                        + request.method().value() + " " + request.getUri().path() + " (ETSI GS QKD 014 serves "
                        + PREFIX + "{SAE_ID}/status, enc_keys and dec_keys)"))));
    }

    /**
     * Calls the KME and answers with its result as JSON, or with the Error its refusal carries. A call that
     * throws instead of failing its stage is treated the same way.
     */
    private <T> Route complete(Supplier<CompletionStage<T>> call, Function<T, byte[]> json) {
        CompletionStage<T> result;
        try {
            result = call.get();
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        return completeWithFuture(result.handle((value, failure) -> failure == null
                ? HttpResponse.create().withEntity(ContentTypes.APPLICATION_JSON, json.apply(value))
                : failed(failure)));
    }

    private HttpResponse failed(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof EtsiException refusal) {
            return error(refusal);
        }
        return unforeseen(cause);
    }

    /**
     * The request body. A body that cannot be read (over the size limit, say) is answered here, so that the
     * refusal does not fall through to the next method's route and come back as a 405.
     */
    private Route body(Function<byte[], Route> inner) {
        return handleRejections(asErrors(), () -> entity(Unmarshaller.entityToByteArray(), inner));
    }

    private Route query(Function<Query, Route> inner) {
        return extractRequest(request -> inner.apply(request.getUri().query()));
    }

    /** {@code GET enc_keys?number=&size=}: each parameter at most once, no other parameters. */
    private static KeyRequest keyRequest(Query query) {
        Optional<Integer> number = Optional.empty();
        Optional<Integer> size = Optional.empty();
        for (Pair<String, String> parameter : query.toList()) {
            switch (parameter.first()) {
                case "number" -> number = Optional.of(once(number, "number", parameter.second()));
                case "size" -> size = Optional.of(EtsiJson.checkKeySize("size", once(size, "size", parameter.second())));
                default -> throw EtsiJson.invalid("query", parameter.first(),
                        "unknown parameter (GET enc_keys takes number and size)");
            }
        }
        return KeyRequest.of(number, size);
    }

    /** {@code GET dec_keys?key_ID=...}, the parameter repeated once per key. */
    private static List<UUID> keyIds(Query query) {
        List<UUID> ids = new ArrayList<>();
        for (Pair<String, String> parameter : query.toList()) {
            if (!parameter.first().equals("key_ID")) {
                throw EtsiJson.invalid("query", parameter.first(), "unknown parameter (GET dec_keys takes key_ID)");
            }
            UUID id = EtsiJson.keyId("key_ID", parameter.second());
            if (ids.contains(id)) {
                throw EtsiJson.invalid("query", "key_ID", "names " + id + " twice");
            }
            ids.add(id);
        }
        if (ids.isEmpty()) {
            throw EtsiJson.invalid("query", "key_ID", "missing: name at least one key");
        }
        return ids;
    }

    private static int once(Optional<Integer> earlier, String name, String text) {
        if (earlier.isPresent()) {
            throw EtsiJson.invalid("query", name, "given more than once");
        }
        if (!text.matches("[0-9]{1,9}") || Integer.parseInt(text) < 1) {
            throw EtsiJson.invalid("query", name, "must be a positive integer, got '"
                    + (text.length() <= 20 ? text : text.substring(0, 20) + "...") + "'");
        }
        return Integer.parseInt(text);
    }

    private Route methodNotAllowed(HttpMethod... allowed) {
        String names = String.join(" or ", Arrays.stream(allowed).map(HttpMethod::value).toList());
        return extractRequest(request -> complete(error(StatusCodes.METHOD_NOT_ALLOWED, "method "
                + request.method().value() + " is not allowed on " + request.getUri().path() + "; use " + names)
                .addHeader(Allow.create(allowed))));
    }

    // ---- errors --------------------------------------------------------------------------------------

    private static HttpResponse error(EtsiException refusal) {
        return json(StatusCodes.get(refusal.httpStatus()), EtsiJson.error(refusal.getMessage(), refusal.details()));
    }

    private static HttpResponse error(StatusCode status, String message) {
        return json(status, EtsiJson.error(message, List.of()));
    }

    private static HttpResponse json(StatusCode status, byte[] body) {
        return HttpResponse.create().withStatus(status).withEntity(ContentTypes.APPLICATION_JSON, body);
    }

    /** A 503 that tells the caller nothing about the failure; only the log has it (refusals never carry keys). */
    private HttpResponse unforeseen(Throwable failure) {
        log.error(failure, "ETSI GS QKD 014 call to KME {} failed unexpectedly", kme.kmeId());
        return error(StatusCodes.SERVICE_UNAVAILABLE, "the KME could not serve this request");
    }

    /** Failures thrown while the route is evaluated. */
    private ExceptionHandler thrownFailures() {
        return ExceptionHandler.newBuilder()
                .match(EtsiException.class, refusal -> complete(error(refusal)))
                .matchAny(failure -> complete(unforeseen(failure)))
                .build();
    }

    /** pekko-http's own refusals (a body too large, an unsupported encoding, ...) as spec Error objects. */
    private static RejectionHandler asErrors() {
        return RejectionHandler.defaultHandler().mapRejectionResponse(response -> {
            if (response.entity() instanceof HttpEntity.Strict strict) {
                return response.withEntity(ContentTypes.APPLICATION_JSON,
                        EtsiJson.error(strict.getData().utf8String(), List.of()));
            }
            return response;
        });
    }
}
