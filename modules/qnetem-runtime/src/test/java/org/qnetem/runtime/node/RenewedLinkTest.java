package org.qnetem.runtime.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qnetem.runtime.node.StoppedLinkTest.EPOCH_PS;
import static org.qnetem.runtime.node.StoppedLinkTest.LINK;
import static org.qnetem.runtime.node.StoppedLinkTest.SECOND;
import static org.qnetem.runtime.node.StoppedLinkTest.SEED;
import static org.qnetem.runtime.node.StoppedLinkTest.alicesDirectory;
import static org.qnetem.runtime.node.StoppedLinkTest.frame;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.BehaviorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestInbox;
import org.junit.jupiter.api.Test;
import org.qnetem.physics.batch.Bb84BatchSampler;
import org.qnetem.physics.batch.DetectionBatch;
import org.qnetem.physics.batch.PhotonBatch;
import org.qnetem.physics.random.StreamKey;
import org.qnetem.qkd.protocol.DecoyBb84Alice;
import org.qnetem.qkd.protocol.DecoyBb84Bob;
import org.qnetem.qkd.protocol.Incarnation;
import org.qnetem.qkd.protocol.SealedMessage;
import org.qnetem.runtime.entity.RunEntities;
import org.qnetem.runtime.kms.KmeActor;
import org.qnetem.runtime.link.BlockRecord;
import org.qnetem.runtime.link.ClassicalChannel;
import org.qnetem.runtime.link.ClassicalFrame;
import org.qnetem.runtime.link.LinkActor;
import org.qnetem.runtime.link.LinkRole;
import org.qnetem.runtime.serialization.ClassicalMessageCodec;

/**
 * Alice's node started afresh on another member (re-homed) keeps her link stopped until the link starts a new
 * life; then she emits from the batch the whole link agrees on, has her KME's pool start again, makes key with a
 * Bob of the same life (a new pre-shared key, block ids of the life) and ignores what is left of the old life.
 */
class RenewedLinkTest {

    private final TestInbox<KmeActor.Command> kme = TestInbox.create();
    private final TestInbox<LinkActor.Command> observer = TestInbox.create();
    private final TestInbox<ClassicalChannel.Command> channel = TestInbox.create();
    private final BehaviorTestKit<NodeActor.Command> alice = BehaviorTestKit.create(NodeActor.rehomed("ALICE", SEED,
            3 * SECOND, List.of(new RunEntities.NodeEnd(LINK, LinkRole.TRANSMITTER)), true,
            alicesDirectory(kme, observer, channel)));
    private final Bb84BatchSampler sampler = new Bb84BatchSampler(LINK.weakCoherentSource(), LINK.fibre(),
            LINK.receiver());
    private final StreamKey channelKeys = new StreamKey(SEED, LINK.id(), LinkActor.CHANNEL_PURPOSE, 0);

    @Test
    void aRenewedLinkMakesKeyOfItsNewLifeFromTheAgreedBatch() {
        long boundaryPs = 0;
        long epoch = 0;
        for (; epoch < 4; epoch++) {
            boundaryPs += EPOCH_PS;
            alice.run(new NodeActor.AdvanceTo(epoch, boundaryPs));
        }
        assertTrue(observer.getAllReceived().stream().noneMatch(LinkActor.Transmit.class::isInstance),
                "a re-homed node emits nothing before its link's new life");
        long first = BatchNumbering.firstBatchAt(LINK, 3 * SECOND, EPOCH_PS, boundaryPs);
        assertEquals(20, first, "4 epochs of 50 ms, 5 batches of 10 ms each");

        alice.run(new NodeActor.RestartLink(LINK.id(), 1, first, boundaryPs, "its ends run again", null, true));
        assertEquals(List.of(new LinkActor.Restart(1, first, boundaryPs, "its ends run again", true)),
                observer.getAllReceived(), "end a tells the observer of the new life first");
        assertEquals(List.of(new KmeActor.RenewPool(LINK.id(), 1, true)), kme.getAllReceived(),
                "and its KME, whose pool with the other end starts again");
        DecoyBb84Bob bob = new DecoyBb84Bob(LINK.id(), LINK.weakCoherentSource(), SEED, new Incarnation(1, first),
                LINK.postProcessing(), ClassicalMessageCodec::authenticatedBytes);

        alice.run(new NodeActor.DeliverFrame(oldLifeAnnouncement()));
        assertFalse(channel.hasMessages() || observer.hasMessages(), "the old life's messages are dropped");

        List<BlockRecord> records = new ArrayList<>();
        List<Long> transmitted = new ArrayList<>();
        for (; records.stream().noneMatch(BlockRecord::delivered) && boundaryPs < 3 * SECOND; epoch++) {
            boundaryPs += EPOCH_PS;
            alice.run(new NodeActor.AdvanceTo(epoch, boundaryPs));
            for (LinkActor.Command command : observer.getAllReceived()) {
                if (command instanceof LinkActor.Transmit transmit) {
                    PhotonBatch batch = transmit.batch();
                    transmitted.add(batch.sequence());
                    DetectionBatch detections = sampler.sample(batch, channelKeys.withSequence(batch.sequence()))
                            .detections();
                    exchange(bob, bob.onDetections(detections, detections.arrivalTimePs()).messages(),
                            detections.arrivalTimePs(), records);
                }
            }
        }
        assertEquals(first, transmitted.get(0), "the first batch of the new life is the agreed one");
        BlockRecord delivered = records.stream().filter(BlockRecord::delivered).findFirst().orElseThrow(
                () -> new AssertionError("no block delivered in the new life: " + records));
        assertEquals(new Incarnation(1, first).firstBlockId(), delivered.blockId());
        assertEquals(LinkRole.TRANSMITTER, delivered.role());
        assertTrue(kme.getAllReceived().stream().anyMatch(c -> c instanceof KmeActor.DeliverKeyBlock block
                && block.blockId() == delivered.blockId()), "the new life's key goes to the KME");

        alice.run(new NodeActor.RestartLink(LINK.id(), 1, first, boundaryPs, "its ends run again", null, true));
        alice.run(new NodeActor.AdvanceTo(epoch, boundaryPs + EPOCH_PS));
        assertTrue(observer.getAllReceived().stream().filter(LinkActor.Transmit.class::isInstance)
                .map(c -> ((LinkActor.Transmit) c).batch().sequence()).allMatch(s -> s > transmitted.get(
                        transmitted.size() - 1)), "a repeated renewal is ignored: the source goes on");
    }

    /** A sift announcement of batch 0 by a Bob of the link's first life. */
    private ClassicalFrame oldLifeAnnouncement() {
        DecoyBb84Alice oldAlice = new DecoyBb84Alice(LINK.id(), LINK.weakCoherentSource(), SEED,
                LINK.postProcessing(), ClassicalMessageCodec::authenticatedBytes);
        DecoyBb84Bob oldBob = new DecoyBb84Bob(LINK.id(), LINK.weakCoherentSource(), SEED, LINK.postProcessing(),
                ClassicalMessageCodec::authenticatedBytes);
        PhotonBatch batch = oldAlice.emit(0, 0, LINK.batchPulses());
        DetectionBatch detections = sampler.sample(batch, channelKeys.withSequence(0)).detections();
        SealedMessage announcement = oldBob.onDetections(detections, detections.arrivalTimePs()).messages().get(0);
        return frame(announcement, detections.arrivalTimePs());
    }

    /** Carries Bob's messages to Alice's node and hers back to Bob's engine until neither has more to say. */
    private void exchange(DecoyBb84Bob bob, List<SealedMessage> fromBob, long nowPs, List<BlockRecord> records) {
        Deque<SealedMessage> toAlice = new ArrayDeque<>(fromBob);
        while (!toAlice.isEmpty()) {
            alice.run(new NodeActor.DeliverFrame(frame(toAlice.poll(), nowPs)));
            for (ClassicalChannel.Command command : channel.getAllReceived()) {
                ClassicalChannel.Convey convey = (ClassicalChannel.Convey) command;
                toAlice.addAll(bob.onFrame(new SealedMessage(convey.payload(), convey.authentication()), nowPs)
                        .messages());
            }
            for (LinkActor.Command command : observer.getAllReceived()) {
                if (command instanceof LinkActor.RecordBlock block) {
                    records.add(block.record());
                }
            }
        }
    }
}
