package dev.migralint.workspace;

import dev.migralint.config.BuildInputs;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.InvalidClassException;
import java.io.ObjectOutputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BundledRunnerIndexTest {
    /** The index the build wrote holds exactly what the YAML says today. */
    @Test
    void theBuildIndexMatchesTheYaml() throws Exception {
        List<RunnerDescriptor> fromIndex = BundledRunnerIndex.read();
        assertNotNull(fromIndex, "no current runner index in target/classes (mvn process-classes writes it)");
        assertEquals(BundledRunnerIndex.parsed(Runners.bundledTexts()), fromIndex);
        assertEquals(18, fromIndex.size(), "one descriptor per runners/*.yml");
    }

    @Test
    void aRoundTripKeepsEveryField() throws Exception {
        List<RunnerDescriptor> parsed = BundledRunnerIndex.parsed(Runners.bundledTexts());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BundledRunnerIndex.write(new DataOutputStream(bytes), new BuildInputs(List.of(), List.of()), parsed);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        in.readInt();
        in.readInt();
        BuildInputs.read(in);
        assertEquals(parsed, BundledRunnerIndex.descriptors(in));
    }

    /** Only descriptor records are constructed from the index. */
    @Test
    void otherClassesAreRefused() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new java.util.ArrayList<>(List.of(new java.util.Date())));
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        assertThrows(InvalidClassException.class, () -> BundledRunnerIndex.descriptors(in));
    }
}
