package dev.migralint.workspace;

import dev.migralint.config.BinaryIn;
import dev.migralint.config.BinaryOut;
import dev.migralint.workspace.RunnerDescriptor.Change;
import dev.migralint.workspace.RunnerDescriptor.Detect;
import dev.migralint.workspace.RunnerDescriptor.Directive;
import dev.migralint.workspace.RunnerDescriptor.Section;
import dev.migralint.workspace.RunnerDescriptor.SideFile;
import dev.migralint.workspace.RunnerDescriptor.Source;
import dev.migralint.workspace.RunnerDescriptor.StatementBlock;
import dev.migralint.workspace.RunnerDescriptor.VersionFrom;
import dev.migralint.workspace.RunnerDescriptor.Wrapping;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A loaded runner descriptor in the build's runner index ({@link Runners#INDEX}), field by field in the record's
 * order, so that a run gets the bundled descriptors without parsing their YAML. The YAML stays the source: the build
 * loads each file through {@link RunnerLoader} and writes what it gave.
 */
final class RunnerCodec {
    private RunnerCodec() {
    }

    static void write(BinaryOut out, RunnerDescriptor d) throws IOException {
        out.string(d.id());
        out.string(d.name());
        out.strings(d.aliases());
        out.writeInt(d.order());
        out.writeInt(d.detect().size());
        for (Detect x : d.detect()) {
            out.strings(x.text());
            out.strings(x.paths());
            out.strings(x.markers());
            out.string(x.manifest());
            out.strings(x.contains());
        }
        out.string(d.wrapping().id());
        out.string(d.assumption());
        out.writeInt(d.sections().size());
        for (Section s : d.sections()) {
            out.string(s.marker());
            out.string(s.direction());
            out.string(s.noTransaction());
            out.writeBoolean(s.inline());
            out.writeBoolean(s.migration());
            out.strings(s.rerunsOnChange());
            out.string(s.editAccepted());
        }
        out.strings(d.downFiles());
        out.strings(d.verifyFiles());
        out.writeInt(d.directives().size());
        for (Directive x : d.directives()) {
            out.string(x.comment());
            out.string(x.scope());
        }
        out.strings(d.noTransactionFiles());
        out.writeInt(d.sideFiles().size());
        for (SideFile f : d.sideFiles()) {
            out.string(f.path());
            out.string(f.search());
            out.string(f.format());
            out.string(f.key());
            out.string(f.off());
            out.string(f.setting());
        }
        out.writeBoolean(d.verifiesChecksums());
        out.writeInt(d.versionFrom().size());
        for (VersionFrom v : d.versionFrom()) {
            out.string(v.file());
            out.strings(v.packages());
        }
        out.string(d.defaultVersion());
        out.writeInt(d.changes().size());
        for (Change c : d.changes()) {
            out.string(c.since());
            out.strings(c.statements());
            out.string(c.effect());
            out.writeInt(c.untilPostgres());
            out.string(c.unless());
            out.string(c.says());
        }
        out.writeBoolean(d.perDirectory());
        out.writeInt(d.sources().size());
        for (Source s : d.sources()) {
            out.string(s.fact());
            out.string(s.source());
        }
        out.string(d.file());
        out.writeBoolean(d.unwrappedOneQuery());
        out.writeBoolean(d.statementBlock() != null);
        if (d.statementBlock() != null) {
            out.string(d.statementBlock().begin());
            out.string(d.statementBlock().end());
        }
        out.writeBoolean(d.keysByVersion());
        out.string(d.migrationOrder());
        out.strings(d.runsNames());
        out.writeBoolean(d.reportsSkipped());
    }

    static RunnerDescriptor read(BinaryIn in) throws IOException {
        String id = in.string();
        String name = in.string();
        List<String> aliases = in.strings();
        int order = in.readInt();
        List<Detect> detect = new ArrayList<>();
        for (int n = in.count(); n > 0; n--) {
            detect.add(new Detect(in.strings(), in.strings(), in.strings(), in.string(), in.strings()));
        }
        Wrapping wrapping = Wrapping.parse(in.string());
        if (wrapping == null) {
            throw new IOException("unknown transaction wrapping in the runner index");
        }
        String assumption = in.string();
        List<Section> sections = new ArrayList<>();
        for (int n = in.count(); n > 0; n--) {
            sections.add(new Section(in.string(), in.string(), in.string(), in.readBoolean(), in.readBoolean(),
                    in.strings(), in.string()));
        }
        List<String> downFiles = in.strings();
        List<String> verifyFiles = in.strings();
        List<Directive> directives = new ArrayList<>();
        for (int n = in.count(); n > 0; n--) {
            directives.add(new Directive(in.string(), in.string()));
        }
        List<String> noTransactionFiles = in.strings();
        List<SideFile> sideFiles = new ArrayList<>();
        for (int n = in.count(); n > 0; n--) {
            sideFiles.add(new SideFile(in.string(), in.string(), in.string(), in.string(), in.string(), in.string()));
        }
        boolean verifiesChecksums = in.readBoolean();
        List<VersionFrom> versionFrom = new ArrayList<>();
        for (int n = in.count(); n > 0; n--) {
            versionFrom.add(new VersionFrom(in.string(), in.strings()));
        }
        String defaultVersion = in.string();
        List<Change> changes = new ArrayList<>();
        for (int n = in.count(); n > 0; n--) {
            changes.add(new Change(in.string(), in.strings(), in.string(), in.readInt(), in.string(), in.string()));
        }
        boolean perDirectory = in.readBoolean();
        List<Source> sources = new ArrayList<>();
        for (int n = in.count(); n > 0; n--) {
            sources.add(new Source(in.string(), in.string()));
        }
        String file = in.string();
        boolean unwrappedOneQuery = in.readBoolean();
        StatementBlock block = in.readBoolean() ? new StatementBlock(in.string(), in.string()) : null;
        boolean keysByVersion = in.readBoolean();
        String migrationOrder = in.string();
        List<String> runsNames = in.strings();
        boolean reportsSkipped = in.readBoolean();
        return new RunnerDescriptor(id, name, aliases, order, detect, wrapping, assumption, sections, downFiles,
                verifyFiles, directives, noTransactionFiles, sideFiles, verifiesChecksums, versionFrom, defaultVersion,
                changes, perDirectory, sources, file, unwrappedOneQuery, block, keysByVersion, migrationOrder, runsNames,
                reportsSkipped);
    }
}
