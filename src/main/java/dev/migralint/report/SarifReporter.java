package dev.migralint.report;

import dev.migralint.config.Severity;
import dev.migralint.rules.FileResult;
import dev.migralint.rules.Finding;
import dev.migralint.rules.Rule;
import dev.migralint.rules.RunResult;
import dev.migralint.sql.LineIndex;
import dev.migralint.sql.SourceFile;
import dev.migralint.sql.Span;
import com.contrastsecurity.sarif.ArtifactChange;
import com.contrastsecurity.sarif.ArtifactContent;
import com.contrastsecurity.sarif.ArtifactLocation;
import com.contrastsecurity.sarif.Fix;
import com.contrastsecurity.sarif.Invocation;
import com.contrastsecurity.sarif.Location;
import com.contrastsecurity.sarif.Message;
import com.contrastsecurity.sarif.MultiformatMessageString;
import com.contrastsecurity.sarif.Notification;
import com.contrastsecurity.sarif.OriginalUriBaseIds;
import com.contrastsecurity.sarif.PartialFingerprints;
import com.contrastsecurity.sarif.PhysicalLocation;
import com.contrastsecurity.sarif.PropertyBag;
import com.contrastsecurity.sarif.Region;
import com.contrastsecurity.sarif.Replacement;
import com.contrastsecurity.sarif.ReportingConfiguration;
import com.contrastsecurity.sarif.ReportingDescriptor;
import com.contrastsecurity.sarif.ReportingDescriptorReference;
import com.contrastsecurity.sarif.Result;
import com.contrastsecurity.sarif.Run;
import com.contrastsecurity.sarif.SarifSchema210;
import com.contrastsecurity.sarif.Suppression;
import com.contrastsecurity.sarif.Tool;
import com.contrastsecurity.sarif.ToolComponent;
import com.contrastsecurity.sarif.VersionControlDetails;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * SARIF 2.1.0 (one run) for code scanning: every enabled rule with its documentation, one result per finding with a
 * stable fingerprint, inline ignores as suppressions, available fixes as replacements, and what could not be analysed
 * as tool execution notifications. Paths are relative to {@code %SRCROOT%}, the configuration root.
 */
public final class SarifReporter implements Reporter {
    public static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    public static final String SRCROOT = "%SRCROOT%";
    /** Snippets longer than this are left out: a statement is rarely longer, a generated blob often is. */
    static final int MAX_SNIPPET = 2000;
    /** The statement around it is shown up to this length (big CREATE TABLEs would double the log's size). */
    static final int MAX_CONTEXT_SNIPPET = 400;
    private static final Pattern SEMVER = Pattern.compile("\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z.-]+)?(?:\\+[0-9A-Za-z.-]+)?");

    private final Reporters.Options options;
    /** The directory %SRCROOT% stands for: the CI checkout when the root lies in one, else the root. */
    private final Path srcRoot;
    /** The CI variable naming the checkout %SRCROOT% stands for, or null when it is just the root. */
    private final String workspaceVariable;

    public SarifReporter(Reporters.Options options) {
        this.options = options;
        String variable = null;
        Path base = options.root();
        for (String v : List.of(GitHubReporter.WORKSPACE_VARIABLE, GitLabReporter.WORKSPACE_VARIABLE)) {
            Path ws = workspace(options, v);
            if (ws != null) {
                variable = v;
                base = ws;
                break;
            }
        }
        this.srcRoot = base;
        this.workspaceVariable = variable;
    }

    /**
     * The CI checkout named by the variable when the root lies inside it. Code scanning resolves paths against the
     * repository root, so there they are made relative to the checkout rather than to the configuration's directory.
     */
    private static Path workspace(Reporters.Options options, String variable) {
        String ws = options.env().get(variable);
        if (ws == null || ws.isBlank() || options.root() == null) {
            return null;
        }
        try {
            Path p = Path.of(ws).toAbsolutePath().normalize();
            return options.root().toAbsolutePath().normalize().startsWith(p) ? p : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    @Override
    public void write(RunResult result, PrintWriter out) {
        ObjectMapper mapper = new ObjectMapper(JsonEscapes.factory())
                .setSerializationInclusion(JsonInclude.Include.NON_EMPTY)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .addMixIn(Result.class, ExplicitLevel.class)
                .addMixIn(ReportingConfiguration.class, ExplicitLevel.class);
        try {
            mapper.writeValue(new NonClosingWriter(out), build(result));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println();
        out.flush();
    }

    /**
     * java-sarif leaves out properties that equal their schema default ({@code NON_DEFAULT}), so a "warning" level
     * would vanish; readers should not have to know the default, so levels are always written.
     */
    abstract static class ExplicitLevel {
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @JsonProperty("level")
        abstract Object getLevel();
    }

    /** The SARIF log as java-sarif's model. */
    public SarifSchema210 build(RunResult result) {
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        List<ReportingDescriptor> descriptors = new ArrayList<>();
        for (Rule r : options.rules()) {
            if (!ruleIndex.containsKey(r.id())) {
                ruleIndex.put(r.id(), descriptors.size());
                descriptors.add(descriptor(r));
            }
        }
        // A finding from a rule the caller did not list still needs a descriptor for its ruleIndex.
        for (Finding f : result.findings()) {
            if (!ruleIndex.containsKey(f.ruleId())) {
                ruleIndex.put(f.ruleId(), descriptors.size());
                descriptors.add(bareDescriptor(f));
            }
        }

        List<Result> results = new ArrayList<>();
        List<Notification> notifications = new ArrayList<>();
        for (FileResult file : result.files()) {
            Map<Finding, String> fingerprints = Fingerprints.of(file);
            FixSource.PerFile fixes = FixSource.guarded(options.fixes(), file);
            if (!file.loaded().ok()) {
                notifications.add(fileNotification(file, ruleIndex));
            }
            List<Finding> findings = new ArrayList<>(file.findings());
            findings.sort(FindingOrder.BY_POSITION.thenComparing(Finding::ruleId));
            for (Finding f : findings) {
                results.add(result(file, f, ruleIndex.get(f.ruleId()), fingerprints.get(f), fixes));
                if (isParserFinding(f) && file.loaded().ok()) {
                    notifications.add(findingNotification(file, f, ruleIndex));
                }
            }
        }

        ToolComponent driver = new ToolComponent()
                .withName("migralint")
                .withFullName("migralint " + options.toolVersion())
                .withVersion(options.toolVersion())
                .withInformationUri(URI.create(Docs.PROJECT_URL))
                .withRules(new LinkedHashSet<>(descriptors));
        if (SEMVER.matcher(options.toolVersion()).matches()) {
            driver.setSemanticVersion(options.toolVersion());
        }

        Invocation invocation = new Invocation()
                .withExecutionSuccessful(true)
                .withToolExecutionNotifications(notifications);

        Run run = new Run()
                .withTool(new Tool().withDriver(driver))
                .withInvocations(List.of(invocation))
                .withResults(results)
                .withColumnKind(Run.ColumnKind.UTF_16_CODE_UNITS);
        VersionControlDetails vcs = workspaceVariable == null ? null : provenance(options.env());
        if (vcs != null) {
            // %SRCROOT% is the checkout, i.e. the repository root the revision describes.
            vcs.setMappedTo(new ArtifactLocation().withUriBaseId(SRCROOT));
            run.setVersionControlProvenance(new LinkedHashSet<>(List.of(vcs)));
        }
        if (srcRoot != null) {
            OriginalUriBaseIds bases = new OriginalUriBaseIds();
            bases.setAdditionalProperty(SRCROOT, new ArtifactLocation().withUri(ReportPaths.rootUri(srcRoot)));
            run.setOriginalUriBaseIds(bases);
        }
        return new SarifSchema210()
                .with$schema(URI.create(SCHEMA))
                .withVersion(SarifSchema210.Version._2_1_0)
                .withRuns(List.of(run));
    }


    /** The repository and commit, when a CI system says which (GitHub Actions, GitLab CI). */
    static VersionControlDetails provenance(Map<String, String> env) {
        String repo = null;
        String sha = null;
        String branch = null;
        if (env.get("GITHUB_REPOSITORY") != null && env.get("GITHUB_SHA") != null) {
            String server = env.getOrDefault("GITHUB_SERVER_URL", "https://github.com");
            repo = server + "/" + env.get("GITHUB_REPOSITORY");
            sha = env.get("GITHUB_SHA");
            branch = env.get("GITHUB_HEAD_REF") != null && !env.get("GITHUB_HEAD_REF").isBlank()
                    ? env.get("GITHUB_HEAD_REF") : env.get("GITHUB_REF_NAME");
        } else if (env.get("CI_PROJECT_URL") != null && env.get("CI_COMMIT_SHA") != null) {
            repo = env.get("CI_PROJECT_URL");
            sha = env.get("CI_COMMIT_SHA");
            branch = env.get("CI_COMMIT_REF_NAME");
        }
        if (repo == null || !sha.matches("[0-9a-fA-F]{7,64}")) {
            return null;
        }
        try {
            URI uri = new URI(repo);
            if (!uri.isAbsolute() || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))) {
                return null;
            }
            VersionControlDetails v = new VersionControlDetails().withRepositoryUri(uri).withRevisionId(sha);
            if (branch != null && !branch.isBlank()) {
                v.setBranch(branch);
            }
            return v;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------ rules

    private ReportingDescriptor descriptor(Rule r) {
        String help = r.help() == null ? r.summary() : r.help();
        String fullText = plainFirstParagraph(r.description());
        ReportingDescriptor d = new ReportingDescriptor()
                .withId(r.id())
                .withName(ReportRules.pascalName(r.id()))
                .withShortDescription(new MultiformatMessageString().withText(r.summary()))
                .withFullDescription(new MultiformatMessageString()
                        .withText(fullText.isEmpty() ? r.summary() : fullText)
                        .withMarkdown(r.description() == null ? null : r.description().strip()))
                .withHelp(new MultiformatMessageString()
                        .withText(sentence(help) + " See " + Docs.ruleUrl(r.id()) + " for details.")
                        .withMarkdown(options.markdown(r)))
                .withHelpUri(URI.create(Docs.ruleUrl(r.id())))
                .withDefaultConfiguration(new ReportingConfiguration()
                        .withLevel(ReportingConfiguration.Level.fromValue(ReportRules.level(r.severity()))));
        PropertyBag props = new PropertyBag();
        props.setTags(new LinkedHashSet<>(r.tags()));
        if (r.fix() != null) {
            props.setAdditionalProperty("fix", r.fix().name());
        }
        props.setAdditionalProperty("problem.severity", problemSeverity(r.severity()));
        d.setProperties(props);
        return d;
    }

    private static ReportingDescriptor bareDescriptor(Finding f) {
        return new ReportingDescriptor()
                .withId(f.ruleId())
                .withName(ReportRules.pascalName(f.ruleId()))
                .withShortDescription(new MultiformatMessageString().withText(f.ruleId() + "."))
                .withHelpUri(URI.create(Docs.ruleUrl(f.ruleId())))
                .withDefaultConfiguration(new ReportingConfiguration()
                        .withLevel(ReportingConfiguration.Level.fromValue(ReportRules.level(f.severity()))));
    }

    private static String problemSeverity(Severity s) {
        return switch (s) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case NOTICE -> "recommendation";
        };
    }

    /** The first paragraph of a Markdown description, without emphasis or code marks. */
    static String plainFirstParagraph(String markdown) {
        if (markdown == null) {
            return "";
        }
        String first = markdown.strip().split("\\n\\s*\\n", 2)[0];
        return first.replace("**", "").replace("`", "").replaceAll("\\s+", " ").strip();
    }

    static String sentence(String s) {
        String t = s.strip();
        return t.isEmpty() || t.endsWith(".") || t.endsWith("!") || t.endsWith("?") ? t : t + ".";
    }

    // ------------------------------------------------------------------ results

    private Result result(FileResult file, Finding f, int index, String fingerprint, FixSource.PerFile fixes) {
        StringBuilder text = new StringBuilder(sentence(f.message()));
        if (f.lock() != null && f.lock().mode() != null && !"none".equals(f.lock().mode())) {
            text.append(" Lock: ").append(f.lock().mode())
                    .append(f.lock().rewrites() ? " (rewrites the table)" : f.lock().scans() ? " (scans the table)" : "")
                    .append(", blocking ").append(f.lock().blocks()).append('.');
        }
        if (f.help() != null) {
            text.append(" Help: ").append(sentence(f.help()));
        }
        Result r = new Result()
                .withRuleId(f.ruleId())
                .withRuleIndex(index)
                .withLevel(Result.Level.fromValue(ReportRules.level(f.severity())))
                .withMessage(new Message().withText(text.toString()))
                .withLocations(List.of(location(file, f)));
        PartialFingerprints fp = new PartialFingerprints();
        fp.setAdditionalProperty(Fingerprints.KEY, fingerprint);
        r.setPartialFingerprints(fp);
        if (f.suppressed()) {
            // An ignore comment is in the source; a baseline entry lives outside it.
            Suppression s = new Suppression().withKind(f.suppressedBy().baseline()
                    ? Suppression.Kind.EXTERNAL : Suppression.Kind.IN_SOURCE);
            String reason = f.suppressedBy().reason();
            if (reason != null && !reason.isBlank()) {
                s.setJustification(reason.strip());
            }
            r.setSuppressions(new LinkedHashSet<>(List.of(s)));
        }
        Set<Fix> sarifFixes = new LinkedHashSet<>();
        for (SuggestedFix fix : fixes.fixesFor(f)) {
            Fix x = sarifFix(file, fix);
            if (x != null) {
                sarifFixes.add(x);
            }
        }
        if (!sarifFixes.isEmpty()) {
            r.setFixes(sarifFixes);
        }
        PropertyBag props = new PropertyBag();
        if (f.lock() != null && f.lock().mode() != null) {
            Map<String, Object> lock = new LinkedHashMap<>();
            lock.put("mode", f.lock().mode());
            lock.put("blocks", f.lock().blocks());
            lock.put("rewritesTable", f.lock().rewrites());
            lock.put("scansTable", f.lock().scans());
            props.setAdditionalProperty("lock", lock);
        }
        if (f.fix() != null) {
            props.setAdditionalProperty("fix", f.fix().name());
        }
        props.setAdditionalProperty("direction", f.direction());
        r.setProperties(props);
        return r;
    }

    private Location location(FileResult file, Finding f) {
        Region region = new Region().withStartLine(Math.max(1, f.line()));
        if (f.span() != null && f.span().length() > 0) {
            region.setStartColumn(Math.max(1, f.column()));
            region.setEndLine(Math.max(f.line(), f.endLine()));
            region.setEndColumn(Math.max(1, f.endColumn()));
            String snippet = snippet(file, f.span());
            if (snippet != null) {
                region.setSnippet(new ArtifactContent().withText(snippet));
            }
        }
        PhysicalLocation physical = new PhysicalLocation()
                .withArtifactLocation(artifact(f.path()))
                .withRegion(region);
        Region context = contextRegion(file, f);
        if (context != null) {
            physical.setContextRegion(context);
        }
        return new Location().withPhysicalLocation(physical);
    }

    /** The whole statement around the underlined operation, when it is larger and inside the repository. */
    private static Region contextRegion(FileResult file, Finding f) {
        SourceFile src = file.loaded().source();
        Span st = f.statementSpan();
        if (src == null || st == null || f.span() == null || f.span().length() == 0 || st.equals(f.span())
                || !st.contains(f.span()) || st.end() > src.text().length()) {
            return null;
        }
        LineIndex lines = src.lines();
        Region r = new Region()
                .withStartLine(lines.line(st.start()))
                .withStartColumn(lines.column(st.start()))
                .withEndLine(lines.line(st.end()))
                .withEndColumn(lines.column(st.end()));
        String snippet = st.length() <= MAX_CONTEXT_SNIPPET ? snippet(file, st) : null;
        if (snippet != null) {
            r.setSnippet(new ArtifactContent().withText(snippet));
        }
        return r;
    }

    /** The underlined text, only for files inside the root (never echo content from outside the repository). */
    private static String snippet(FileResult file, Span span) {
        SourceFile src = file.loaded().source();
        if (src == null || !ReportPaths.isRelative(file.path()) || span.length() > MAX_SNIPPET
                || span.end() > src.text().length()) {
            return null;
        }
        return span.of(src.text());
    }

    ArtifactLocation artifact(String displayPath) {
        String path = workspaceVariable == null ? displayPath
                : ReportPaths.workspacePath(displayPath, options.root(), options.env(), workspaceVariable);
        if (ReportPaths.isRelative(path)) {
            ArtifactLocation a = new ArtifactLocation().withUri(ReportPaths.relativeUri(path));
            if (srcRoot != null) {
                a.setUriBaseId(SRCROOT);
            }
            return a;
        }
        return new ArtifactLocation().withUri(ReportPaths.absoluteUri(displayPath));
    }

    private Fix sarifFix(FileResult file, SuggestedFix fix) {
        SourceFile src = file.loaded().source();
        if (src == null || fix.edits().isEmpty()) {
            return null;
        }
        LineIndex lines = src.lines();
        List<Replacement> replacements = new ArrayList<>();
        List<SuggestedFix.Edit> edits = new ArrayList<>(fix.edits());
        edits.sort(Comparator.comparingInt(e -> e.span().start()));
        for (SuggestedFix.Edit e : edits) {
            if (e.span().end() > src.text().length()) {
                return null;
            }
            Region deleted = new Region()
                    .withStartLine(lines.line(e.span().start()))
                    .withStartColumn(lines.column(e.span().start()))
                    .withEndLine(lines.line(e.span().end()))
                    .withEndColumn(lines.column(e.span().end()));
            Replacement rep = new Replacement().withDeletedRegion(deleted);
            if (!e.text().isEmpty()) {
                rep.setInsertedContent(new ArtifactContent().withText(e.text()));
            }
            replacements.add(rep);
        }
        ArtifactChange change = new ArtifactChange()
                .withArtifactLocation(artifact(file.path()))
                .withReplacements(replacements);
        return new Fix()
                .withDescription(new Message().withText(sentence(capitalise(fix.description()))
                        + (fix.safe() ? "" : " Review it before applying: it is marked unsafe.")))
                .withArtifactChanges(new LinkedHashSet<>(List.of(change)));
    }

    private static String capitalise(String s) {
        return s == null || s.isEmpty() ? "Apply the fix" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    // ------------------------------------------------------------------ notifications

    private static boolean isParserFinding(Finding f) {
        return f.ruleId().equals("unrecognized-statement") || f.ruleId().equals("file-not-analysed");
    }

    private Notification fileNotification(FileResult file, Map<String, Integer> ruleIndex) {
        String problem = file.loaded().problem();
        String detail = file.loaded().detail();
        String text = "Could not analyse " + file.path() + " (" + (problem == null ? "unreadable" : problem) + ")"
                + (detail == null || detail.isBlank() ? "" : ": " + detail);
        Region region = new Region().withStartLine(Math.max(1, file.loaded().line()));
        Notification n = new Notification()
                .withLevel(Notification.Level.WARNING)
                .withMessage(new Message().withText(sentence(text)))
                .withLocations(new LinkedHashSet<>(List.of(new Location().withPhysicalLocation(new PhysicalLocation()
                        .withArtifactLocation(artifact(file.path()))
                        .withRegion(region)))));
        Integer index = ruleIndex.get("file-not-analysed");
        if (index != null) {
            n.setAssociatedRule(new ReportingDescriptorReference().withId("file-not-analysed").withIndex(index));
        }
        return n;
    }

    private Notification findingNotification(FileResult file, Finding f, Map<String, Integer> ruleIndex) {
        boolean wholeFile = f.ruleId().equals("file-not-analysed");
        Notification n = new Notification()
                .withLevel(wholeFile ? Notification.Level.WARNING : Notification.Level.NOTE)
                .withMessage(new Message().withText(sentence(f.message())))
                .withLocations(new LinkedHashSet<>(List.of(location(file, f))));
        Integer index = ruleIndex.get(f.ruleId());
        if (index != null) {
            n.setAssociatedRule(new ReportingDescriptorReference().withId(f.ruleId()).withIndex(index));
        }
        return n;
    }
}
