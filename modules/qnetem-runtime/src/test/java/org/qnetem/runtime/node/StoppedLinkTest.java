package org.qnetem.runtime.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.BehaviorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestInbox;
import org.junit.jupiter.api.Test;
import org.qnetem.physics.batch.Bb84BatchSampler;
import org.qnetem.physics.batch.DetectionBatch;
import org.qnetem.physics.random.StreamKey;
import org.qnetem.qkd.message.TestBasisBits;
import org.qnetem.qkd.protocol.AbortedBlock;
import org.qnetem.qkd.protocol.DecoyBb84Bob;
import org.qnetem.qkd.protocol.Outbox;
import org.qnetem.qkd.protocol.SealedMessage;
import org.qnetem.runtime.entity.LocalDirectory;
import org.qnetem.runtime.entity.RunEntities;
import org.qnetem.runtime.kms.KmeActor;
import org.qnetem.runtime.link.BlockRecord;
import org.qnetem.runtime.link.ClassicalChannel;
import org.qnetem.runtime.link.ClassicalFrame;
import org.qnetem.runtime.link.LinkActor;
import org.qnetem.runtime.link.LinkRole;
import org.qnetem.runtime.serialization.ClassicalMessageCodec;
import org.qnetem.runtime.topology.LinkSpec;
import org.qnetem.runtime.topology.TopologyLoader;

/**
 * A node crash stops a link at both ends at an epoch boundary, but the stop and the classical messages reach
 * a node by different paths: Bob may open a block and send its opening (his test bits) just before the stop,
 * and Alice's node hear of the stop first. Bob ends the block when the link stops; Alice must end it too when
 * its opening reaches her stopped end, or the link's observer waits for her report for ever (the run then hung
 * at its end, about one ProtocolFaultsTest run in four). Alice's node is driven message by message here, with
 * Bob's engine in the test, in exactly that interleaving.
 */
class StoppedLinkTest {

    static final long SEED = 13;
    static final long SECOND = 1_000_000_000_000L;
    static final long EPOCH_PS = 50_000_000_000L;
    static final LinkSpec LINK = TopologyLoader.parse("""
            topology {
              name = "stopped-link"
              nodes = [ { id = "ALICE" }, { id = "BOB" } ]
              links = [
                {
                  id = "ALICE-BOB", a = "ALICE", b = "BOB", batch-pulses = 10000000
                  fibre { length-km = 25 }
                  source { clock-hz = 1e9, intensities = [0.53, 0.26, 0.0002], probabilities = [0.28, 0.50, 0.22], basis-bias-x = 0.5 }
                  receiver { detector-efficiency = 0.1, dark-count-per-gate = 6e-7, basis-bias-x = 0.5 }
                  post-processing { key-block-bits = 200000, block-timeout = 1s }
                  authentication { pre-shared-key-bits = 67108864 }
                }
              ]
            }
            """, "stopped-link").links().get(0);

    private final TestInbox<KmeActor.Command> kme = TestInbox.create();
    private final TestInbox<LinkActor.Command> observer = TestInbox.create();
    private final TestInbox<ClassicalChannel.Command> channel = TestInbox.create();
    private final BehaviorTestKit<NodeActor.Command> alice = BehaviorTestKit.create(NodeActor.create("ALICE", SEED,
            3 * SECOND, List.of(new RunEntities.NodeEnd(LINK, LinkRole.TRANSMITTER)), true,
            alicesDirectory(kme, observer, channel)));
    private final DecoyBb84Bob bob = new DecoyBb84Bob(LINK.id(), LINK.weakCoherentSource(), SEED,
            LINK.postProcessing(), ClassicalMessageCodec::authenticatedBytes);

    /** Where Alice's node finds her KME, the link's observer and its classical channel: the tests' inboxes. */
    static LocalDirectory alicesDirectory(TestInbox<KmeActor.Command> kme, TestInbox<LinkActor.Command> observer,
                                          TestInbox<ClassicalChannel.Command> channel) {
        LocalDirectory directory = new LocalDirectory();
        directory.addKme("ALICE", kme.getRef());
        directory.addLink(LINK.id(), observer.getRef());
        directory.addChannel(LINK.id(), channel.getRef());
        return directory;
    }

    @Test
    void aBlockWhoseOpeningReachesAStoppedReferenceEndIsAbortedThereAsAtTheEndThatOpenedIt() {
        Bb84BatchSampler sampler = new Bb84BatchSampler(LINK.weakCoherentSource(), LINK.fibre(), LINK.receiver());
        StreamKey channelKeys = new StreamKey(SEED, LINK.id(), LinkActor.CHANNEL_PURPOSE, 0);

        // Alice emits epoch by epoch; every message crosses at once, until Bob opens his first block.
        SealedMessage opening = null;
        long openedAtPs = 0;
        long boundaryPs = 0;
        for (long epoch = 0; opening == null && boundaryPs < SECOND; epoch++) {
            boundaryPs += EPOCH_PS;
            alice.run(new NodeActor.AdvanceTo(epoch, boundaryPs));
            for (LinkActor.Command command : observer.getAllReceived()) {
                if (opening == null && command instanceof LinkActor.Transmit transmit) {
                    DetectionBatch detections = sampler.sample(transmit.batch(),
                            channelKeys.withSequence(transmit.batch().sequence())).detections();
                    openedAtPs = detections.arrivalTimePs();
                    opening = exchangeUntilOpening(bob.onDetections(detections, openedAtPs), openedAtPs);
                }
            }
        }
        assertTrue(opening != null, "Bob opened a block within the first second");
        long blockId = opening.message().batchSequence();

        // The crash: both ends stop at the boundary; Alice's node hears of it before Bob's opening reaches her.
        String reason = "node BOB crashed";
        Outbox bobStopped = bob.reset(boundaryPs, reason);
        assertTrue(bobStopped.outcomes().stream().anyMatch(o -> o instanceof AbortedBlock a && a.blockId() == blockId),
                "Bob ends the block he opened when the link stops");
        alice.run(new NodeActor.StopLinks(new String[] {LINK.id()}, boundaryPs, reason));
        observer.getAllReceived();
        alice.run(new NodeActor.DeliverFrame(frame(opening, openedAtPs)));

        List<BlockRecord> alicesRecords = observer.getAllReceived().stream()
                .filter(LinkActor.RecordBlock.class::isInstance).map(c -> ((LinkActor.RecordBlock) c).record())
                .toList();
        assertEquals(1, alicesRecords.size(), "Alice reports the block, so that the observer can pair it: "
                + alicesRecords);
        BlockRecord record = alicesRecords.get(0);
        assertEquals(LinkRole.TRANSMITTER, record.role());
        assertEquals(blockId, record.blockId());
        assertFalse(record.delivered(), "aborted, as at Bob's end");
        assertTrue(record.abortReason().contains(reason), record.abortReason());
        assertFalse(channel.hasMessages(), "a stopped end sends nothing");
        assertFalse(kme.hasMessages(), "and delivers no key");
    }

    /**
     * Carries Bob's messages to Alice's node and hers back to Bob's engine, in order, until Bob sends the opening
     * of a block, which is returned undelivered (null if he opened none).
     */
    private SealedMessage exchangeUntilOpening(Outbox fromBob, long nowPs) {
        Deque<SealedMessage> toAlice = new ArrayDeque<>(fromBob.messages());
        while (!toAlice.isEmpty()) {
            SealedMessage sealed = toAlice.poll();
            if (sealed.message() instanceof TestBasisBits) {
                return sealed;
            }
            alice.run(new NodeActor.DeliverFrame(frame(sealed, nowPs)));
            for (ClassicalChannel.Command command : channel.getAllReceived()) {
                ClassicalChannel.Convey convey = (ClassicalChannel.Convey) command;
                toAlice.addAll(bob.onFrame(new SealedMessage(convey.payload(), convey.authentication()), nowPs)
                        .messages());
            }
        }
        return null;
    }

    /** A message of Bob's as it reaches Alice's node at {@code atPs}. */
    static ClassicalFrame frame(SealedMessage sealed, long atPs) {
        return new ClassicalFrame("BOB", "ALICE", atPs, atPs, sealed.message(), sealed.tag());
    }
}
