package com.paygate.eventing.transition;

/** What {@link TransitionEngine#apply} did. */
public enum TransitionOutcome {
    /** The state changed; the audit row and the change's events are written in the same transaction. */
    APPLIED,
    /** The entity is already in the state the trigger leads to; nothing written. */
    UNCHANGED,
    /** The table does not allow it; nothing written, logged and counted. */
    ILLEGAL
}
