package org.qnetem.runtime.entity;

import org.apache.pekko.actor.typed.RecipientRef;
import org.qnetem.runtime.clock.EmulationClock;
import org.qnetem.runtime.kms.KmeActor;
import org.qnetem.runtime.link.ClassicalChannel;
import org.qnetem.runtime.link.LinkActor;
import org.qnetem.runtime.node.NodeActor;

/**
 * Where a run's actors reach each other by id: every node, link, classical channel and KME, and the clock.
 * On one JVM these are the actors the run spawned ({@link LocalDirectory}); on a cluster they are sharded
 * entities that may live on any member and move when one dies, so actors never keep another's address,
 * only its id.
 */
public interface Directory {

    RecipientRef<NodeActor.Command> node(String nodeId);

    RecipientRef<LinkActor.Command> link(String linkId);

    RecipientRef<ClassicalChannel.Command> channel(String linkId);

    RecipientRef<KmeActor.Command> kme(String nodeId);

    RecipientRef<EmulationClock.Command> clock();
}
