package dev.migralint.fix;

/** The line break a file mostly uses, so that inserted lines match it. */
public final class LineEndings {
    private LineEndings() {
    }

    /** "\r\n" when CRLF breaks outnumber bare LF ones, "\r" for old Mac files, else "\n" (also for files without breaks). */
    public static String dominant(String text) {
        int crlf = 0;
        int lf = 0;
        int cr = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    crlf++;
                    i++;
                } else {
                    cr++;
                }
            } else if (c == '\n') {
                lf++;
            }
        }
        if (crlf > lf && crlf >= cr) {
            return "\r\n";
        }
        if (cr > lf && cr > crlf) {
            return "\r";
        }
        return "\n";
    }
}
