package dev.migralint.cli;

import dev.migralint.config.Config;
import dev.migralint.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TrainingTest {
    /** A training run that failed on its own configuration would archive the error path, not a lint's classes. */
    @Test
    void theTrainingConfigurationIsValid(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve(ConfigLoader.FILE_NAME), Training.CONFIG);
        Config c = ConfigLoader.load(file);
        assertEquals(16, c.postgresVersion());
    }
}
