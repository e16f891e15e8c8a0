package org.qnetem.runtime.topology;

import static org.qnetem.qkd.protocol.PostProcessingSettings.DEFAULT_ALARM_SHARE_OF_ABORT;
import static org.qnetem.qkd.protocol.PostProcessingSettings.DEFAULT_BLOCK_TIMEOUT_PS;
import static org.qnetem.qkd.protocol.PostProcessingSettings.DEFAULT_EPSILON_CORRECTNESS;
import static org.qnetem.qkd.protocol.PostProcessingSettings.DEFAULT_EPSILON_SECRECY;
import static org.qnetem.qkd.protocol.PostProcessingSettings.DEFAULT_KEY_BLOCK_BITS;
import static org.qnetem.qkd.protocol.PostProcessingSettings.DEFAULT_PRE_SHARED_KEY_BITS;
import static org.qnetem.qkd.protocol.PostProcessingSettings.DEFAULT_QBER_ABORT_THRESHOLD;
import static org.qnetem.runtime.topology.NumberRange.aboveUpTo;
import static org.qnetem.runtime.topology.NumberRange.closed;
import static org.qnetem.runtime.topology.NumberRange.open;

import java.util.Optional;
import org.qnetem.qkd.protocol.PostProcessingSettings;

/**
 * Reads a link's optional {@code post-processing} and {@code authentication} sections into one
 * {@link PostProcessingSettings}; an absent section or key takes the record's default. The checks repeat
 * the record's own so that the user sees the setting's path and line.
 */
final class PostProcessingReader {

    private static final String POST_PROCESSING = "post-processing";
    private static final String AUTHENTICATION = "authentication";

    /** The record's own upper bound on n_X, so that a block's bits fit the engines' int-indexed arrays. */
    private static final long MAX_KEY_BLOCK_BITS = Integer.MAX_VALUE / 2;
    /** A Wegman–Carter tag needs at least one 256-bit key to start from. */
    private static final long MIN_PRE_SHARED_KEY_BITS = 256;

    private PostProcessingReader() {
    }

    /** Reads both sections in file order; a problem in either leaves the link without settings. */
    static Optional<PostProcessingSettings> read(Section link) {
        Optional<Section> postProcessing = link.optionalSection(POST_PROCESSING);
        Optional<Blocks> blocks = postProcessing.flatMap(PostProcessingReader::blocks);
        Optional<Long> authentication = link.optionalSection(AUTHENTICATION)
                .flatMap(PostProcessingReader::authentication);
        if (blocks.isEmpty() || authentication.isEmpty()) {
            return Optional.empty();
        }
        Blocks b = blocks.get();
        long preSharedKeyBits = authentication.get();
        return postProcessing.get().build(() -> new PostProcessingSettings(b.keyBlockBits(), b.qberAbortThreshold(),
                b.epsilonSecrecy(), b.epsilonCorrectness(), preSharedKeyBits, b.qberAlarmThreshold(), b.blockTimeoutPs()));
    }

    private static Optional<Blocks> blocks(Section section) {
        section.allowOnly("key-block-bits", "qber-abort-threshold", "qber-alarm-threshold", "epsilon-secrecy",
                "epsilon-correctness", "block-timeout");
        long keyBlockBits = section.optionalWholeNumber("key-block-bits", DEFAULT_KEY_BLOCK_BITS,
                closed(1, MAX_KEY_BLOCK_BITS));
        double qberAbortThreshold = section.optionalNumber("qber-abort-threshold", DEFAULT_QBER_ABORT_THRESHOLD,
                aboveUpTo(0, 0.5));
        double qberAlarmThreshold = section.optionalNumber("qber-alarm-threshold",
                DEFAULT_ALARM_SHARE_OF_ABORT * qberAbortThreshold, aboveUpTo(0, 0.5));
        double epsilonSecrecy = section.optionalNumber("epsilon-secrecy", DEFAULT_EPSILON_SECRECY, open(0, 1));
        double epsilonCorrectness = section.optionalNumber("epsilon-correctness", DEFAULT_EPSILON_CORRECTNESS,
                open(0, 1));
        Optional<Long> blockTimeoutPs = section.optionalDurationPs("block-timeout", DEFAULT_BLOCK_TIMEOUT_PS);
        return section.build(() -> new Blocks(keyBlockBits, qberAbortThreshold, qberAlarmThreshold, epsilonSecrecy,
                epsilonCorrectness, blockTimeoutPs.orElseThrow()));
    }

    /** The {@code authentication} section: the pre-shared key's length. */
    private static Optional<Long> authentication(Section section) {
        section.allowOnly("pre-shared-key-bits");
        long preSharedKeyBits = section.optionalWholeNumber("pre-shared-key-bits", DEFAULT_PRE_SHARED_KEY_BITS,
                MIN_PRE_SHARED_KEY_BITS);
        return section.build(() -> preSharedKeyBits);
    }

    /** The {@code post-processing} section's settings, held until the whole record can be built. */
    private record Blocks(long keyBlockBits, double qberAbortThreshold, double qberAlarmThreshold,
                          double epsilonSecrecy, double epsilonCorrectness, long blockTimeoutPs) {
    }
}
