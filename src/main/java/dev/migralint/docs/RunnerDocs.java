package dev.migralint.docs;

import dev.migralint.config.Version;
import dev.migralint.workspace.RunnerDescriptor.Change;
import dev.migralint.workspace.RunnerDescriptor.Detect;
import dev.migralint.workspace.RunnerDescriptor.Directive;
import dev.migralint.workspace.RunnerDescriptor.Section;
import dev.migralint.workspace.RunnerDescriptor.SideFile;
import dev.migralint.workspace.RunnerDescriptor.Source;
import dev.migralint.workspace.RunnerDescriptor.VersionFrom;
import dev.migralint.workspace.RunnerDescriptor;
import dev.migralint.workspace.Runners;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** docs/runners.md: what migralint assumes about each runner and why, generated from runners/*.yml. */
public final class RunnerDocs {
    private RunnerDocs() {
    }

    public static String reference(Runners runners) {
        StringBuilder b = new StringBuilder();
        b.append("# Migration runners\n\n");
        b.append("<!-- Generated from runners/*.yml by bin/update-docs; edit the descriptors, not this file. -->\n\n");
        b.append("migralint decides how each migration file runs from its runner: whether the runner wraps it (or each of its\n");
        b.append("sections) in a transaction, what turns that off, which files and sections are rollbacks, and whether an edited\n");
        b.append("applied migration stops a deploy. Each runner is described in one file under `runners/`; a project can describe\n");
        b.append("its own under `runners:` in `.migralint.yml` in the same format, and set the runner's version with\n");
        b.append("`runner-version:` when migralint cannot find it. Findings say which runner and version were assumed.\n");
        b.append("A directive in `no-transaction:` applies to the whole file (`scope: file`, the default), only as its first\n");
        b.append("line (`first-line`, `first-line-after-headers`), or to one statement (`scope: statement`: a comment line\n");
        b.append("before it, for a runner that sends such statements on their own while the rest of the file runs in its\n");
        b.append("transaction).\n\n");
        List<RunnerDescriptor> sorted = new ArrayList<>(runners.inDetectionOrder());
        sorted.sort(Comparator.comparing(RunnerDescriptor::id));
        b.append("| Runner | Transaction | Down / rollback | Turns the transaction off | Verifies checksums |\n");
        b.append("|---|---|---|---|---|\n");
        for (RunnerDescriptor d : sorted) {
            b.append("| [").append(d.name()).append("](#").append(d.id()).append(") | ").append(d.wrapping().id())
                    .append(" | ").append(cell(downs(d))).append(" | ").append(cell(offs(d))).append(" | ")
                    .append(d.verifiesChecksums() ? "yes" : "no").append(" |\n");
        }
        b.append("\nTransaction: `wrapped` — the runner opens a transaction around each file (or section); `one-query` — it\n");
        b.append("sends the file as one query string, which Postgres runs as one implicit transaction when it holds several\n");
        b.append("statements; `all-pending` — every pending migration runs in one transaction; `none` — statements run one by one\n");
        b.append("unless the file says BEGIN.\n");
        for (RunnerDescriptor d : sorted) {
            b.append("\n## ").append(d.id()).append("\n\n");
            b.append("**").append(d.name()).append("**").append(d.aliases().isEmpty() ? "" : " (also: `"
                    + String.join("`, `", d.aliases()) + "`)").append(". ").append(d.assumption()).append(".\n\n");
            if (!d.detect().isEmpty()) {
                b.append("- Found by: ");
                List<String> ways = new ArrayList<>();
                for (Detect w : d.detect()) {
                    ways.add(detect(w));
                }
                b.append(String.join("; or ", ways)).append(" (tried in order ").append(d.order()).append(").\n");
            } else {
                b.append("- Used when no other runner is recognised.\n");
            }
            if (!d.sections().isEmpty()) {
                List<String> s = new ArrayList<>();
                for (Section sec : d.sections()) {
                    s.add("`" + sec.marker() + "` " + (sec.inline() ? "lines hold the SQL of a " + sec.direction()
                            + " section (consecutive lines are one; the section they interrupt resumes after them)"
                            : "starts a " + sec.direction() + " section")
                            + (sec.noTransaction() == null ? "" : " (`" + sec.noTransaction() + "` on it turns its transaction off)"));
                }
                b.append("- Sections (markers compared without case and white space): ").append(String.join("; ", s))
                        .append(". Each section is its own transaction unit.\n");
            }
            if (!d.downFiles().isEmpty()) {
                b.append("- Down (rollback) files: `").append(String.join("`, `", d.downFiles())).append("`.\n");
            }
            if (!d.runsNames().isEmpty()) {
                b.append("- Files it applies (names matching `").append(String.join("`, `", d.runsNames()))
                        .append("`); it skips any other file without an error").append(d.reportsSkipped()
                                ? " (`runner-skips-file`).\n"
                                : "; a directory where it would apply none is not its.\n");
            }
            if (!d.verifyFiles().isEmpty()) {
                b.append("- Verify scripts (direction `verify`): `").append(String.join("`, `", d.verifyFiles())).append("`.\n");
            }
            for (Directive dir : d.directives()) {
                b.append("- In-file directive `").append(dir.comment()).append("`")
                        .append(dir.scope().equals("first-line") ? " as the first line"
                                : dir.scope().equals("first-line-after-headers") ? " as the first line after the --! headers"
                                : dir.scope().equals("statement") ? " on a line before a statement"
                                : " anywhere in the file")
                        .append(dir.scope().equals("statement") ? " runs that statement outside the transaction.\n"
                                : " turns the transaction off.\n");
            }
            for (String g : d.noTransactionFiles()) {
                b.append("- Files named `").append(g).append("` run without a transaction.\n");
            }
            for (SideFile s : d.sideFiles()) {
                if (s.key() == null) {
                    b.append("- `").append(s.path()).append("` is checked: a line that does not parse is reported.\n");
                } else {
                    b.append("- Side file `").append(s.path()).append("` (").append(s.format())
                            .append(s.search().equals("ancestors") ? ", in the migration's directory or above" : ", beside the migration")
                            .append("): `").append(s.key()).append(" = ").append(s.off())
                            .append(s.setting().equals(SideFile.TRANSACTION)
                                    ? "` turns the transaction off; a file that does not parse is reported and the default assumed.\n"
                                    : "` sets `" + s.setting() + "`, which lifts the change below that names it.\n");
                }
            }
            for (Section sec : d.sections()) {
                if (sec.migration()) {
                    b.append("- Each `").append(sec.marker()).append("` section is a migration of its own, known by the"
                            + " word after the marker: an edit that only adds sections adds migrations, and an edited or"
                            + " removed section is what the history rules judge");
                    if (!sec.rerunsOnChange().isEmpty()) {
                        b.append("; with `").append(String.join("` or `", sec.rerunsOnChange()))
                                .append("` on its marker the runner runs an edited section again");
                    }
                    if (sec.editAccepted() != null) {
                        b.append("; a `").append(sec.editAccepted())
                                .append("` line in it makes the runner accept an edit, which then only drifts");
                    }
                    b.append(".\n");
                }
            }
            b.append("- Edited applied migrations: ").append(d.verifiesChecksums()
                    ? "the runner verifies checksums and refuses to deploy." : "the runner does not verify checksums; history only drifts.")
                    .append('\n');
            b.append("- Renamed applied migrations: ").append(d.keysByVersion()
                    ? "the runner knows an applied migration by its version alone (`keys-by-version`), so renaming the"
                    + " rest of its name changes nothing." : "the runner knows an applied migration by more than its"
                    + " version, so a rename is a new migration to it.").append('\n');
            if (d.migrationOrder().equals("name")) {
                b.append("- Order: the migrations' names compared as text (`migration-order: name`), not their numbers.\n");
            } else if (d.migrationOrder().equals("version-text")) {
                b.append("- Order: the version (the name up to its first `_`, without `-`) compared as text"
                        + " (`migration-order: version-text`), not as numbers.\n");
            }
            if (d.statementBlock() != null) {
                b.append("- `").append(d.statementBlock().begin()).append("` … `").append(d.statementBlock().end())
                        .append("`: the lines between are sent as one query string; without the runner's transaction,"
                                + " several statements there run as one implicit transaction.\n");
            }
            if (!d.versionFrom().isEmpty()) {
                List<String> v = new ArrayList<>();
                for (VersionFrom f : d.versionFrom()) {
                    v.add("`" + String.join("`/`", f.packages()) + "` in " + f.file());
                }
                b.append("- Version read from: ").append(String.join(", ", v))
                        .append(d.defaultVersion() == null ? "" : "; assumed " + d.defaultVersion() + " when none is found").append(".\n");
            }
            for (Change c : d.changes()) {
                b.append("- ").append(c.since() == null ? "Always" : "Since " + c.since()).append(c.untilPostgres() > 0
                        ? " (Postgres before " + c.untilPostgres() + ")" : "").append(": ").append(c.says()).append(" — `")
                        .append(String.join("`, `", c.statements())).append("`")
                        .append(switch (c.effect()) {
                            case "file" -> " (the whole file then runs without a transaction)";
                            case "refuse-mixed" -> " (beside any other statement the runner refuses the file)";
                            case "lock-wait" -> " (the statement waits forever on the runner's own transaction)";
                            default -> "";
                        })
                        .append(c.unless() == null ? "" : "; not when `" + c.unless() + "` is set").append(".\n");
            }
            if (!d.sources().isEmpty()) {
                b.append("\nSources:\n\n");
                for (Source s : d.sources()) {
                    b.append("- ").append(s.fact()).append(": ").append(s.source()).append('\n');
                }
            }
        }
        return b.toString();
    }

    private static String detect(Detect w) {
        List<String> parts = new ArrayList<>();
        if (!w.paths().isEmpty()) {
            parts.add("path `" + String.join("` or `", w.paths()) + "`");
        }
        if (!w.text().isEmpty()) {
            parts.add("text clue " + String.join(" or ", w.text()));
        }
        if (!w.markers().isEmpty()) {
            parts.add("`" + String.join("` or `", w.markers()) + "` nearby");
        }
        if (w.manifest() != null) {
            parts.add("`" + w.manifest() + "` naming `" + String.join("` or `", w.contains()) + "`"
                    + (String.join("", w.contains()).contains("{stem}") ? " ({stem}: the file's name without .sql)" : ""));
        }
        return String.join(" with ", parts);
    }

    private static String downs(RunnerDescriptor d) {
        List<String> out = new ArrayList<>();
        for (Section s : d.sections()) {
            if (s.direction().equals("down")) {
                out.add("section `" + s.marker() + "`");
            }
        }
        for (String g : d.downFiles()) {
            out.add("`" + g + "`");
        }
        return out.isEmpty() ? "—" : String.join(", ", out);
    }

    private static String offs(RunnerDescriptor d) {
        List<String> out = new ArrayList<>();
        for (Directive dir : d.directives()) {
            out.add("`" + dir.comment() + "`");
        }
        for (Section s : d.sections()) {
            if (s.noTransaction() != null && !out.contains("`" + s.noTransaction() + "`")) {
                out.add("`" + s.noTransaction() + "`");
            }
        }
        for (SideFile s : d.sideFiles()) {
            if (s.key() != null && s.setting().equals(SideFile.TRANSACTION)) {
                out.add("`" + s.key() + "` in " + s.path());
            }
        }
        for (String g : d.noTransactionFiles()) {
            out.add("`" + g + "`");
        }
        for (Change c : d.changes()) {
            if (!c.effect().equals("file") && !c.effect().equals("statement")) {
                continue; // refusals and lock waits turn nothing off
            }
            String what = c.effect().equals("file") ? "statements that cannot run in a transaction" : "some statements run alone";
            String item = (c.since() == null ? "" : "≥ " + c.since() + ": ") + what;
            if (!out.contains(item)) {
                out.add(item);
            }
        }
        return out.isEmpty() ? "—" : String.join(", ", out);
    }

    private static String cell(String s) {
        return s.replace("|", "\\|");
    }
}
