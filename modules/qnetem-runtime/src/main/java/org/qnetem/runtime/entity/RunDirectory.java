package org.qnetem.runtime.entity;

import org.apache.pekko.actor.typed.ActorRef;
import org.qnetem.runtime.clock.EmulationClock;

/** A run's directory as its guardian holds it: the clock is spawned after the directory, then set here. */
public interface RunDirectory extends Directory {

    void setClock(ActorRef<EmulationClock.Command> clock);
}
