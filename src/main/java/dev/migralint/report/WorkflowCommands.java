package dev.migralint.report;

/**
 * GitHub Actions workflow commands ({@code ::error file=...::message}), escaped as the Actions toolkit does: in the
 * message {@code %}, CR and LF; in properties also {@code :} and {@code ,}. A migration that puts a line break or
 * {@code ::} in an identifier therefore cannot start a command of its own.
 */
public final class WorkflowCommands {
    private WorkflowCommands() {
    }

    public static String escapeData(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    public static String escapeProperty(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A").replace(":", "%3A").replace(",", "%2C");
    }
}
