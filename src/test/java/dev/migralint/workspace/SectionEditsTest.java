package dev.migralint.workspace;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Liquibase's changesets judged one by one, as Liquibase 4.33 does (each is known by id, author and file; its checksum
 * ignores white space, the --changeset line's attributes and the rollback lines, checked with liquibase-core's
 * ChangeSet.generateCheckSum). The cases are epam/edp-ddm-citus's edits of platform-db/changesets.
 */
class SectionEditsTest {
    private static final RunnerDescriptor LIQUIBASE = Runners.bundled().find("liquibase");
    private static final String BASE = """
            --liquibase formatted sql
            --changeset platform:publication-analytical_pub context:"pub"
            -- Publication for Logical replication
            CREATE PUBLICATION analytical_pub WITH (publish = 'insert, update, delete, truncate');

            --changeset platform:recreate-logical-slot context:"pub"
            SELECT pg_catalog.pg_drop_replication_slot('operational_sub');
            --rollback SELECT 1;

            --changeset platform:f_like_escape splitStatements:false runOnChange:true
            CREATE OR REPLACE FUNCTION f_like_escape(text) RETURNS text LANGUAGE sql AS $$ SELECT $1 $$;
            SELECT create_distributed_function('f_like_escape(text)');

            --changeset platform:subscription runInTransaction:false
            --validCheckSum: ANY
            CREATE SUBSCRIPTION operational_sub CONNECTION 'dbname=x' PUBLICATION analytical_pub;""";

    private static SectionEdits edits(String now) {
        return SectionEdits.of(LIQUIBASE, BASE, now);
    }

    @Test
    void addingChangesetsOrChangingWhatTheChecksumIgnoresEditsNoAppliedOne() {
        // 2051bc05 and a4a286da: a changeset appended (the last line only gains its newline).
        SectionEdits added = edits(BASE + "\n\n--changeset platform:grant context:\"pub\"\nGRANT CONNECT ON DATABASE x TO y;\n");
        assertFalse(added.touchesApplied(), added.toString());
        // 2a97af8e: the context of a changeset; white space; a rollback line.
        SectionEdits same = edits(BASE.replace("--changeset platform:recreate-logical-slot context:\"pub\"",
                        "--changeset platform:recreate-logical-slot context:\"pub and !template\"")
                .replace("CREATE PUBLICATION analytical_pub WITH", "CREATE PUBLICATION   analytical_pub\n    WITH")
                .replace("--rollback SELECT 1;", "--rollback SELECT 2;"));
        assertFalse(same.touchesApplied(), same.toString());
        // 112c032e: a runOnChange changeset edited is run again.
        SectionEdits rerun = edits(BASE.replace("SELECT create_distributed_function('f_like_escape(text)');\n", ""));
        assertFalse(rerun.touchesApplied(), rerun.toString());
        assertEquals(List.of("platform:f_like_escape"), rerun.rerun());
        // Not a Liquibase file's runner: no section is a migration.
        assertNull(SectionEdits.of(Runners.bundled().find("goose"), BASE, BASE + "\n"));
    }

    @Test
    void editedRemovedAndAcceptedChangesets() {
        // A comment counts in Liquibase's checksum: the changeset is edited, and Liquibase stops the update.
        String commented = BASE.replace("SELECT pg_catalog.pg_drop_replication_slot", "-- slot\nSELECT pg_catalog.pg_drop_replication_slot");
        SectionEdits edited = edits(commented);
        assertEquals(List.of("platform:recreate-logical-slot"), edited.edited());
        assertTrue(edited.refused());
        assertEquals(7, edited.firstLine());
        // 112c032e's 00080_subscription.sql: under --validCheckSum: ANY the edit is accepted, and drifts.
        SectionEdits accepted = edits(BASE.replace("'dbname=x'", "'dbname=x password=y'"));
        assertEquals(List.of("platform:subscription"), accepted.accepted());
        assertTrue(accepted.touchesApplied());
        assertFalse(accepted.refused());
        // 112c032e's 00090_registry-schema.sql: changesets removed stay applied where they ran.
        SectionEdits removed = edits(BASE.substring(0, BASE.indexOf("--changeset platform:recreate-logical-slot")));
        assertEquals(List.of("platform:recreate-logical-slot", "platform:f_like_escape", "platform:subscription"),
                removed.removed());
        assertFalse(removed.refused());
        assertTrue(removed.lines() > 0);
    }

    @Test
    void theWordAfterTheMarkerIsTheId() {
        assertEquals("ann:3", SectionEdits.firstWordAfterMarker("--changeset ann:3 runOnChange:true", "--changeset"));
        assertEquals("ann:3", SectionEdits.firstWordAfterMarker("-- changeset ann:3", "--changeset"));
        assertEquals("ann:3", SectionEdits.firstWordAfterMarker("--ChangeSet ann:3", "--changeset"));
    }
}
