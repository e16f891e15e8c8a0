package org.qnetem.runtime.fault;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a link's operator would see, turned into events: the detection rate falling away and coming back
 * (a cut fibre or dead detectors), Bob's blinding monitor, each block's QBER estimate against the alarm
 * threshold, aborted blocks, and key flowing again after a fault on the link cleared. It reads only what
 * the ends measure (click counts, the monitor's test slots, block outcomes), never the ground truth.
 *
 * <p>The detection rate is judged per {@link #WINDOW_PS} of emission time against the honest link's
 * expected rate: below {@link #DOWN_SHARE} of it the link is down, and it is up again at
 * {@link #UP_SHARE}, a gap that keeps a link near one threshold from flapping.
 */
public final class LinkWatch {

    public static final long WINDOW_PS = 500_000_000_000L;
    public static final double DOWN_SHARE = 0.1;
    public static final double UP_SHARE = 0.5;

    private final String linkId;
    private final double honestDetectionsPerPulse;
    private final double alarmThreshold;
    private final List<Event> events = new ArrayList<>();
    private long window = -1;
    private long windowPulses;
    private long windowDetections;
    private boolean down;
    private boolean monitorAlarming;
    private boolean awaitingRecovery;

    /**
     * @param honestDetectionsPerPulse the honest link's expected detections per pulse, from its model
     * @param alarmThreshold           the link's QBER alarm threshold
     */
    public LinkWatch(String linkId, double honestDetectionsPerPulse, double alarmThreshold) {
        this.linkId = linkId;
        this.honestDetectionsPerPulse = honestDetectionsPerPulse;
        this.alarmThreshold = alarmThreshold;
    }

    /** A batch emitted at {@code emissionPs} gave {@code detections}; batches come in emission order. */
    public void onBatch(long emissionPs, long pulses, long detections, boolean monitorAlarm, long monitorClicks) {
        long batchWindow = emissionPs / WINDOW_PS;
        if (batchWindow != window) {
            judgeWindow();
            window = batchWindow;
            windowPulses = 0;
            windowDetections = 0;
        }
        windowPulses += pulses;
        windowDetections += detections;
        if (monitorAlarm && !monitorAlarming) {
            events.add(Event.reaction(emissionPs, "blinding-alarm", linkId, "Bob's blinding monitor counted "
                    + monitorClicks + " clicks in its test gates, where an unblinded detector cannot click"));
        } else if (!monitorAlarm && monitorAlarming) {
            events.add(Event.reaction(emissionPs, "blinding-alarm-cleared", linkId,
                    "no more clicks in the blinding monitor's test gates"));
        }
        monitorAlarming = monitorAlarm;
    }

    private void judgeWindow() {
        if (window < 0 || windowPulses == 0 || honestDetectionsPerPulse <= 0) {
            return;
        }
        double share = windowDetections / (windowPulses * honestDetectionsPerPulse);
        long endPs = (window + 1) * WINDOW_PS;
        if (!down && share < DOWN_SHARE) {
            down = true;
            events.add(Event.reaction(endPs, "link-down", linkId, String.format(Locale.ROOT,
                    "detection rate at %.3g of the expected over the last %.1f s", share, WINDOW_PS / 1e12)));
        } else if (down && share >= UP_SHARE) {
            down = false;
            events.add(Event.reaction(endPs, "link-up", linkId, String.format(Locale.ROOT,
                    "detection rate back at %.3g of the expected", share)));
        }
    }

    /**
     * A block ended at both ends at {@code finishedAtPs}; {@code estimatedQber} is the QBER its ends
     * estimated (NaN if they aborted before estimating).
     */
    public void onBlock(long blockId, long finishedAtPs, boolean delivered, double estimatedQber, String stage,
                        String reason) {
        boolean alarming = estimatedQber > alarmThreshold;
        if (alarming) {
            events.add(Event.reaction(finishedAtPs, "qber-alarm", linkId, String.format(Locale.ROOT,
                    "block %d: estimated QBER %.4f above the alarm threshold %.4f", blockId, estimatedQber,
                    alarmThreshold)));
        }
        if (!delivered) {
            events.add(Event.reaction(finishedAtPs, "block-aborted", linkId, "block " + blockId + " at " + stage
                    + ": " + reason));
        } else if (awaitingRecovery && !alarming) {
            awaitingRecovery = false;
            events.add(Event.reaction(finishedAtPs, "key-recovered", linkId, "block " + blockId
                    + " delivered key again after the link's fault cleared"));
        }
    }

    /** The link stopped at {@code timePs} (a node crashed) or started again. */
    public void onStopped(long timePs, boolean stopped, String reason) {
        events.add(Event.reaction(timePs, stopped ? "link-stopped" : "link-restarted", linkId, reason));
        if (!stopped) {
            awaitingRecovery = true;
        }
    }

    /** An end's state was lost with its cluster member at {@code timePs}; {@code detail} says what went with it. */
    public void onEndLost(long timePs, String detail) {
        events.add(Event.reaction(timePs, "end-lost", linkId, detail));
    }

    /**
     * The link started a new life at {@code timePs} after an end's state was lost ({@code detail}: which life and
     * from which batch): its next clean delivered block is its recovery.
     */
    public void onNewLife(long timePs, String detail) {
        events.add(Event.reaction(timePs, "link-new-life", linkId, detail));
        awaitingRecovery = true;
    }

    /** A fault on this link cleared: the next clean delivered block is its recovery. */
    public void onFaultCleared() {
        awaitingRecovery = true;
    }

    public List<Event> events() {
        return List.copyOf(events);
    }
}
