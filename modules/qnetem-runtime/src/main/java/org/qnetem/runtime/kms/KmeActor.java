package org.qnetem.runtime.kms;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.qnetem.kms.BlockHold;
import org.qnetem.kms.Kme;
import org.qnetem.kms.KmePool;
import org.qnetem.kms.KmsSettings;
import org.qnetem.kms.LowWaterCrossed;
import org.qnetem.kms.etsi.EtsiException;
import org.qnetem.kms.etsi.KeyContainer;
import org.qnetem.kms.etsi.KeyRequest;
import org.qnetem.kms.etsi.Status;
import org.qnetem.physics.batch.PackedBits;
import org.qnetem.physics.random.StreamKey;
import org.qnetem.runtime.entity.Directory;
import org.qnetem.runtime.entity.Located;
import org.qnetem.runtime.serialization.InternalMessage;
import org.qnetem.runtime.serialization.WireMessage;
import org.qnetem.wire.v1.KmeMessage;
import org.qnetem.wire.v1.PeerLevel;
import org.qnetem.wire.v1.PoolLevels;

/**
 * The KME of one node, a thin shell around {@link Kme}: it is fed the delivered key blocks of the node's
 * links, carries the KME-to-KME relay messages (protobuf) to the neighbouring KmeActors, floods its pool
 * levels to every KmeActor on each tick when they changed, expires keys, and answers the ETSI GS QKD 014
 * calls ({@link ActorKeyDelivery}) once the relays behind them are done.
 */
public final class KmeActor extends AbstractBehavior<KmeActor.Command> {

    public sealed interface Command permits DeliverKeyBlock, DeliverKmeMessage, DeliverPoolLevels,
            SetLinkUp, GetStatus, EncKeys, DecKeys, ReportKme, Tick, SetOut, HoldLink, PeerWindow, RenewPool, Locate {
    }

    /**
     * A delivered key block of one of the node's links: {@code bits} bits of {@code key} (bit i is bit i % 8
     * of byte i / 8). Each end's KME gets its own copy; the record's toString never shows the bits.
     */
    public record DeliverKeyBlock(String linkId, long blockId, byte[] key, long bits) implements Command,
            InternalMessage {
        /**
         * The key of {@code block} for a KME that keeps it ({@code kmesKeepKey}: the network has SAEs), else its
         * length alone: a KME of a network without SAEs only counts key ({@link Kme#onKeyBlock}).
         */
        public static DeliverKeyBlock of(String linkId, long blockId, PackedBits block, boolean kmesKeepKey) {
            return new DeliverKeyBlock(linkId, blockId, kmesKeepKey ? block.toBytes() : new byte[0], block.length());
        }

        @Override
        public String toString() {
            return "DeliverKeyBlock[" + linkId + " block " + blockId + ", " + bits + " bits]";
        }
    }

    /** An authenticated message from a neighbouring KME. */
    public record DeliverKmeMessage(KmeMessage message) implements Command, WireMessage {
    }

    /** A KME's routing advertisement. */
    public record DeliverPoolLevels(PoolLevels levels) implements Command, WireMessage {
    }

    /** Cuts or restores a link for the key layer (both ends' KMEs are told). */
    public record SetLinkUp(String linkId, boolean up) implements Command, InternalMessage {
    }

    /**
     * The link starts a new life after the KME at one end lost its state: the pool with the other end starts
     * again as {@code generation} ({@link org.qnetem.kms.Kme#renewPool}), up for relays if {@code up}. Sent by
     * whoever delivers the link's key blocks to this KME, before the first block of the new life.
     */
    public record RenewPool(String linkId, int generation, boolean up) implements Command, InternalMessage {
    }

    /** Answered with {@code "kme <node id>"}: the KME runs where its shard lives now. */
    public record Locate(ActorRef<Located> replyTo) implements Command, InternalMessage {
    }

    /** Takes the KME out of service or back (a KME outage): out, it refuses ETSI calls and reads no KME message. */
    public record SetOut(boolean out) implements Command, InternalMessage {
    }

    /** Holds or releases a link's key blocks while the KME at either end is out; both ends are told at once. */
    public record HoldLink(String linkId, boolean held) implements Command, InternalMessage {
    }

    /**
     * The blocks the KME at a link's other end held in one hold window ({@link org.qnetem.kms.BlockHold}), so
     * that both ends lose the same ones. Emulator bookkeeping between the two ends, not a relay message.
     */
    public record PeerWindow(String linkId, long sequence, long[] blockIds) implements Command, InternalMessage {
    }

    public record GetStatus(String masterSaeId, String slaveSaeId, ActorRef<StatusAnswered> replyTo)
            implements Command, InternalMessage {
    }

    /**
     * {@code enc_keys}; {@code number} and {@code size} null when the request leaves them out. This KME
     * supports no extension, so only how many mandatory extensions were asked for crosses to the actor.
     */
    public record EncKeys(String masterSaeId, String slaveSaeId, Integer number, Integer size,
                          String[] additionalSlaveSaeIds, int mandatoryExtensions, ActorRef<KeysAnswered> replyTo)
            implements Command, InternalMessage {
    }

    public record DecKeys(String slaveSaeId, String masterSaeId, String[] keyIds, ActorRef<KeysAnswered> replyTo)
            implements Command, InternalMessage {
    }

    public record ReportKme(ActorRef<KmeReport> replyTo) implements Command, InternalMessage {
    }

    /** Expire keys, advertise changed pool levels, report low-water crossings. */
    public enum Tick implements Command, InternalMessage {
        INSTANCE
    }

    /** A Status, or the refusal's HTTP status (non-zero) and message. */
    public record StatusAnswered(Status status, int failureStatus, String failureMessage) implements InternalMessage {
    }

    /** Keys (ids and material, in order), or the refusal's HTTP status (non-zero) and message. */
    public record KeysAnswered(String[] keyIds, byte[][] keys, int failureStatus, String failureMessage)
            implements InternalMessage {
        @Override
        public String toString() {
            return failureStatus == 0 ? "KeysAnswered[" + keyIds.length + " keys]"
                    : "KeysAnswered[" + failureStatus + " " + failureMessage + "]";
        }
    }

    private final Kme kme;
    private boolean keyArrived;
    private final Map<String, String> linkPeers;
    private final List<String> peers;
    private final Directory directory;
    private final Map<String, PeerLevel> advertised = new HashMap<>();
    /** Without SAEs nobody relays, so pool levels are not flooded (N KMEs would send N^2 messages a change). */
    private final boolean routes;

    /**
     * @param saeKmes   the node (KME) of every SAE
     * @param linkPeers this node's links, each to the node at its other end
     * @param peers     the KMEs this one talks to (in {@code directory}): relays and pool levels go to them only
     */
    public static Behavior<Command> create(String nodeId, KmsSettings settings, Map<String, String> saeKmes,
                                           Map<String, String> linkPeers, List<String> peers, long runSeed,
                                           Duration tick, Directory directory) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
            timers.startTimerWithFixedDelay(Tick.INSTANCE, tick);
            return new KmeActor(context, nodeId, settings, saeKmes, linkPeers, peers, runSeed, directory);
        }));
    }

    private KmeActor(ActorContext<Command> context, String nodeId, KmsSettings settings, Map<String, String> saeKmes,
                     Map<String, String> linkPeers, List<String> peers, long runSeed, Directory directory) {
        super(context);
        this.routes = !saeKmes.isEmpty();
        this.linkPeers = Map.copyOf(linkPeers);
        this.peers = List.copyOf(peers);
        this.directory = directory;
        Set<String> known = Set.copyOf(peers);
        this.kme = new Kme(nodeId, settings, saeKmes, linkPeers, new StreamKey(runSeed, nodeId, Kme.KEY_ID_PURPOSE, 0),
                System::nanoTime, message -> {
                    if (!known.contains(message.getToKme())) {
                        throw new IllegalStateException("KME " + nodeId + " has no route to KME " + message.getToKme());
                    }
                    directory.kme(message.getToKme()).tell(new DeliverKmeMessage(message));
                });
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(DeliverKeyBlock.class, block -> {
                    keyArrived = true;
                    kme.onKeyBlock(block.linkId(), block.blockId(), block.key(), block.bits());
                    return this;
                })
                .onMessage(DeliverKmeMessage.class, delivered -> {
                    kme.receive(delivered.message());
                    return this;
                })
                .onMessage(DeliverPoolLevels.class, levels -> {
                    kme.onPoolLevels(levels.levels());
                    return this;
                })
                .onMessage(SetLinkUp.class, set -> {
                    kme.setLinkUp(set.linkId(), set.up());
                    advertise(true);
                    return this;
                })
                .onMessage(Locate.class, locate -> {
                    locate.replyTo().tell(new Located("kme " + kme.kmeId()));
                    return this;
                })
                .onMessage(RenewPool.class, renew -> {
                    kme.renewPool(renew.linkId(), renew.generation(), renew.up());
                    advertise(true);
                    return this;
                })
                .onMessage(SetOut.class, set -> {
                    kme.setOut(set.out());
                    if (!set.out()) {
                        advertise(true);
                    }
                    return this;
                })
                .onMessage(HoldLink.class, hold -> {
                    kme.holdLink(hold.linkId(), hold.held()).ifPresent(window -> directory.kme(linkPeers.get(
                            hold.linkId())).tell(new PeerWindow(window.linkId(), window.sequence(), window.blockIds())));
                    return this;
                })
                .onMessage(PeerWindow.class, window -> {
                    kme.onPeerWindow(new BlockHold.Window(window.linkId(), window.sequence(), window.blockIds()));
                    return this;
                })
                .onMessage(GetStatus.class, this::onGetStatus)
                .onMessage(EncKeys.class, this::onEncKeys)
                .onMessage(DecKeys.class, this::onDecKeys)
                .onMessage(ReportKme.class, report -> {
                    report.replyTo().tell(new KmeReport(kme.kmeId(), kme.counters(),
                            kme.pools().toArray(KmePool[]::new), kme.storedKeys()));
                    return this;
                })
                .onMessage(Tick.class, tick -> {
                    if (kme.out()) {
                        return this;
                    }
                    kme.expire();
                    advertise(false);
                    for (LowWaterCrossed low : kme.drainEvents()) {
                        getContext().getLog().warn("KME {}: key for {} fell to {} bits, below the low-water mark of {}",
                                low.kme(), low.peer(), low.bits(), low.lowWaterBits());
                    }
                    return this;
                })
                .build();
    }

    private Behavior<Command> onGetStatus(GetStatus get) {
        kme.status(get.masterSaeId(), get.slaveSaeId()).whenComplete((status, failure) -> get.replyTo().tell(
                failure == null ? new StatusAnswered(status, 0, null)
                        : new StatusAnswered(null, httpStatus(failure), message(failure))));
        return this;
    }

    private Behavior<Command> onEncKeys(EncKeys enc) {
        KeyRequest request = new KeyRequest(Optional.ofNullable(enc.number()), Optional.ofNullable(enc.size()),
                List.of(enc.additionalSlaveSaeIds()), Collections.nCopies(enc.mandatoryExtensions(), Map.of()),
                List.of());
        kme.encKeys(enc.masterSaeId(), enc.slaveSaeId(), request)
                .whenComplete((keys, failure) -> enc.replyTo().tell(answer(keys, failure)));
        return this;
    }

    private Behavior<Command> onDecKeys(DecKeys dec) {
        List<UUID> ids;
        try {
            ids = Arrays.stream(dec.keyIds()).map(UUID::fromString).toList();
        } catch (IllegalArgumentException e) {
            dec.replyTo().tell(new KeysAnswered(null, null, 400, "a key_ID is not a UUID"));
            return this;
        }
        kme.decKeys(dec.slaveSaeId(), dec.masterSaeId(), ids)
                .whenComplete((keys, failure) -> dec.replyTo().tell(answer(keys, failure)));
        return this;
    }

    private static KeysAnswered answer(KeyContainer keys, Throwable failure) {
        if (failure != null) {
            return new KeysAnswered(null, null, httpStatus(failure), message(failure));
        }
        List<KeyContainer.Key> list = keys.keys();
        return new KeysAnswered(list.stream().map(k -> k.keyId().toString()).toArray(String[]::new),
                list.stream().map(KeyContainer.Key::key).toArray(byte[][]::new), 0, null);
    }

    /** A refusal keeps its status; anything else is the KME's own failure, a server-side error. */
    private static int httpStatus(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        return cause instanceof EtsiException etsi ? etsi.httpStatus() : 503;
    }

    private static String message(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        return cause instanceof EtsiException ? cause.getMessage()
                : "the KME failed: " + cause.getClass().getSimpleName();
    }

    /**
     * Floods the pool levels to every KME when they changed enough since the last advertisement (or when
     * forced): a hop went up or down, emptied or stopped being empty, or its level moved by more than an
     * eighth. Routing needs the rough level, not every block, and flooding costs a message per pair of KMEs.
     */
    private void advertise(boolean force) {
        // Before any key arrived there is no level to tell, and on one JVM the other KMEs may not all be
        // spawned yet when the first tick comes.
        if (!routes || (!force && !keyArrived)) {
            return;
        }
        PoolLevels levels = kme.levels();
        if (!force && levels.getPeersList().stream().noneMatch(this::changedEnough)) {
            return;
        }
        levels.getPeersList().forEach(level -> advertised.put(level.getPeer(), level));
        peers.forEach(peer -> directory.kme(peer).tell(new DeliverPoolLevels(levels)));
    }

    private boolean changedEnough(PeerLevel now) {
        PeerLevel before = advertised.get(now.getPeer());
        return before == null || before.getUp() != now.getUp() || (before.getBits() == 0) != (now.getBits() == 0)
                || Math.abs(now.getBits() - before.getBits()) > before.getBits() / 8;
    }
}
