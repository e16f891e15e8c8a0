package org.qnetem.qkd.protocol;

import java.util.ArrayList;
import java.util.List;
import org.qnetem.qkd.authentication.AuthenticationTag;
import org.qnetem.qkd.message.ClassicalMessage;
import org.qnetem.qkd.sifting.SiftedBlock;

/**
 * What one step of a protocol engine produced: the messages for the peer, tagged in the order they
 * must be sent, and the key blocks that ended. For the emulator's observer, which compares the two
 * ends, it also lists the batches this end sifted or discarded and the blocks it opened.
 */
public final class Outbox {

    private final Tagger tagger;
    private final List<SealedMessage> messages = new ArrayList<>();
    private final List<BlockOutcome> outcomes = new ArrayList<>();
    private final List<SiftedBlock> sifted = new ArrayList<>();
    private final List<Long> discardedBatches = new ArrayList<>();
    private final List<Long> openedBlocks = new ArrayList<>();

    /** Tags each outgoing message with the link end's authentication key. */
    @FunctionalInterface
    interface Tagger {
        AuthenticationTag tag(ClassicalMessage message);
    }

    Outbox(Tagger tagger) {
        this.tagger = tagger;
    }

    void send(ClassicalMessage message) {
        messages.add(new SealedMessage(message, tagger.tag(message)));
    }

    void finish(BlockOutcome outcome) {
        outcomes.add(outcome);
    }

    void sifted(SiftedBlock batch) {
        sifted.add(batch);
    }

    void discarded(long batchSequence) {
        discardedBatches.add(batchSequence);
    }

    void opened(long blockId) {
        openedBlocks.add(blockId);
    }

    public List<SealedMessage> messages() {
        return List.copyOf(messages);
    }

    public List<BlockOutcome> outcomes() {
        return List.copyOf(outcomes);
    }

    public List<SiftedBlock> sifted() {
        return List.copyOf(sifted);
    }

    public List<Long> discardedBatches() {
        return List.copyOf(discardedBatches);
    }

    public List<Long> openedBlocks() {
        return List.copyOf(openedBlocks);
    }
}
