package com.paygate.eventing.transition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine's contract, on a toy machine: what it writes, in which order, and what it refuses. */
class TransitionEngineTest {

    enum Light { RED, GREEN, BROKEN }

    enum Push { GO, STOP, SMASH }

    static final class Lamp {
        String id = "L1";
        Light state = Light.RED;
        String note;
    }

    static final TransitionTable<Light, Push> TABLE = TransitionTable.of("lamp", Light.class, Push.class)
            .allow(Light.RED, Push.GO, Light.GREEN)
            .allow(Light.GREEN, Push.STOP, Light.RED)
            .allow(Light.RED, Push.SMASH, Light.BROKEN)
            .allow(Light.GREEN, Push.SMASH, Light.BROKEN)
            .build();

    final List<String> steps = new ArrayList<>();
    final List<Transition<Light, Push>> audit = new ArrayList<>();
    final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

    TransitionEngine<Lamp, Light, Push> engine(boolean writeFails) {
        return TransitionEngine.<Lamp, Light, Push>builder(TABLE)
                .entity(l -> l.id, l -> l.state)
                .enter((l, t) -> {
                    steps.add("enter " + t.to());
                    l.state = t.to();
                })
                .write(l -> {
                    steps.add("write");
                    return writeFails ? Uni.createFrom().failure(new IllegalStateException("version conflict"))
                            : Uni.createFrom().voidItem();
                })
                .audit(t -> {
                    steps.add("audit");
                    audit.add(t);
                    return Uni.createFrom().voidItem();
                })
                .effects((l, t) -> {
                    steps.add("event " + t.to());
                    return Uni.createFrom().voidItem();
                })
                .metrics(metrics, null)
                .build();
    }

    @Test
    void anAllowedMoveChangesTheEntityThenWritesAuditsAndAnnouncesInThatOrder() {
        Lamp lamp = new Lamp();
        TransitionOutcome outcome = engine(false).apply(lamp, Push.GO, "TEST", "why", (l, t) -> {
            steps.add("changes");
            l.note = "changed";
        }).await().indefinitely();

        assertEquals(TransitionOutcome.APPLIED, outcome);
        assertEquals(Light.GREEN, lamp.state);
        assertEquals("changed", lamp.note);
        assertEquals(List.of("changes", "enter GREEN", "write", "audit", "event GREEN"), steps);
        Transition<Light, Push> row = audit.get(0);
        assertEquals(List.of("L1", Light.RED, Light.GREEN, Push.GO, "TEST", "why"),
                List.of(row.key(), row.from(), row.to(), row.trigger(), row.source(), row.reason()));
        assertEquals(1.0, metrics.counter("lamp.transitions", "to", "GREEN", "source", "TEST").count());
    }

    @Test
    void aForbiddenMoveChangesAndWritesNothingAndIsCounted() {
        Lamp lamp = new Lamp();
        lamp.state = Light.BROKEN;
        TransitionOutcome outcome = engine(false).apply(lamp, Push.GO, "TEST", null, (l, t) -> l.note = "changed")
                .await().indefinitely();

        assertEquals(TransitionOutcome.ILLEGAL, outcome);
        assertEquals(Light.BROKEN, lamp.state);
        assertNull(lamp.note);
        assertTrue(steps.isEmpty(), steps.toString());
        assertEquals(1.0, metrics.counter("lamp.transitions.rejected", "from", "BROKEN", "trigger", "GO").count());
    }

    @Test
    void applyOrFailTurnsAForbiddenMoveIntoADomainFailureWithoutAnHttpStatus() {
        Lamp lamp = new Lamp();
        IllegalTransitionException e = assertThrows(IllegalTransitionException.class,
                () -> engine(false).applyOrFail(lamp, Push.STOP, "TEST", null, (l, t) -> { }).await().indefinitely());
        assertEquals(Light.RED, e.from());
        assertEquals(Push.STOP, e.trigger());
        assertEquals("Lamp L1 is RED; STOP is not allowed in that state", e.getMessage());
        assertTrue(steps.isEmpty());
    }

    @Test
    void aFailedWriteStopsBeforeTheAuditRowAndTheEvent() {
        Lamp lamp = new Lamp();
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> engine(true).apply(lamp, Push.GO, "TEST", null, (l, t) -> { }).await().indefinitely());
        assertInstanceOf(IllegalStateException.class, e);
        assertEquals(List.of("enter GREEN", "write"), steps);
        assertTrue(audit.isEmpty());
    }

    @Test
    void aReportedMachineTreatsItsOwnStateAsUnchangedAndEverythingUnlistedAsIllegal() {
        TransitionTable<Light, Light> reported = TransitionTable.reported("lamp", Light.class)
                .allow(Light.RED, Light.GREEN, Light.BROKEN)
                .allow(Light.GREEN, Light.RED)
                .build();
        for (Light s : Light.values()) {
            assertEquals(s, reported.target(s, s).orElseThrow(), "staying in " + s);
        }
        assertEquals(Map.of(Light.RED, Light.RED, Light.GREEN, Light.GREEN, Light.BROKEN, Light.BROKEN),
                reported.movesFrom(Light.RED));
        assertFalse(reported.allows(Light.BROKEN, Light.RED), "BROKEN is final");
        assertFalse(reported.allows(Light.GREEN, Light.BROKEN));

        TransitionEngine<Lamp, Light, Light> engine = TransitionEngine.<Lamp, Light, Light>builder(reported)
                .entity(l -> l.id, l -> l.state)
                .enter((l, t) -> l.state = t.to())
                .audit(t -> {
                    audit.add(null);
                    return Uni.createFrom().voidItem();
                })
                .metrics(metrics, null)
                .build();
        Lamp lamp = new Lamp();
        assertEquals(TransitionOutcome.UNCHANGED, engine.apply(lamp, Light.RED, "TEST", null, (l, t) -> l.note = "x").await().indefinitely());
        assertNull(lamp.note, "no changes for a report of the state we are in");
        assertTrue(audit.isEmpty());
    }

    @Test
    void aMoveListedTwiceWithDifferentTargetsIsATableError() {
        assertThrows(IllegalStateException.class, () -> TransitionTable.of("lamp", Light.class, Push.class)
                .allow(Light.RED, Push.GO, Light.GREEN)
                .allow(Light.RED, Push.GO, Light.BROKEN));
    }
}
