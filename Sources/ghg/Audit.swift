import ArgumentParser
import Foundation
import GHGCore
import GHGIO

/// `ghg audit PROJECT --from STACK --to STACK --out DIR`
struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compile under two factor stacks or two settings files and explain every change.",
        discussion: """
            Writes audit.csv (every changed line and total with its cause), audit.md (the same for reading) and \
            audit.html (a bridge chart per year and total from the old total to the new, one bar per factor change, \
            biggest first) into --out. --from/--to compare two stacks; --from-config/--to-config compare two settings files (another \
            grid-year mapping, caliber or stack in a copy of ghg-project.json). Exit status: 0 success, 1 input \
            errors (printed), 2 usage errors.
            """)

    @OptionGroup var options: ProjectOptions

    @Option(help: "The first stack: comma-separated set ids, 'local' or set folders (default: the project's).")
    var from: String?
    @Option(help: "The second stack, in the same form (default: the project's).")
    var to: String?
    @Option(help: "A settings file to read in place of the project's ghg-project.json for the first compile.")
    var fromConfig: String?
    @Option(help: "A settings file for the second compile, e.g. a copy of ghg-project.json with another grid-year mapping.")
    var toConfig: String?
    @Option(help: "The output folder.") var out: String
    @Option(help: "The report templates folder (default: Templates/reports beside the factor library).")
    var templates: String?

    func run() throws {
        if let problem = OutputWriter.outputFolderProblem(out, inputs: [options.project, try options.factorsDirectory()]) {
            throw ValidationError(problem)
        }
        func stack(_ s: String?) -> [String]? {
            s.map { $0.split(separator: ",").map { String($0).trimmingSpaces }.filter { !$0.isEmpty } }
        }
        for f in [fromConfig, toConfig].compactMap({ $0 }) where !FileManager.default.isReadableFile(atPath: f) {
            throw ValidationError("cannot read settings file '\(f)'; expected a ghg-project.json-style file")
        }
        let (report, a, b) = Auditor.audit(projectAt: options.project, from: stack(from), to: stack(to),
                                           fromConfig: fromConfig, toConfig: toConfig,
                                           options: CompileOptions(factorsDirectory: try options.factorsDirectory(),
                                                                   diagnosticLimit: options.maxDiagnostics, threads: options.threadCount))
        guard let report else {
            printDiagnostics(a.log.hasErrors ? a.log : b.log)
            throw inputErrorStatus
        }
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try Auditor.csv(report).write(toFile: out + "/audit.csv", atomically: true, encoding: .utf8)
        try Auditor.markdown(report).write(toFile: out + "/audit.md", atomically: true, encoding: .utf8)
        var written = [out + "/audit.csv", out + "/audit.md"]
        let loaded = reportTemplates(explicit: templates, factors: try options.factorsDirectory(),
                                     categories: b.reference.categories, writes: "audit.html is")
        let templatesFailed = loaded.failed
        if let t = loaded.templates, let inv = b.inventory, let top = Summary.topRegion(b, inventory: inv) {
            try ReportWriter.auditHTML(report, top: top, regions: b.project?.regions, templates: t)
                .write(toFile: out + "/audit.html", atomically: true, encoding: .utf8)
            written.append(out + "/audit.html")
        }
        print("\(report.lines.count) lines changed, \(report.totals.count) totals moved, "
            + "\(report.indicators.count) indicator values changed; wrote " + written.joined(separator: ", "))
        if templatesFailed { throw inputErrorStatus }
    }
}

/// `ghg verify OUTDIR PROJECT`
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check that an output folder matches its manifest and that the project still reproduces it.",
        discussion: """
            Writes nothing. The factor library may be a byte-identical copy in another folder (--factors). Exit \
            status: 0 everything matches, 1 a difference (each named, with the input that changed), 2 usage errors.
            """)

    @Argument(help: "The output folder of ghg compile.") var outdir: String
    @OptionGroup var options: ProjectOptions
    @Option(help: "The report templates folder the outputs were compiled with (default: Templates/reports beside the factor library).")
    var templates: String?

    func run() throws {
        let problems = Verifier.verify(outputDirectory: outdir, projectAt: options.project,
                                       factorsDirectory: try options.factorsDirectory(), templatesDirectory: templates)
        if problems.isEmpty {
            print("ok: \(outdir) matches its manifest and \(options.project) reproduces it")
            return
        }
        var err = StandardError()
        for p in problems { print(p, to: &err) }
        throw inputErrorStatus
    }
}
