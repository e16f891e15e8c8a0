package org.qnetem.qkd.reconciliation;

import java.util.Arrays;
import java.util.Objects;
import org.qnetem.physics.batch.PackedBits;
import org.qnetem.qkd.message.CascadeComplete;
import org.qnetem.qkd.message.ParityRequest;
import org.qnetem.qkd.message.ParityResponse;

/**
 * Bob's end of Cascade (Brassard and Salvail 1993, with the reuse of known parities of Martinez-Mateo
 * et al. 2014): he holds the noisy key, asks Alice for block parities and corrects his bits.
 *
 * <p>Round 1 asks for the parities of every top-level block of every pass at once: they are fixed
 * functions of Alice's key, so asking them early discloses nothing more than asking them pass by pass,
 * and saves one round trip per pass. After that, each round bisects every odd leaf (see
 * {@link PassBlocks}) of the passes opened so far, all in one request: one question per leaf, the parity
 * of its left half. A leaf that shrinks to one odd bit is an error; Bob flips it, which toggles the leaf
 * around that bit in every open pass. Those newly odd leaves — the cascade effect — are the smallest
 * blocks already known around the bit, so back-tracking reuses every parity learned so far. Passes open
 * one at a time, when the passes before them have no odd leaf left: errors that back-tracking into the
 * earlier, smaller blocks can find are not searched for again in a later pass's large blocks. Cascade
 * ends when every pass is open and none has an odd leaf.
 *
 * <p>Bob learns Alice's parities only from her responses, and she learns his questions only from his
 * requests. Every disclosed parity counts as leaked. A response that does not fit the request outstanding
 * raises {@link CascadeProtocolException} and ends the engine.
 */
public final class CascadeBob {

    private enum State { READY, AWAITING_RESPONSE, FINISHED, FAILED }

    private final String linkId;
    private final long blockId;
    private final int length;
    private final int[] blockSizes;
    private final PassOrders orders;
    private final PassBlocks[] passes;
    private final int[] positions;
    private final Questions asked = new Questions();
    private final Questions oddBits = new Questions();
    private State state = State.READY;
    private PackedBits topParities;
    private int[] topParityOffsets;
    private int opened;
    private int round;
    private long leaked;
    private int flipped;

    public CascadeBob(String linkId, long blockId, PackedBits noisyKey, double estimatedQber,
                      CascadeSettings settings) {
        this.linkId = Objects.requireNonNull(linkId, "linkId");
        this.blockId = blockId;
        this.length = noisyKey.length();
        this.blockSizes = settings.blockSizes(length, estimatedQber);
        this.orders = new PassOrders(length, settings.passes(), settings.shuffleSeed(), linkId, blockId);
        this.passes = new PassBlocks[blockSizes.length];
        passes[0] = new PassBlocks(noisyKey.toWords(), length, blockSizes[0]);
        this.positions = new int[passes.length];
    }

    /** The first round: the parities of every top-level block of every pass. */
    public CascadeStep start() {
        requireState(State.READY, "start");
        asked.clear();
        topParityOffsets = new int[blockSizes.length + 1];
        for (int p = 0; p < blockSizes.length; p++) {
            int blocks = PassBlocks.topBlockCount(length, blockSizes[p]);
            for (int b = 0; b < blocks; b++) {
                int start = b * blockSizes[p];
                asked.add(p, start, Math.min(blockSizes[p], length - start));
            }
            topParityOffsets[p + 1] = asked.count;
        }
        return ask();
    }

    public CascadeStep onParityResponse(ParityResponse response) {
        requireState(State.AWAITING_RESPONSE, "a parity response");
        try {
            checkResponse(response);
            leaked += asked.count;
            if (round == 1) {
                topParities = response.parities();
                open(0);
            } else {
                learnHalves(response.parities());
            }
            return nextStep();
        } catch (RuntimeException e) {
            state = State.FAILED;
            throw e;
        }
    }

    private void checkResponse(ParityResponse response) {
        if (!response.linkId().equals(linkId) || response.batchSequence() != blockId) {
            throw new CascadeProtocolException("Cascade of link " + linkId + " block " + blockId
                    + " got a response for link " + response.linkId() + " block " + response.batchSequence());
        }
        if (response.round() != round) {
            throw new CascadeProtocolException("link " + linkId + " block " + blockId + ": awaiting round "
                    + round + " but got round " + response.round());
        }
        if (response.parities().length() != asked.count) {
            throw new CascadeProtocolException("link " + linkId + " block " + blockId + " round " + round + ": asked "
                    + asked.count + " parities but got " + response.parities().length());
        }
    }

    /**
     * Starts work on pass p once the passes before it are settled: Bob lays out his current key in the
     * pass's order and compares his top-level parities with the ones Alice sent in round 1. Flips made
     * before this moment are already in his key, so a pass costs nothing until it opens.
     */
    private void open(int p) {
        if (p > 0) {
            passes[p] = new PassBlocks(orders.shuffle(p, passes[p - 1].bits()), length, blockSizes[p]);
        }
        opened = p;
        PassBlocks pass = passes[p];
        oddBits.clear();
        for (int b = 0; b < pass.topBlockCount(); b++) {
            int start = pass.topBlockStart(b);
            int blockLength = pass.topBlockLength(b);
            int difference = topParities.bit(topParityOffsets[p] + b) ^ pass.bobParity(start, start + blockLength);
            pass.setOdd(start, difference);
            if (difference != 0) {
                queueOddLeaf(p, start, blockLength);
            }
        }
        correctOddBits();
    }

    /**
     * Records each bisected leaf's halves. No bit is flipped until all answers are in, so each parent
     * leaf's parity is still the one it had when Bob asked.
     */
    private void learnHalves(PackedBits parities) {
        oddBits.clear();
        for (int i = 0; i < asked.count; i++) {
            int p = asked.pass[i];
            PassBlocks pass = passes[p];
            int start = asked.start[i];
            int leafLength = asked.length[i];
            int mid = PassBlocks.midpoint(start, leafLength);
            int left = parities.bit(i) ^ pass.bobParity(start, mid);
            int right = left ^ (pass.isOdd(start) ? 1 : 0);
            pass.setOdd(start, left);
            pass.setOdd(mid, right);
            if (left != 0) {
                queueOddLeaf(p, start, mid - start);
            }
            if (right != 0) {
                queueOddLeaf(p, mid, start + leafLength - mid);
            }
        }
        correctOddBits();
    }

    /** An odd leaf of one bit is an error to flip once all answers are in; a longer one is bisected next. */
    private void queueOddLeaf(int p, int start, int leafLength) {
        if (leafLength == 1) {
            oddBits.add(p, start, 1);
        } else {
            passes[p].addPending(start, leafLength);
        }
    }

    /** Flips the bits that odd one-bit leaves pin down, unless an earlier flip already settled them. */
    private void correctOddBits() {
        for (int i = 0; i < oddBits.count; i++) {
            int p = oddBits.pass[i];
            int position = oddBits.start[i];
            if (passes[p].isOdd(position)) {
                flip(orders.keyIndexAt(p, position));
            }
        }
    }

    /**
     * Corrects key bit {@code keyIndex} in every open pass. A one-bit leaf is Alice's value of that bit;
     * if one turns odd here, she has given two values for the same bit.
     */
    private void flip(int keyIndex) {
        orders.positionsOf(keyIndex, positions, opened + 1);
        for (int p = 0; p <= opened; p++) {
            PassBlocks pass = passes[p];
            int position = positions[p];
            Bits.flip(pass.bits(), position);
            long leaf = pass.leafContaining(position);
            int leafStart = (int) (leaf >>> 32);
            int leafLength = (int) leaf;
            if (pass.toggle(leafStart)) {
                if (leafLength == 1) {
                    throw new CascadeProtocolException("link " + linkId + " block " + blockId + ": Alice's parities"
                            + " contradict each other about key bit " + keyIndex);
                }
                pass.addPending(leafStart, leafLength);
            }
        }
        flipped++;
    }

    /**
     * Bisects every odd leaf of the open passes; when they have none, opens the next pass. Passes open
     * in order, so a later pass never spends long searches on errors that the earlier, smaller blocks
     * would find, while the open passes are searched side by side to keep the round trips few.
     */
    private CascadeStep nextStep() {
        asked.clear();
        while (true) {
            for (int p = 0; p <= opened; p++) {
                PassBlocks pass = passes[p];
                for (int i = 0; i < pass.pendingCount(); i++) {
                    int start = pass.pendingStart(i);
                    int leafLength = pass.pendingLength(i);
                    if (pass.isOdd(start) && !pass.isSplit(start, leafLength)) {
                        pass.markSplit(start, leafLength);
                        asked.add(p, start, leafLength);
                    }
                }
                pass.clearPending();
            }
            if (asked.count > 0) {
                return ask();
            }
            if (opened + 1 == passes.length) {
                break;
            }
            open(opened + 1);
        }
        state = State.FINISHED;
        PackedBits corrected = PackedBits.of(passes[0].bits(), length);
        return new CascadeStep.Finish(new CascadeComplete(linkId, blockId, round, leaked),
                new ReconciliationResult(linkId, blockId, corrected, leaked, round, passes.length, flipped));
    }

    /** Sends the questions in {@code asked}: whole blocks in round 1, left halves of leaves after that. */
    private CascadeStep ask() {
        round++;
        byte[] questionPasses = new byte[asked.count];
        int[] starts = Arrays.copyOf(asked.start, asked.count);
        int[] lengths = new int[asked.count];
        for (int i = 0; i < asked.count; i++) {
            questionPasses[i] = (byte) asked.pass[i];
            int start = asked.start[i];
            lengths[i] = round == 1 ? asked.length[i] : PassBlocks.midpoint(start, asked.length[i]) - start;
        }
        state = State.AWAITING_RESPONSE;
        return new CascadeStep.Ask(new ParityRequest(linkId, blockId, round, questionPasses, starts, lengths));
    }

    private void requireState(State expected, String what) {
        if (state != expected) {
            throw new CascadeProtocolException("link " + linkId + " block " + blockId + ": " + what
                    + " is out of place while the engine is " + state);
        }
    }

    /** A growable list of blocks, each a pass, a start and a length. */
    private static final class Questions {
        int[] pass = new int[64];
        int[] start = new int[64];
        int[] length = new int[64];
        int count;

        void add(int p, int s, int l) {
            if (count == pass.length) {
                pass = Arrays.copyOf(pass, count * 2);
                start = Arrays.copyOf(start, count * 2);
                length = Arrays.copyOf(length, count * 2);
            }
            pass[count] = p;
            start[count] = s;
            length[count++] = l;
        }

        void clear() {
            count = 0;
        }
    }
}
