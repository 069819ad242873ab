import ArgumentParser
import Foundation
import GHGCore
import GHGIO

/// `ghg uncertainty PROJECT --draws N --seed S --out DIR`
struct Uncertainty: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Monte Carlo uncertainty (IPCC Approach 2) of every total, sector, region and intensity decline.",
        discussion: """
            Compiles the project, then draws every factor row with low/high (or a project default) once per \
            iteration, shared by every line that uses it, and every activity row with an uncertainty (its \
            'uncertainty' column or the project default for its kind) independently, and re-evaluates all lines. \
            Writes into --out: uncertainty.csv (estimate, mean, 2.5-97.5 % interval of every quantity), \
            uncertainty_targets.csv (the probability that each carbon-intensity target is met) and \
            uncertainty_inputs.csv (every input with its distribution, or 'exact'). The same seed gives the same \
            bytes whatever the thread count. Exit status: 0 success, 1 input errors, 2 usage errors.
            """)

    @OptionGroup var options: ProjectOptions

    @Option(help: "The number of iterations, 2 to 1000000.") var draws: Int = 10_000
    @Option(help: "The random seed.") var seed: UInt64 = 1
    @Option(help: "The output folder.") var out: String

    func validate() throws {
        guard draws >= 2, draws <= 1_000_000 else {
            throw ValidationError("--draws \(draws): expected a number of iterations from 2 to 1000000 (every draw of every quantity is kept for its percentiles: 8 bytes × quantities × draws)")
        }
    }

    func run() throws {
        let factors = try options.factorsDirectory()
        if let problem = OutputWriter.outputFolderProblem(out, inputs: [options.project, factors]) {
            throw ValidationError(problem)
        }
        let c = Compiler.compile(projectAt: options.project,
                                 options: CompileOptions(factorsDirectory: factors, diagnosticLimit: options.maxDiagnostics,
                                                         threads: options.threadCount))
        printDiagnostics(c.log)
        guard let report = UncertaintyTool.run(c, draws: draws, seed: seed, threads: options.threadCount) else {
            throw inputErrorStatus
        }
        // A distribution that does not fit its row is rejected when the factor set is read; should one reach the
        // draws, it is reported here, never drawn silently as exact.
        if !report.inputs.diagnostics.isEmpty {
            var log = DiagnosticLog()
            log.report(contentsOf: report.inputs.diagnostics)
            printDiagnostics(log)
            throw inputErrorStatus
        }
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            try UncertaintyTool.csv(report).write(toFile: out + "/uncertainty.csv", atomically: true, encoding: .utf8)
            try UncertaintyTool.targetsCSV(report).write(toFile: out + "/uncertainty_targets.csv", atomically: true,
                                                         encoding: .utf8)
            try UncertaintyTool.inputsCSV(report).write(toFile: out + "/uncertainty_inputs.csv", atomically: true,
                                                        encoding: .utf8)
        } catch {
            throw EnvironmentError(message: OutputWriter.plainMessage(error, doing: "write the outputs"))
        }
        print(UncertaintyTool.summary(report))
        print("wrote \(out)/uncertainty.csv, \(out)/uncertainty_targets.csv, \(out)/uncertainty_inputs.csv")
    }
}
