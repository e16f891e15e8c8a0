package org.qnetem.qkd.reconciliation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.qnetem.physics.batch.PackedBits;
import org.qnetem.physics.random.RandomStream;
import org.qnetem.physics.random.StreamKey;
import org.qnetem.qkd.message.CascadeComplete;
import org.qnetem.qkd.message.ParityRequest;
import org.qnetem.qkd.message.ParityResponse;

/** Messages the protocol cannot have produced are refused with a clear exception, never an index crash. */
class CascadeProtocolTest {

    private static final String LINK = CascadeRun.LINK;
    private static final CascadeSettings SETTINGS = CascadeSettings.defaults(42);
    private static final int LENGTH = 20_000;

    private final NoisyKeyPair keys = NoisyKeyPair.atQber(LENGTH, 0.03, 1);
    private final CascadeAlice alice = new CascadeAlice(LINK, 7, keys.alice(), SETTINGS);
    private final CascadeBob bob = new CascadeBob(LINK, 7, keys.bob(), 0.03, SETTINGS);

    private ParityRequest firstRequest() {
        return ((CascadeStep.Ask) bob.start()).request();
    }

    private static ParityResponse withParities(ParityResponse response, PackedBits parities) {
        return new ParityResponse(response.linkId(), response.batchSequence(), response.round(), parities);
    }

    private static PackedBits truncated(PackedBits bits, int length) {
        return PackedBits.of(bits.toWords(), length);
    }

    @Test
    void bobRefusesAResponseOfTheWrongLength() {
        ParityResponse response = alice.onParityRequest(firstRequest());
        int asked = response.parities().length();
        CascadeProtocolException shortAnswer = assertThrows(CascadeProtocolException.class,
                () -> bob.onParityResponse(withParities(response, truncated(response.parities(), asked - 1))));
        assertTrue(shortAnswer.getMessage().contains("asked " + asked + " parities but got " + (asked - 1)),
                shortAnswer.getMessage());
        assertThrows(CascadeProtocolException.class, () -> bob.onParityResponse(response),
                "an engine that refused a message is finished");
    }

    @Test
    void bobRefusesAResponseWithExtraParities() {
        ParityResponse response = alice.onParityRequest(firstRequest());
        long[] words = java.util.Arrays.copyOf(response.parities().toWords(), response.parities().toWords().length + 1);
        assertThrows(CascadeProtocolException.class, () -> bob.onParityResponse(
                withParities(response, PackedBits.of(words, response.parities().length() + 1))));
    }

    @Test
    void bobRefusesResponsesForAnotherRoundBlockOrLink() {
        ParityResponse response = alice.onParityRequest(firstRequest());
        PackedBits parities = response.parities();
        assertThrows(CascadeProtocolException.class,
                () -> new CascadeBob(LINK, 7, keys.bob(), 0.03, SETTINGS).onParityResponse(response),
                "a response before Bob asked anything");
        assertThrows(CascadeProtocolException.class, () -> freshBob().onParityResponse(
                new ParityResponse(LINK, 7, 2, parities)));
        assertThrows(CascadeProtocolException.class, () -> freshBob().onParityResponse(
                new ParityResponse(LINK, 8, 1, parities)));
        assertThrows(CascadeProtocolException.class, () -> freshBob().onParityResponse(
                new ParityResponse("OTHER", 7, 1, parities)));
    }

    private CascadeBob freshBob() {
        CascadeBob fresh = new CascadeBob(LINK, 7, keys.bob(), 0.03, SETTINGS);
        fresh.start();
        return fresh;
    }

    @Test
    void bobRefusesToStartTwiceOrToContinueAfterFinishing() {
        firstRequest();
        assertThrows(CascadeProtocolException.class, bob::start);
        CascadeAlice otherAlice = new CascadeAlice(LINK, 3, keys.alice(), SETTINGS);
        CascadeBob otherBob = new CascadeBob(LINK, 3, keys.bob(), 0.03, SETTINGS);
        CascadeStep step = otherBob.start();
        ParityResponse last = null;
        while (step instanceof CascadeStep.Ask ask) {
            last = otherAlice.onParityRequest(ask.request());
            step = otherBob.onParityResponse(last);
        }
        ParityResponse lastResponse = last;
        assertThrows(CascadeProtocolException.class, () -> otherBob.onParityResponse(lastResponse));
    }

    @Test
    void aliceRefusesQuestionsOutsideTheKeyOrThePasses() {
        assertRefused(question(6, 0, 10), "a pass beyond the sixth");
        assertRefused(question(-1, 0, 10), "a negative pass");
        assertRefused(question(0, -1, 10), "a negative start");
        assertRefused(question(0, 5, 0), "an empty range");
        assertRefused(question(0, LENGTH - 5, 6), "a range past the key");
        assertRefused(question(2, Integer.MAX_VALUE - 2, 10), "a range whose end overflows an int");
        assertRefused(new ParityRequest(LINK, 7, 1, new byte[0], new int[0], new int[0]), "no question at all");
        assertRefused(new ParityRequest(LINK, 7, 2, new byte[] {0}, new int[] {0}, new int[] {4}), "round 2 first");
        assertRefused(new ParityRequest(LINK, 8, 1, new byte[] {0}, new int[] {0}, new int[] {4}), "another block");
        assertRefused(new ParityRequest("OTHER", 7, 1, new byte[] {0}, new int[] {0}, new int[] {4}), "another link");
    }

    private static ParityRequest question(int pass, int start, int length) {
        return new ParityRequest(LINK, 7, 1, new byte[] {(byte) pass}, new int[] {start}, new int[] {length});
    }

    private void assertRefused(ParityRequest request, String what) {
        CascadeAlice fresh = new CascadeAlice(LINK, 7, keys.alice(), SETTINGS);
        assertThrows(CascadeProtocolException.class, () -> fresh.onParityRequest(request), what);
    }

    @Test
    void aliceRefusesARepeatedRoundAndAnythingAfterClosing() {
        ParityRequest request = firstRequest();
        alice.onParityRequest(request);
        assertThrows(CascadeProtocolException.class, () -> alice.onParityRequest(request));
        assertThrows(CascadeProtocolException.class, () -> alice.onComplete(new CascadeComplete(LINK, 7, 1, 0)),
                "the engine closed when it refused the repeat");
    }

    @Test
    void aliceRefusesACompletionWhoseAccountingDiffersFromHers() {
        ParityResponse response = alice.onParityRequest(firstRequest());
        long sent = response.parities().length();
        CascadeProtocolException e = assertThrows(CascadeProtocolException.class,
                () -> alice.onComplete(new CascadeComplete(LINK, 7, 1, sent - 1)));
        assertTrue(e.getMessage().contains("Bob counts 1 rounds and " + (sent - 1)), e.getMessage());
        CascadeAlice other = new CascadeAlice(LINK, 7, keys.alice(), SETTINGS);
        other.onParityRequest(firstRequestOf(new CascadeBob(LINK, 7, keys.bob(), 0.03, SETTINGS)));
        assertThrows(CascadeProtocolException.class, () -> other.onComplete(new CascadeComplete(LINK, 7, 2, sent)));
        CascadeAlice closed = new CascadeAlice(LINK, 7, keys.alice(), SETTINGS);
        closed.onComplete(new CascadeComplete(LINK, 7, 0, 0));
        assertThrows(CascadeProtocolException.class, () -> closed.onParityRequest(firstRequest()));
    }

    private static ParityRequest firstRequestOf(CascadeBob someBob) {
        return ((CascadeStep.Ask) someBob.start()).request();
    }

    /**
     * A corrupted parity looks like a true one, so Bob may mis-correct (verification will discard the
     * block) or catch a contradiction; he must never crash. One parity of one round is flipped in each of
     * 200 runs. A wrong turn in a search makes Bob flip a correct bit, and when a later pass finds that
     * bit again its two one-bit blocks disagree: in development all 200 runs ended that way.
     */
    @Test
    void corruptedParitiesEndInAResultOrAProtocolErrorNeverACrash() {
        RandomStream random = new RandomStream(new StreamKey(5, "cascade-test", "corruption", 0));
        int refused = 0;
        int wrongKeys = 0;
        for (int trial = 0; trial < 200; trial++) {
            CascadeAlice honestAlice = new CascadeAlice(LINK, trial, keys.alice(), SETTINGS);
            CascadeBob victim = new CascadeBob(LINK, trial, keys.bob(), 0.03, SETTINGS);
            int corruptRound = 1 + random.nextInt(30);
            try {
                CascadeStep step = victim.start();
                while (step instanceof CascadeStep.Ask ask) {
                    ParityResponse response = honestAlice.onParityRequest(ask.request());
                    if (response.round() == corruptRound) {
                        long[] words = response.parities().toWords();
                        Bits.flip(words, random.nextInt(response.parities().length()));
                        response = withParities(response, PackedBits.of(words, response.parities().length()));
                    }
                    step = victim.onParityResponse(response);
                }
                CascadeStep.Finish finish = assertInstanceOf(CascadeStep.Finish.class, step);
                honestAlice.onComplete(finish.complete());
                wrongKeys += finish.result().key().equals(keys.alice()) ? 0 : 1;
            } catch (CascadeProtocolException e) {
                assertTrue(e.getMessage().contains("contradict"), e.getMessage());
                refused++;
            }
        }
        assertTrue(refused >= 150, refused + " corruptions refused, " + wrongKeys + " ended in a wrong key");
    }
}
