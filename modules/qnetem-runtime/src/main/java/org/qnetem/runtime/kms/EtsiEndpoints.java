package org.qnetem.runtime.kms;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import org.apache.pekko.actor.typed.ActorSystem;
import org.qnetem.kms.http.EtsiKmeServer;
import org.qnetem.kms.pki.PkiFiles;
import org.qnetem.runtime.topology.KmeEndpoint;
import org.qnetem.runtime.topology.NodeSpec;

/**
 * The ETSI GS QKD 014 endpoints of a run: every node whose topology entry has a {@code kme { host, port }}
 * serves its KME over HTTPS with mutual TLS, with the KME certificate and CA from {@code pki} (made by
 * {@code bin/qnetem pki --topology}), on the run's actor system so it stops with the run. {@code onBound} is
 * told each node and the address it listens on (on a Pekko thread, so it must be quick).
 */
public record EtsiEndpoints(PkiFiles pki, BiConsumer<String, InetSocketAddress> onBound) {

    /** Binds every endpoint; fails, naming the node and its host and port, if any cannot be served. */
    public CompletionStage<Void> serve(ActorSystem<?> system, KeyLayer keys) {
        List<CompletableFuture<Void>> bindings = new ArrayList<>();
        for (NodeSpec node : keys.topology().nodes()) {
            if (node.kme().isEmpty()) {
                continue;
            }
            KmeEndpoint endpoint = node.kme().get();
            CompletableFuture<Void> bound = new CompletableFuture<>();
            try {
                EtsiKmeServer.bind(system, keys.deliveries().get(node.id()), endpoint.host(), endpoint.port(), pki,
                        node.id()).whenComplete((binding, failure) -> {
                            if (failure != null) {
                                bound.completeExceptionally(failed(node, endpoint, failure));
                            } else {
                                onBound.accept(node.id(), binding.localAddress());
                                bound.complete(null);
                            }
                        });
            } catch (RuntimeException e) {
                bound.completeExceptionally(failed(node, endpoint, e));
            }
            bindings.add(bound);
        }
        return CompletableFuture.allOf(bindings.toArray(CompletableFuture[]::new));
    }

    private static IllegalStateException failed(NodeSpec node, KmeEndpoint endpoint, Throwable cause) {
        return new IllegalStateException("cannot serve node " + node.id() + "'s KME (ETSI GS QKD 014) on "
                + endpoint.host() + ":" + endpoint.port() + ": " + cause.getMessage(), cause);
    }
}
