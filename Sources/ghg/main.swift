import ArgumentParser
import Foundation
import GHGCore
import GHGIO

/// `ghg`: compile city and county greenhouse-gas inventories.
struct GHG: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ghg",
        abstract: "Compile city and county greenhouse-gas inventories with full lineage.",
        version: GHGVersion.current,
        subcommands: [Compile.self, Validate.self, Init.self, Explain.self, Factors.self, Audit.self, Verify.self]
    )
}

/// Options shared by the commands that read a project.
struct ProjectOptions: ParsableArguments {
    @Argument(help: "The project folder (with ghg-project.json).")
    var project: String

    @Option(help: "The factor library folder (default: $GHG_FACTORS, or an EmissionFactors folder found upwards from the current directory or the executable).")
    var factors: String?

    @Option(help: "The most diagnostics to keep.")
    var maxDiagnostics: Int = 1000

    @Option(help: "Threads to read, plan, evaluate, aggregate and write with (default: the processors of this machine; outputs are the same for any number).")
    var threads: Int?

    /// The thread count: the option, else the machine's processors.
    var threadCount: Int { max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount) }

    func factorsDirectory() throws -> String {
        guard let dir = Compiler.locateFactors(explicit: factors, executablePath: CommandLine.arguments[0]) else {
            throw ValidationError("cannot find the EmissionFactors folder; expected --factors DIR or $GHG_FACTORS")
        }
        return dir
    }
}

/// The exit status for input errors (usage errors exit with 2, success with 0).
let inputErrorStatus = ExitCode(1)

/// Prints diagnostics to standard error, at most `limit`, with a count of the rest.
func printDiagnostics(_ log: DiagnosticLog, limit: Int = 50) {
    var err = StandardError()
    let sorted = log.sorted
    for d in sorted.prefix(limit) { print(d.description, to: &err) }
    let hidden = sorted.count - min(sorted.count, limit) + log.dropped
    if hidden > 0 { print("... and \(hidden) more (see diagnostics.csv)", to: &err) }
    if log.errorCount > 0 || log.warningCount > 0 {
        print("\(log.errorCount) error\(log.errorCount == 1 ? "" : "s"), "
            + "\(log.warningCount) warning\(log.warningCount == 1 ? "" : "s")", to: &err)
    }
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) { FileHandle.standardError.write(Data(string.utf8)) }
}

// ArgumentParser exits with 64 for usage errors; this project's contract is 2.
do {
    var command = try GHG.parseAsRoot()
    try command.run()
} catch {
    let code = GHG.exitCode(for: error)
    if code == .validationFailure {
        var err = StandardError()
        print(GHG.fullMessage(for: error), to: &err)
        exit(2)
    }
    GHG.exit(withError: error)
}
