package org.qnetem.qkd.message;

import java.util.Arrays;
import java.util.Objects;

/**
 * Bob to Alice, one Cascade round: "what is the parity of your key bits at positions
 * [start, start + length) of pass p's order?" for every block he needs this round. Passes are numbered
 * from 0 (pass 0 is the key's own order), rounds from 1; the batch sequence is the id of the key block
 * being reconciled. Alice answers every question, in order, with one {@link ParityResponse}.
 */
public record ParityRequest(String linkId, long batchSequence, int round, byte[] passes, int[] starts,
                            int[] lengths) implements ClassicalMessage {

    public ParityRequest {
        Objects.requireNonNull(linkId, "linkId");
        if (starts.length != passes.length || lengths.length != passes.length) {
            throw new IllegalArgumentException("each question needs a pass, a start and a length: " + passes.length
                    + " passes, " + starts.length + " starts, " + lengths.length + " lengths");
        }
        passes = passes.clone();
        starts = starts.clone();
        lengths = lengths.clone();
    }

    public int count() {
        return passes.length;
    }

    public int pass(int i) {
        return passes[i];
    }

    public int start(int i) {
        return starts[i];
    }

    public int length(int i) {
        return lengths[i];
    }

    @Override
    public byte[] passes() {
        return passes.clone();
    }

    @Override
    public int[] starts() {
        return starts.clone();
    }

    @Override
    public int[] lengths() {
        return lengths.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParityRequest r && linkId.equals(r.linkId) && batchSequence == r.batchSequence
                && round == r.round && Arrays.equals(passes, r.passes) && Arrays.equals(starts, r.starts)
                && Arrays.equals(lengths, r.lengths);
    }

    @Override
    public int hashCode() {
        return Objects.hash(linkId, batchSequence, round, Arrays.hashCode(passes), Arrays.hashCode(starts),
                Arrays.hashCode(lengths));
    }

    @Override
    public String toString() {
        return "ParityRequest[link=" + linkId + ", seq=" + batchSequence + ", round " + round + ", " + count()
                + " questions]";
    }
}
