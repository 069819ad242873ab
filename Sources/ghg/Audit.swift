import ArgumentParser
import Foundation
import GHGCore
import GHGIO

/// `ghg audit PROJECT --from STACK --to STACK --out DIR`
struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compile under two factor stacks and explain every change: audit.csv and audit.md.")

    @OptionGroup var options: ProjectOptions

    @Option(help: "The first stack: comma-separated set ids, 'local' or set folders (default: the project's).")
    var from: String?
    @Option(help: "The second stack, in the same form (default: the project's).")
    var to: String?
    @Option(help: "The output folder.") var out: String

    func run() throws {
        if let problem = OutputWriter.outputFolderProblem(out, inputs: [options.project, try options.factorsDirectory()]) {
            throw ValidationError(problem)
        }
        func stack(_ s: String?) -> [String]? {
            s.map { $0.split(separator: ",").map { String($0).trimmingSpaces }.filter { !$0.isEmpty } }
        }
        let (report, a, b) = Auditor.audit(projectAt: options.project, from: stack(from), to: stack(to),
                                           options: CompileOptions(factorsDirectory: try options.factorsDirectory(),
                                                                   diagnosticLimit: options.maxDiagnostics, threads: options.threadCount))
        guard let report else {
            printDiagnostics(a.log.hasErrors ? a.log : b.log)
            throw inputErrorStatus
        }
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try Auditor.csv(report).write(toFile: out + "/audit.csv", atomically: true, encoding: .utf8)
        try Auditor.markdown(report).write(toFile: out + "/audit.md", atomically: true, encoding: .utf8)
        print("\(report.lines.count) lines changed, \(report.totals.count) totals moved, "
            + "\(report.indicators.count) indicator values changed; wrote \(out)/audit.csv, \(out)/audit.md")
    }
}

/// `ghg verify OUTDIR PROJECT`
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check that an output folder matches its manifest and that the project still reproduces it.")

    @Argument(help: "The output folder of ghg compile.") var outdir: String
    @OptionGroup var options: ProjectOptions

    func run() throws {
        let problems = Verifier.verify(outputDirectory: outdir, projectAt: options.project,
                                       factorsDirectory: try options.factorsDirectory())
        if problems.isEmpty {
            print("ok: \(outdir) matches its manifest and \(options.project) reproduces it")
            return
        }
        var err = StandardError()
        for p in problems { print(p, to: &err) }
        throw inputErrorStatus
    }
}
