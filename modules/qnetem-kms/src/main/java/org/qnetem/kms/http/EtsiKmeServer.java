package org.qnetem.kms.http;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionStage;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.event.Logging;
import org.apache.pekko.http.javadsl.ConnectionContext;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.HttpsConnectionContext;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.qnetem.kms.etsi.KeyDelivery;
import org.qnetem.kms.pki.PkiFiles;
import org.qnetem.kms.pki.PkiRole;
import org.qnetem.kms.pki.PkiTls;

/**
 * One KME's ETSI GS QKD 014 endpoint: HTTPS only, TLS 1.2 or 1.3, client certificates required and
 * verified against the PKI's CA, the caller's SAE ID taken from its certificate (see {@link SaeIdentity}).
 * It serves on the given actor system, so it stops with it (or with {@link ServerBinding#unbind()}).
 */
public final class EtsiKmeServer {

    /** Older protocols are refused: the spec asks for TLS 1.2 or later. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private EtsiKmeServer() {
    }

    /** Binds KME {@code kmeId}'s endpoint with its certificate and key from the PKI directory. */
    public static CompletionStage<ServerBinding> bind(ClassicActorSystemProvider system, KeyDelivery kme,
                                                      String host, int port, PkiFiles pki, String kmeId) {
        return bind(system, kme, host, port, PkiTls.context(pki, PkiRole.KME, kmeId));
    }

    /** Binds the endpoint with a ready TLS context (its key manager the KME's, its trust manager the CA's). */
    public static CompletionStage<ServerBinding> bind(ClassicActorSystemProvider system, KeyDelivery kme,
                                                      String host, int port, SSLContext tls) {
        return Http.get(system).newServerAt(host, port)
                .enableHttps(https(tls))
                // The routes read the client certificate from the request's SSL session attribute.
                .adaptSettings(settings -> settings.withParserSettings(
                        settings.getParserSettings().withIncludeSslSessionAttribute(true)))
                .bind(new EtsiRoutes(kme, Logging.getLogger(system.classicSystem(), EtsiRoutes.class)).routes());
    }

    static HttpsConnectionContext https(SSLContext tls) {
        return ConnectionContext.httpsServer(() -> {
            SSLEngine engine = tls.createSSLEngine();
            engine.setUseClientMode(false);
            engine.setNeedClientAuth(true);
            engine.setEnabledProtocols(PROTOCOLS.stream()
                    .filter(Arrays.asList(engine.getSupportedProtocols())::contains).toArray(String[]::new));
            return engine;
        });
    }
}
