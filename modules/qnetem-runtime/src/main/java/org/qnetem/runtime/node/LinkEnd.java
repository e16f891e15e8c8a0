package org.qnetem.runtime.node;

import java.util.Optional;
import org.qnetem.physics.batch.DetectionBatch;
import org.qnetem.physics.batch.PhotonBatch;
import org.qnetem.physics.random.StreamKey;
import org.qnetem.qkd.protocol.Bbm92AnnouncingEnd;
import org.qnetem.qkd.protocol.Bbm92RespondingEnd;
import org.qnetem.qkd.protocol.DecoyBb84Alice;
import org.qnetem.qkd.protocol.DecoyBb84Bob;
import org.qnetem.qkd.protocol.Incarnation;
import org.qnetem.qkd.protocol.Outbox;
import org.qnetem.qkd.protocol.SealedMessage;
import org.qnetem.runtime.link.LinkRole;
import org.qnetem.runtime.serialization.ClassicalMessageCodec;
import org.qnetem.runtime.topology.Fidelity;
import org.qnetem.runtime.topology.LinkSpec;

/**
 * One node's end of one link: the link's protocol engine for this end and, at end a, the source's
 * emission schedule. End a keeps the source's clock for every protocol: decoy BB84's laser is at a;
 * a BBM92 pair source may sit anywhere on the fibre, and the emulation lets end a's node emit its pump
 * batches (a real link would run the source from its own site, with no other change to what either
 * end sees).
 */
sealed interface LinkEnd {

    static LinkEnd create(LinkSpec link, LinkRole role, long runSeed, long durationPs) {
        return create(link, role, runSeed, Incarnation.FIRST,
                new EmissionSchedule(link.source().clockHz(), link.batchPulses(), durationPs));
    }

    /** This end in the link's later life {@code life}, which starts at epoch boundary {@code timePs}. */
    static LinkEnd restarted(LinkSpec link, LinkRole role, long runSeed, long durationPs, Incarnation life,
                             long timePs) {
        return create(link, role, runSeed, life, EmissionSchedule.resumingAt(link.source().clockHz(),
                link.batchPulses(), durationPs, timePs, life.firstBatch()));
    }

    private static LinkEnd create(LinkSpec link, LinkRole role, long runSeed, Incarnation life,
                                  EmissionSchedule schedule) {
        String id = link.id();
        if (link.fidelity() == Fidelity.STATISTICAL) {
            return role == LinkRole.TRANSMITTER
                    ? new StatisticalSource(schedule, new StreamKey(runSeed, id, STATISTICAL_PULSES_PURPOSE, 0), link)
                    : new StatisticalPeer(id);
        }
        return switch (link.protocol()) {
            case DECOY_BB84 -> role == LinkRole.TRANSMITTER
                    ? new DecoyBb84Transmitter(new DecoyBb84Alice(id, link.weakCoherentSource(), runSeed, life,
                            link.postProcessing(), ClassicalMessageCodec::authenticatedBytes), schedule)
                    : new DecoyBb84Receiver(new DecoyBb84Bob(id, link.weakCoherentSource(), runSeed, life,
                            link.postProcessing(), ClassicalMessageCodec::authenticatedBytes));
            // Bbm92RespondingEnd authenticates as end a, Bbm92AnnouncingEnd as end b.
            case BBM92 -> role == LinkRole.TRANSMITTER
                    ? new Bbm92Responder(new Bbm92RespondingEnd(id, runSeed, life, link.postProcessing(),
                            ClassicalMessageCodec::authenticatedBytes), schedule,
                            new StreamKey(runSeed, id, PUMP_PURPOSE, 0), link)
                    : new Bbm92Announcer(new Bbm92AnnouncingEnd(id, runSeed, life, link.postProcessing(),
                            ClassicalMessageCodec::authenticatedBytes));
        };
    }

    /** Purpose of the (unused) pulse-state key of a statistical link's batches: no pulse is drawn. */
    String STATISTICAL_PULSES_PURPOSE = "statistical-pulses";

    /** Purpose of the (unused) pulse-state key of BBM92 pump batches: a pair source prepares no state. */
    String PUMP_PURPOSE = "pump";

    /** The source's clock if this end keeps it, and then reports each epoch's emissions. */
    default Optional<SourceClock> sourceClock() {
        return Optional.empty();
    }

    Outbox onDetections(DetectionBatch detections, long nowPs);

    Outbox onFrame(SealedMessage sealed, long nowPs);

    /** Emulated time reached {@code nowPs} (an epoch boundary): the engine's timeouts run. */
    Optional<Outbox> onTick(long nowPs);

    /** The link stopped at {@code nowPs} (a crash at either end): what was in flight is dropped. */
    Optional<Outbox> reset(long nowPs, String reason);

    /**
     * A classical message reaches this end at {@code nowPs} while the link is stopped (for {@code reason}): a
     * reference end ends a block whose opening it had not heard of before the stop; nothing else is acted on.
     */
    default Optional<Outbox> onFrameWhileStopped(SealedMessage sealed, long nowPs, String reason) {
        return Optional.empty();
    }

    /** The run ended at {@code nowPs}: a reference end asks again about the blocks it confirmed. */
    default Optional<Outbox> onDrain(long nowPs) {
        return Optional.empty();
    }

    /** Batches of the link's source whose pulse-state key nobody reads: a pair source, or counts only. */
    private static SourceClock unpreparedBatches(EmissionSchedule schedule, StreamKey keys, LinkSpec link) {
        return new SourceClock(schedule, (sequence, time, pulses) -> new PhotonBatch(link.id(), sequence, time,
                pulses, link.source(), keys.withSequence(sequence)));
    }

    record DecoyBb84Transmitter(DecoyBb84Alice engine, EmissionSchedule schedule) implements LinkEnd {
        @Override
        public Optional<Outbox> onFrameWhileStopped(SealedMessage sealed, long nowPs, String reason) {
            return Optional.of(engine.onFrameWhileStopped(sealed, nowPs, reason));
        }

        @Override
        public Optional<Outbox> onDrain(long nowPs) {
            return Optional.of(engine.confirmAgain(nowPs));
        }

        @Override
        public Optional<Outbox> onTick(long nowPs) {
            return Optional.of(engine.onTick(nowPs));
        }

        @Override
        public Optional<Outbox> reset(long nowPs, String reason) {
            return Optional.of(engine.reset(nowPs, reason));
        }

        @Override
        public Optional<SourceClock> sourceClock() {
            return Optional.of(new SourceClock(schedule, engine::emit));
        }

        @Override
        public Outbox onDetections(DetectionBatch detections, long nowPs) {
            throw new IllegalStateException("decoy-BB84 Alice has no detectors; got " + detections);
        }

        @Override
        public Outbox onFrame(SealedMessage sealed, long nowPs) {
            return engine.onFrame(sealed, nowPs);
        }
    }

    record DecoyBb84Receiver(DecoyBb84Bob engine) implements LinkEnd {
        @Override
        public Optional<Outbox> onTick(long nowPs) {
            return Optional.of(engine.onTick(nowPs));
        }

        @Override
        public Optional<Outbox> reset(long nowPs, String reason) {
            return Optional.of(engine.reset(nowPs, reason));
        }

        @Override
        public Outbox onDetections(DetectionBatch detections, long nowPs) {
            return engine.onDetections(detections, nowPs);
        }

        @Override
        public Outbox onFrame(SealedMessage sealed, long nowPs) {
            return engine.onFrame(sealed, nowPs);
        }
    }

    record Bbm92Responder(Bbm92RespondingEnd engine, EmissionSchedule schedule, StreamKey pumpKeys, LinkSpec link)
            implements LinkEnd {
        @Override
        public Optional<Outbox> onFrameWhileStopped(SealedMessage sealed, long nowPs, String reason) {
            return Optional.of(engine.onFrameWhileStopped(sealed, nowPs, reason));
        }

        @Override
        public Optional<Outbox> onDrain(long nowPs) {
            return Optional.of(engine.confirmAgain(nowPs));
        }

        @Override
        public Optional<Outbox> onTick(long nowPs) {
            return Optional.of(engine.onTick(nowPs));
        }

        @Override
        public Optional<Outbox> reset(long nowPs, String reason) {
            return Optional.of(engine.reset(nowPs, reason));
        }

        @Override
        public Optional<SourceClock> sourceClock() {
            return Optional.of(unpreparedBatches(schedule, pumpKeys, link));
        }

        @Override
        public Outbox onDetections(DetectionBatch detections, long nowPs) {
            return engine.onDetections(detections, nowPs);
        }

        @Override
        public Outbox onFrame(SealedMessage sealed, long nowPs) {
            return engine.onFrame(sealed, nowPs);
        }
    }

    record Bbm92Announcer(Bbm92AnnouncingEnd engine) implements LinkEnd {
        @Override
        public Optional<Outbox> onTick(long nowPs) {
            return Optional.of(engine.onTick(nowPs));
        }

        @Override
        public Optional<Outbox> reset(long nowPs, String reason) {
            return Optional.of(engine.reset(nowPs, reason));
        }

        @Override
        public Outbox onDetections(DetectionBatch detections, long nowPs) {
            return engine.onDetections(detections, nowPs);
        }

        @Override
        public Outbox onFrame(SealedMessage sealed, long nowPs) {
            return engine.onFrame(sealed, nowPs);
        }
    }

    /**
     * End a of a statistical link: keeps the source's clock and emits its batches; the link actor draws
     * their counts and key blocks, so there is no protocol engine and no classical message.
     */
    record StatisticalSource(EmissionSchedule schedule, StreamKey pulseKeys, LinkSpec link) implements LinkEnd {
        /** The link actor keeps a statistical link's blocks: nothing times out or is dropped here. */
        @Override
        public Optional<Outbox> onTick(long nowPs) {
            return Optional.empty();
        }

        @Override
        public Optional<Outbox> reset(long nowPs, String reason) {
            return Optional.empty();
        }

        @Override
        public Optional<SourceClock> sourceClock() {
            return Optional.of(unpreparedBatches(schedule, pulseKeys, link));
        }

        @Override
        public Outbox onDetections(DetectionBatch detections, long nowPs) {
            throw new IllegalStateException("statistical link " + link.id() + " delivers no detections");
        }

        @Override
        public Outbox onFrame(SealedMessage sealed, long nowPs) {
            throw new IllegalStateException("statistical link " + link.id() + " carries no classical messages");
        }
    }

    /** End b of a statistical link: nothing to do; its key blocks are the link actor's. */
    record StatisticalPeer(String linkId) implements LinkEnd {
        /** The link actor keeps a statistical link's blocks: nothing times out or is dropped here. */
        @Override
        public Optional<Outbox> onTick(long nowPs) {
            return Optional.empty();
        }

        @Override
        public Optional<Outbox> reset(long nowPs, String reason) {
            return Optional.empty();
        }

        @Override
        public Outbox onDetections(DetectionBatch detections, long nowPs) {
            throw new IllegalStateException("statistical link " + linkId + " delivers no detections");
        }

        @Override
        public Outbox onFrame(SealedMessage sealed, long nowPs) {
            throw new IllegalStateException("statistical link " + linkId + " carries no classical messages");
        }
    }
}
