// ghg-bench: the national-scale benchmark against the peers (../shared/bench, README "Performance").
//
//     swift build -c release && .build/release/ghg-bench [--sizes 180k,1.2M,3.6M] [--data DIR] [--bench DIR]
//                                                        [--peers PYTHON] [--threads N]
//
// For each size it makes the synthetic data once with make-national.py (180 k = 300 counties × 10 years,
// 1.2 M = 1,000 counties × 20 years, 3.6 M = the script's defaults; cached under --data), compiles the project with
// every default output in a child process (this executable again, so wall time and peak RSS are the compile's own),
// checks the national CO2e total against expected.json to 1e-12 relative, and, when --peers names a Python with
// polars and duckdb, runs peers.py on the same data in the same invocation. It prints wall time and peak RSS of each,
// the ratios ghg/polars and ghg/duckdb, and the growth of ghg's time from 1.2 M to 3.6 M rows.
//
// Figures are ratios from one run: the machine is shared, and absolute times mean little elsewhere.
import Foundation
import GHGCore
import GHGIO

struct Size {
    var label: String
    var arguments: [String]
}

let knownSizes: [String: Size] = [
    "180k": Size(label: "180k", arguments: ["--counties", "300", "--years", "10"]),
    "1.2M": Size(label: "1.2M", arguments: ["--counties", "1000"]),
    "3.6M": Size(label: "3.6M", arguments: []),
]

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("ghg-bench: \(message)\n".utf8))
    exit(2)
}

let usage = "usage: ghg-bench [--sizes 180k,1.2M,3.6M] [--data DIR] [--bench DIR] [--peers PYTHON] [--threads N]\n"
    + "       ghg-bench --monte-carlo DRAWS [--threads N]   (the demo city's Monte Carlo, issue 14)"

// MARK: The child: one compile, as `ghg compile` does it, then the national total.

/// Compiles a project and writes every default output; prints the national CO2e total (the sum over root regions'
/// TOTAL GHG rows, extent all, scope total, over all years) and the line count as JSON.
func child(project: String, out: String, factors: String, threads: Int) -> Never {
    var options = CompileOptions(factorsDirectory: factors)
    options.threads = threads
    // The default outputs of `ghg compile`, the reports included, written as `ghg compile` writes them (the
    // outputs that do not list findings beside the checks).
    let c: Compilation
    do {
        c = try OutputWriter.compileAndWrite(projectAt: project, options: options, to: out) { partial in
            var d: [Diagnostic] = []
            guard let dir = ReportTemplates.locate(factorsDirectory: factors),
                  let templates = ReportTemplates.load(directory: dir, categories: partial.reference.categories,
                                                       diagnostics: &d)
            else { fail("cannot read the report templates beside \(factors): \(d.map(\.description))") }
            return templates
        }.compilation
    } catch {
        fail("cannot write outputs: \(error)")
    }
    guard c.succeeded, let inventory = c.inventory, let regions = c.project?.regions else {
        fail("the benchmark project has errors: \(c.log.sorted.prefix(3).map(\.description))")
    }
    var total = CompensatedSum()
    for root in regions.roots {
        for year in c.project!.config.years {
            let key = InventoryKey(region: root, year: year, node: .total, gas: .all, scope: .total)
            if let v = inventory.row(key)?.co2eTonnes { total.add(v) }
        }
    }
    print("{\"co2e_t\": \(DecimalFormat.string(total.value)), \"lines\": \(c.calculation?.lines.count ?? 0)}")
    exit(0)
}

var arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "--child" {
    guard arguments.count == 5, let threads = Int(arguments[4]) else { fail("bad child arguments") }
    child(project: arguments[1], out: arguments[2], factors: arguments[3], threads: threads)
}

// MARK: Monte Carlo: the demo city, compiled once, then DRAWS iterations through the kernel, timed.

if arguments.first == "--monte-carlo" {
    guard arguments.count >= 2, let draws = Int(arguments[1]), draws >= 2 else { fail(usage) }
    var threads = ProcessInfo.processInfo.activeProcessorCount
    if arguments.count == 4, arguments[2] == "--threads", let n = Int(arguments[3]), n > 0 { threads = n }
    else if arguments.count != 2 { fail(usage) }
    let root = FileManager.default.currentDirectoryPath
    guard FileManager.default.fileExists(atPath: root + "/Templates/demo-city/ghg-project.json") else {
        fail("run from the repository root (Templates/demo-city not found)")
    }
    let clock = ContinuousClock()
    let start = clock.now
    let c = Compiler.compile(projectAt: root + "/Templates/demo-city",
                             options: CompileOptions(factorsDirectory: root + "/EmissionFactors", threads: threads))
    let compiled = clock.now
    guard let report = UncertaintyTool.run(c, draws: draws, seed: 1, threads: threads) else {
        fail("the demo has errors: \(c.log.sorted.prefix(3).map(\.description))")
    }
    let done = clock.now
    func seconds(_ d: Duration) -> String {
        let (s, a) = d.components
        return DecimalFormat.string(((Double(s) + Double(a) / 1e18) * 1000).rounded() / 1000)
    }
    print("demo Monte Carlo: \(draws) draws, \(threads) threads; \(report.inputs.factors.count) factor rows and "
        + "\(report.inputs.activity.count) activity rows drawn over \(c.calculation?.lines.count ?? 0) lines")
    print("compile \(seconds(compiled - start)) s, draws and summaries \(seconds(done - compiled)) s, total "
        + "\(seconds(done - start)) s")
    exit(0)
}

// MARK: The parent.

var sizes = ["180k", "1.2M", "3.6M"]
var dataDirectory = ".build/bench-data"
var benchDirectory = "../shared/bench"
var peerPython: String?
var threads = ProcessInfo.processInfo.activeProcessorCount
var index = 0
@MainActor func value() -> String {
    index += 1
    guard index < arguments.count else { fail(usage) }
    return arguments[index]
}
while index < arguments.count {
    switch arguments[index] {
    case "--sizes": sizes = value().split(separator: ",").map(String.init)
    case "--data": dataDirectory = value()
    case "--bench": benchDirectory = value()
    case "--peers": peerPython = value()
    case "--threads":
        guard let n = Int(value()), n > 0 else { fail(usage) }
        threads = n
    default: fail(usage)
    }
    index += 1
}
for s in sizes where knownSizes[s] == nil { fail("unknown size '\(s)'; expected 180k, 1.2M or 3.6M") }
let factors = FileManager.default.currentDirectoryPath + "/EmissionFactors"
guard FileManager.default.fileExists(atPath: factors + "/gwp.csv") else {
    fail("run from the repository root (EmissionFactors not found)")
}
guard FileManager.default.fileExists(atPath: benchDirectory + "/make-national.py") else {
    fail("\(benchDirectory)/make-national.py not found; pass --bench DIR")
}

/// A finished child process: wall seconds, peak RSS in MiB, standard output.
struct Run {
    var wall: Double
    var peakMiB: Double
    var output: String
}

/// Runs a program to the end, measuring its wall time and peak RSS (from wait4, so only this child counts). Its
/// standard output and error go to files beside the data.
func run(_ program: String, _ args: [String], log: String) -> Run {
    var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, log + ".out", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, log + ".err", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    let argv: [UnsafeMutablePointer<CChar>?] = ([program] + args).map { strdup($0) } + [nil]
    defer { for p in argv { free(p) } }
    var pid: pid_t = 0
    // Earlier runs' outputs (hundreds of MB) are written back to disk first, so that their writeback does not
    // land in this run's time.
    sync()
    let start = DispatchTime.now()
    guard posix_spawnp(&pid, program, &actions, nil, argv, environ) == 0 else { fail("cannot run \(program)") }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
    let wall = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    let out = (try? String(contentsOfFile: log + ".out", encoding: .utf8)) ?? ""
    guard status == 0 else {
        let err = (try? String(contentsOfFile: log + ".err", encoding: .utf8)) ?? ""
        fail("\(program) \(args.joined(separator: " ")) failed:\n\(err.suffix(2000))")
    }
    return Run(wall: wall, peakMiB: Double(usage.ru_maxrss) / 1024, output: out)
}

func json(_ text: Substring) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
}

func f(_ x: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", x) }

let me = URL(fileURLWithPath: CommandLine.arguments[0]).path
print("ghg-bench: \(threads) threads; data in \(dataDirectory); peers: \(peerPython ?? "not run (no --peers)")")
var ghgWall: [String: Double] = [:]
var failed = false
for label in sizes {
    let size = knownSizes[label]!
    let dir = dataDirectory + "/" + label
    if !FileManager.default.fileExists(atPath: dir + "/expected.json") {
        print("  \(label): making data (make-national.py \(size.arguments.joined(separator: " ")))…")
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        _ = run("python3", [benchDirectory + "/make-national.py", dir] + size.arguments, log: dir + "/make")
    }
    let expected = json(Substring((try? String(contentsOfFile: dir + "/expected.json", encoding: .utf8)) ?? ""))
    guard let rows = expected["activity_rows"] as? Int, let want = expected["co2e_t_ar5"] as? Double else {
        fail("\(dir)/expected.json is unreadable")
    }
    let out = dir + "/ghg-out"
    let ghg = run(me, ["--child", dir + "/project", out, factors, String(threads)], log: dir + "/ghg")
    let result = json(Substring(ghg.output.split(separator: "\n").last ?? ""))
    let got = result["co2e_t"] as? Double ?? .nan
    let rel = abs(got - want) / abs(want)
    let ok = rel <= 1e-12
    failed = failed || !ok
    ghgWall[label] = ghg.wall
    print("  \(label) (\(rows) activity rows, \(result["lines"] as? Int ?? 0) lines)")
    print("    ghg      wall \(f(ghg.wall)) s  peak RSS \(f(ghg.peakMiB, 0)) MiB  national CO2e \(DecimalFormat.string(got)) t "
        + "(expected \(DecimalFormat.string(want)), relative difference \(String(format: "%.1e", rel)): "
        + (ok ? "ok" : "MISMATCH") + ")")
    guard let python = peerPython else { continue }
    let report = dir + "/peers.jsonl"
    try? FileManager.default.removeItem(atPath: report)
    _ = run(python, [benchDirectory + "/peers.py", dir + "/flat", "--threads", String(threads), "--json", report],
            log: dir + "/peers")
    let lines = ((try? String(contentsOfFile: report, encoding: .utf8)) ?? "").split(separator: "\n")
    for line in lines {
        let r = json(line)
        guard let engine = r["engine"] as? String, let wall = r["process_s"] as? Double,
              let rss = r["peak_rss_mib"] as? Double else { continue }
        let inner = r["wall_s"] as? Double ?? .nan
        let total = r["co2e_t"] as? Double ?? .nan
        print("    \(engine.padding(toLength: 8, withPad: " ", startingAt: 0)) wall \(f(wall)) s (\(f(inner)) s in "
            + "the engine)  peak RSS \(f(rss, 0)) MiB  CO2e \(DecimalFormat.string(total)) t")
        print("    ghg/\(engine): wall \(f(ghg.wall / wall)) ×  peak RSS \(f(ghg.peakMiB / rss)) ×")
    }
}
if let a = ghgWall["1.2M"], let b = ghgWall["3.6M"] {
    print("  growth 1.2M → 3.6M rows: \(f(b / a)) × the time for 3 × the rows")
}
exit(failed ? 1 : 0)
