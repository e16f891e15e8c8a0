package org.qnetem.qkd.reconciliation;

import java.util.Objects;
import org.qnetem.physics.batch.PackedBits;
import org.qnetem.qkd.message.CascadeComplete;
import org.qnetem.qkd.message.ParityRequest;
import org.qnetem.qkd.message.ParityResponse;

/**
 * Alice's end of Cascade: she keeps her sifted key unchanged and answers Bob's parity questions. She
 * needs no view of Bob's search, only her key in each pass's order (the public shuffles), so a question
 * is any range of any pass and its answer is two bit lookups in that pass's prefix parities.
 *
 * <p>She counts every parity she discloses and, when Bob declares Cascade complete, checks that his
 * count of rounds and disclosed parities matches hers. A request out of order, outside the key or for
 * another block raises {@link CascadeProtocolException} and ends the engine.
 */
public final class CascadeAlice {

    private final String linkId;
    private final long blockId;
    private final PackedBits key;
    private final long[][] prefixParities;
    private int rounds;
    private long disclosed;
    private boolean closed;

    public CascadeAlice(String linkId, long blockId, PackedBits key, CascadeSettings settings) {
        this.linkId = Objects.requireNonNull(linkId, "linkId");
        this.blockId = blockId;
        this.key = key;
        if (key.length() < 1) {
            throw new IllegalArgumentException("Cascade needs a key of at least one bit");
        }
        long[][] orders = new PassOrders(key.length(), settings.passes(), settings.shuffleSeed(), linkId, blockId)
                .arrange(key.toWords());
        prefixParities = new long[orders.length][];
        for (int p = 0; p < orders.length; p++) {
            prefixParities[p] = Bits.inclusivePrefixParity(orders[p]);
        }
    }

    public ParityResponse onParityRequest(ParityRequest request) {
        try {
            requireOpen("a parity request");
            checkAddressed(request.linkId(), request.batchSequence());
            if (request.round() != rounds + 1) {
                throw new CascadeProtocolException(where() + "expected round " + (rounds + 1) + " but got round "
                        + request.round());
            }
            if (request.count() == 0) {
                throw new CascadeProtocolException(where() + "round " + request.round() + " asks nothing");
            }
            long[] parities = new long[PackedBits.wordsFor(request.count())];
            for (int i = 0; i < request.count(); i++) {
                parities[i >>> 6] |= (long) parity(request, i) << i;
            }
            rounds++;
            disclosed += request.count();
            return new ParityResponse(linkId, blockId, request.round(), PackedBits.of(parities, request.count()));
        } catch (RuntimeException e) {
            closed = true;
            throw e;
        }
    }

    private int parity(ParityRequest request, int i) {
        int pass = request.pass(i);
        int start = request.start(i);
        long end = (long) start + request.length(i);
        if (pass < 0 || pass >= prefixParities.length || start < 0 || request.length(i) < 1 || end > key.length()) {
            throw new CascadeProtocolException(where() + "round " + request.round() + " question " + i + " asks for"
                    + " pass " + pass + " bits [" + start + ", " + end + "), outside " + prefixParities.length
                    + " passes of " + key.length() + " bits");
        }
        long[] prefix = prefixParities[pass];
        int before = start == 0 ? 0 : Bits.bit(prefix, start - 1);
        return before ^ Bits.bit(prefix, (int) end - 1);
    }

    /** Closes the block once Bob's accounting agrees with Alice's; her key is returned unchanged. */
    public ReconciliationResult onComplete(CascadeComplete complete) {
        try {
            requireOpen("Cascade completion");
            checkAddressed(complete.linkId(), complete.batchSequence());
            if (complete.rounds() != rounds || complete.disclosedParities() != disclosed) {
                throw new CascadeProtocolException(where() + "Bob counts " + complete.rounds() + " rounds and "
                        + complete.disclosedParities() + " disclosed parities, Alice " + rounds + " and " + disclosed);
            }
            closed = true;
            return new ReconciliationResult(linkId, blockId, key, disclosed, rounds, prefixParities.length, 0);
        } catch (RuntimeException e) {
            closed = true;
            throw e;
        }
    }

    private void requireOpen(String what) {
        if (closed) {
            throw new CascadeProtocolException(where() + what + " after the block was closed");
        }
    }

    private void checkAddressed(String messageLink, long messageBlock) {
        if (!messageLink.equals(linkId) || messageBlock != blockId) {
            throw new CascadeProtocolException(where() + "got a message for link " + messageLink + " block "
                    + messageBlock);
        }
    }

    private String where() {
        return "Cascade of link " + linkId + " block " + blockId + ": ";
    }
}
