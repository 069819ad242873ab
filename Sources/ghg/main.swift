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
        subcommands: [Compile.self, Validate.self, Init.self, Explain.self, Factors.self, Audit.self, Verify.self,
                      Uncertainty.self]
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

/// The report templates: `--templates DIR`, else `Templates/reports` beside the factor library. Without either the
/// report outputs are not written and a note says so. Templates with errors are printed and `failed` is set: the
/// command writes its other outputs and then exits 1.
func reportTemplates(explicit: String?, factors: String, categories: CategoryTable, writes: String)
    -> (templates: ReportTemplates?, failed: Bool) {
    var err = StandardError()
    guard let dir = explicit ?? ReportTemplates.locate(factorsDirectory: factors) else {
        print("note: no Templates/reports folder beside the factor library '\(factors)'; \(writes) not written "
            + "(give --templates DIR)", to: &err)
        return (nil, false)
    }
    var d: [Diagnostic] = []
    let t = ReportTemplates.load(directory: dir, label: explicit ?? "Templates/reports", categories: categories,
                                 diagnostics: &d)
    for x in d { print(x.description, to: &err) }
    if t == nil { print("\(writes) not written: the report templates in '\(dir)' have errors", to: &err) }
    return (t, t == nil)
}

/// The exit status for input errors (usage errors exit with 2, success with 0).
let inputErrorStatus = ExitCode(1)

/// Prints diagnostics to standard error in stage order (the project file, regions, factor sets, activity, ...), at
/// most `limit`, with a count of the rest. With `summarise`, a message repeated for many rows (the same code and text,
/// one cause) is printed three times and then counted: "... and 212 more with the same message".
func printDiagnostics(_ log: DiagnosticLog, limit: Int = 50, summarise: Bool = true) {
    var err = StandardError()
    let sorted = log.sorted
    struct Key: Hashable { var severity: Severity, code: DiagnosticCode, message: String }
    var total: [Key: Int] = [:]
    if summarise { for d in sorted { total[Key(severity: d.severity, code: d.code, message: d.message), default: 0] += 1 } }
    var seen: [Key: Int] = [:]
    var summarised = Set<Key>()
    var printed = 0, hidden = 0
    for d in sorted {
        let key = Key(severity: d.severity, code: d.code, message: d.message)
        if summarise {
            seen[key, default: 0] += 1
            let n = seen[key]!
            // Copies after the third are counted by its summary line, when that line was printed.
            if n > 3 && summarised.contains(key) { continue }
            guard printed < limit else { hidden += 1; continue }
            print(d.description, to: &err)
            printed += 1
            if n == 3, let t = total[key], t > 3 {
                print("... and \(t - 3) more with the same message (see diagnostics.csv)", to: &err)
                summarised.insert(key)
            }
        } else {
            guard printed < limit else { hidden += 1; continue }
            print(d.description, to: &err)
            printed += 1
        }
    }
    hidden += log.dropped
    if hidden > 0 { print("... and \(hidden) more (see diagnostics.csv)", to: &err) }
    if log.errorCount > 0 || log.warningCount > 0 {
        print("\(log.errorCount) error\(log.errorCount == 1 ? "" : "s"), "
            + "\(log.warningCount) warning\(log.warningCount == 1 ? "" : "s")", to: &err)
    }
}

/// Writes bytes to standard output in full, after what `print` buffered (stdio is flushed first): for outputs of
/// tens of megabytes (`explain` for a province) that are not worth making into a `String` and printing. Returns the
/// problem when the bytes cannot all be written (a full disk, a closed pipe whose signal is ignored), nil otherwise.
func writeToStandardOutput(_ bytes: UnsafeBufferPointer<UInt8>) -> EnvironmentError? {
    fflush(nil)
    guard var p = bytes.baseAddress else { return nil }
    var left = bytes.count
    while left > 0 {
        let n = write(STDOUT_FILENO, p, left)
        if n < 0 && errno == EINTR { continue }
        if n <= 0 {
            let reason = n < 0 ? String(cString: strerror(errno)) : "nothing was written"
            return EnvironmentError(message: "cannot write to standard output (\(reason)); the output is incomplete")
        }
        p += n
        left -= n
    }
    return nil
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) { FileHandle.standardError.write(Data(string.utf8)) }
}

/// A problem with the command's environment (the output folder) rather than its arguments: one plain sentence on
/// standard error and exit status 2, without the usage text.
struct EnvironmentError: Error {
    /// The sentence.
    var message: String
}

Allocator.configure()
// ArgumentParser exits with 64 for usage errors; this project's contract is 2.
do {
    var command = try GHG.parseAsRoot()
    try command.run()
} catch let error as EnvironmentError {
    var err = StandardError()
    print("Error: " + error.message, to: &err)
    exit(2)
} catch {
    let code = GHG.exitCode(for: error)
    if code == .validationFailure {
        var err = StandardError()
        print(GHG.fullMessage(for: error), to: &err)
        exit(2)
    }
    GHG.exit(withError: error)
}
