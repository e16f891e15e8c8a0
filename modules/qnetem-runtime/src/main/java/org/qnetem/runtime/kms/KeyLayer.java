package org.qnetem.runtime.kms;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.qnetem.kms.etsi.KeyDelivery;
import org.qnetem.runtime.entity.Directory;
import org.qnetem.runtime.topology.LinkSpec;
import org.qnetem.runtime.topology.Topology;

/**
 * A run's key layer as the outside sees it: the {@link KeyDelivery} of every node's KME (for the HTTPS
 * layer and tests), link up/down for the key layer (for fault injection), live KME reports (for the
 * operator API), and the keys served through ETSI with their emulated times (for the report).
 */
public final class KeyLayer {

    private final Topology topology;
    private final Directory directory;
    private final Map<String, KeyDelivery> deliveries = new LinkedHashMap<>();
    private final Scheduler scheduler;
    private final Duration askTimeout;
    private final ServedKeys served;

    /** {@code directory}: where each node's KmeActor is, by node id; {@code emulatedPs}: the run's time now. */
    public KeyLayer(Topology topology, Directory directory, ActorSystem<?> system, Duration askTimeout,
                    LongSupplier emulatedPs) {
        this.topology = topology;
        this.directory = directory;
        this.served = new ServedKeys(emulatedPs);
        this.scheduler = system.scheduler();
        this.askTimeout = askTimeout;
        topology.nodes().forEach(node -> deliveries.put(node.id(),
                new ActorKeyDelivery(node.id(), directory.kme(node.id()), system, askTimeout, served)));
    }

    public Topology topology() {
        return topology;
    }

    /** Every node's KME, by node id (the KME id is the node id), in topology order. */
    public Map<String, KeyDelivery> deliveries() {
        return Collections.unmodifiableMap(deliveries);
    }

    /** Every enc_keys call served so far, with its emulated time. */
    public List<ServedKeys.Served> served() {
        return served.all();
    }

    /** Cuts ({@code up} false) or restores a link for the key layer at both its ends. */
    public void setLinkUp(String linkId, boolean up) {
        LinkSpec link = topology.link(linkId).orElseThrow(() -> new IllegalArgumentException("no link " + linkId));
        directory.kme(link.transmitterId()).tell(new KmeActor.SetLinkUp(linkId, up));
        directory.kme(link.receiverId()).tell(new KmeActor.SetLinkUp(linkId, up));
    }

    /** Takes a node's KME out of service ({@code out}) or back. */
    public void setKmeOut(String nodeId, boolean out) {
        directory.kme(nodeId).tell(new KmeActor.SetOut(out));
    }

    /** Holds or releases a link's key blocks at both its ends while the KME at either end is out. */
    public void holdLink(String linkId, boolean held) {
        LinkSpec link = topology.link(linkId).orElseThrow(() -> new IllegalArgumentException("no link " + linkId));
        directory.kme(link.transmitterId()).tell(new KmeActor.HoldLink(linkId, held));
        directory.kme(link.receiverId()).tell(new KmeActor.HoldLink(linkId, held));
    }

    /** Every KME's report now, in topology node order; fails if any KME does not answer in time. */
    public CompletionStage<List<KmeReport>> snapshot() {
        List<CompletableFuture<KmeReport>> asks = new ArrayList<>();
        topology.nodes().forEach(node -> asks.add(AskPattern.<KmeActor.Command, KmeReport>ask(directory.kme(node.id()),
                KmeActor.ReportKme::new, askTimeout, scheduler).toCompletableFuture()));
        return CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new))
                .thenApply(done -> asks.stream().map(CompletableFuture::join).toList());
    }
}
