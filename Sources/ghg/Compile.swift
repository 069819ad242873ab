import ArgumentParser
import Foundation
import GHGCore
import GHGIO

/// `ghg compile PROJECT --out DIR [--gwp SET]`
struct Compile: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compile a project into inventory.csv, lineage.jsonl, notation.csv, diagnostics.csv and manifest.json.",
        discussion: """
            Writes into --out: inventory.csv (per region, year, category, gas and scope), summary.csv (the \
            guideline's summary table per region and year), lineage.jsonl (every line to its activity row, factor \
            rows and formula), energy.csv, notation.csv, checks.csv, indicators.csv, targets.csv, key_categories.csv, \
            uncertainty_approach1.csv, diagnostics.csv, report.html (self-contained, with charts), report.md and \
            manifest.json (hashes of every input and output). After input errors only diagnostics.csv is written. Exit status: 0 success, 1 input errors (printed, cause first), 2 usage \
            errors or an output folder that cannot be written.
            """)

    @OptionGroup var options: ProjectOptions

    @Option(help: "The output folder.")
    var out: String

    @Option(help: "GWP set for CO2e: SAR, AR4, AR5 or AR6 (default: the project's).",
            transform: { text in
                guard let set = GWPSet(parsing: text) else {
                    throw ValidationError("unknown GWP set '\(text)'; expected SAR, AR4, AR5 or AR6")
                }
                return set
            })
    var gwp: GWPSet?

    @Flag(help: "Do not write lineage.jsonl (about 107 bytes per activity row; explain and audit recompute lines and do not need it).")
    var noLineage = false

    @Flag(help: "Begin every CSV file with a UTF-8 byte-order mark, so that Excel opens it as UTF-8 (also \"excel_csv\": true in ghg-project.json).")
    var excel = false

    @Option(help: "The report templates folder (default: Templates/reports beside the factor library).")
    var templates: String?

    func run() throws {
        let factors = try options.factorsDirectory()
        if let problem = OutputWriter.outputFolderProblem(out, inputs: [options.project, factors]) {
            throw ValidationError(problem)
        }
        if let problem = OutputWriter.prepareOutputFolder(out) { throw EnvironmentError(message: problem) }
        // The outputs that do not list the checks' findings are written while the checks run.
        var report: (templates: ReportTemplates?, failed: Bool) = (nil, false)
        let c: Compilation, written: [String]
        do {
            (c, written) = try OutputWriter.compileAndWrite(
                projectAt: options.project,
                options: CompileOptions(factorsDirectory: factors, gwp: gwp, diagnosticLimit: options.maxDiagnostics,
                                        threads: options.threadCount),
                to: out, skipping: noLineage ? ["lineage.jsonl"] : [], excel: excel) { partial in
                report = reportTemplates(explicit: templates, factors: factors,
                                         categories: partial.reference.categories,
                                         writes: "summary.csv, report.html and report.md are")
                return report.templates
            }
        } catch {
            throw EnvironmentError(message: OutputWriter.plainMessage(error, doing: "write the outputs"))
        }
        var timer = PhaseTimer()
        printDiagnostics(c.log)
        guard c.succeeded, let inv = c.inventory else { throw inputErrorStatus }
        print(Summary.text(c, inventory: inv))
        print("wrote " + written.map { out + "/" + $0 }.joined(separator: ", "))
        timer.mark("summary printed")
        if report.failed { throw inputErrorStatus }
        // Done: the compilation's memory (about 1 GB at national scale) is the operating system's to reclaim at
        // exit, which it does at once; released array by array it would take another 50 ms.
        Foundation.exit(0)
    }
}

/// `ghg validate PROJECT`
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read and check a project without writing anything; prints every diagnostic kept (--max-diagnostics).",
        discussion: "Writes nothing. Exit status: 0 no errors (warnings printed), 1 input errors, 2 usage errors.")

    @OptionGroup var options: ProjectOptions

    func run() throws {
        let c = Compiler.compile(projectAt: options.project,
                                 options: CompileOptions(factorsDirectory: try options.factorsDirectory(),
                                                         diagnosticLimit: options.maxDiagnostics, threads: options.threadCount))
        printDiagnostics(c.log, limit: options.maxDiagnostics, summarise: false)
        guard c.succeeded else { throw inputErrorStatus }
        let calc = c.calculation!
        print("ok: \(calc.usedRowCount) activity rows used, \(calc.lines.count) emission lines, "
            + "\(c.log.warningCount) warnings")
    }
}
