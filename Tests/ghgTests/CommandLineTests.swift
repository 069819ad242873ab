import GHGTestSupport
import Foundation
import Testing

/// Runs the built `ghg` executable and checks exit statuses and messages: 0 success, 1 input errors, 2 usage errors.
@Suite("ghg command line")
struct CommandLineTests {
    static let root = repositoryRoot

    /// The `ghg` binary next to the test bundle.
    static var executable: String {
        let dir = Bundle.main.bundleURL
        for candidate in [dir.appendingPathComponent("ghg"), dir.deletingLastPathComponent().appendingPathComponent("ghg")]
        where FileManager.default.isExecutableFile(atPath: candidate.path) {
            return candidate.path
        }
        return dir.appendingPathComponent("ghg").path
    }

    struct Run { var status: Int32; var stdout: String; var stderr: String }

    func ghg(_ args: [String]) throws -> Run {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.executable)
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: Self.root)
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                   stderr: String(decoding: e, as: UTF8.self))
    }

    func tempDir() -> String { NSTemporaryDirectory() + "ghg-cli-" + UUID().uuidString }

    @Test("compile of the demo exits 0, prints the summary and writes every output")
    func compileDemo() throws {
        let out = tempDir()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let r = try ghg(["compile", "Templates/demo-city", "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("t CO2e (AR5)"))
        #expect(r.stdout.contains("co2_intensity_decline vs 2020:"))
        for f in ["inventory.csv", "lineage.jsonl", "energy.csv", "checks.csv", "indicators.csv", "targets.csv",
                  "key_categories.csv", "uncertainty_approach1.csv", "notation.csv", "diagnostics.csv", "manifest.json"] {
            #expect(FileManager.default.fileExists(atPath: out + "/" + f), "\(f)")
        }
    }

    @Test("uncertainty of the demo: the same seed gives the same bytes with 1 and 2 threads; --draws 1 is a usage error")
    func uncertaintyDemo() throws {
        let a = tempDir(), b = tempDir()
        defer { try? FileManager.default.removeItem(atPath: a); try? FileManager.default.removeItem(atPath: b) }
        let r = try ghg(["uncertainty", "Templates/demo-city", "--draws", "300", "--seed", "5", "--threads", "1", "--out", a])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("300 draws, seed 5;") && r.stdout.contains("co2_intensity_decline vs 2020:")
                && r.stdout.contains("met with probability"))
        let r2 = try ghg(["uncertainty", "Templates/demo-city", "--draws", "300", "--seed", "5", "--threads", "2", "--out", b])
        #expect(r2.status == 0)
        for f in ["uncertainty.csv", "uncertainty_targets.csv", "uncertainty_inputs.csv"] {
            #expect(FileManager.default.contents(atPath: a + "/" + f) == FileManager.default.contents(atPath: b + "/" + f), "\(f)")
        }
        let bad = try ghg(["uncertainty", "Templates/demo-city", "--draws", "1", "--out", a])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--draws 1: expected a number of iterations from 2 to 1000000"), "\(bad.stderr)")
    }

    @Test("validate of the demo exits 0 and writes nothing")
    func validateDemo() throws {
        let r = try ghg(["validate", "Templates/demo-city"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("ok: 415 activity rows used, 1091 emission lines, 6 warnings"))
    }

    @Test("input errors exit 1 with located diagnostics on stderr and no inventory")
    func inputError() throws {
        let project = tempDir(), out = tempDir()
        defer { try? FileManager.default.removeItem(atPath: project); try? FileManager.default.removeItem(atPath: out) }
        try FileManager.default.createDirectory(atPath: project + "/activity", withIntermediateDirectories: true)
        try #"{"name": "x", "years": [2020], "factor_stack": ["ipcc-2006"]}"#
            .write(toFile: project + "/ghg-project.json", atomically: true, encoding: .utf8)
        try "code,name_zh,name_en,level,parent\n510000,四川省,Sichuan,province,\n"
            .write(toFile: project + "/regions.csv", atomically: true, encoding: .utf8)
        try "region,year,category,activity,item,value,unit,source,note\n510000,2020,1.A.1,fuel_combustion,diesel,5,万顿,s,\n"
            .write(toFile: project + "/activity/a.csv", atomically: true, encoding: .utf8)
        let r = try ghg(["compile", project, "--out", out])
        #expect(r.status == 1)
        #expect(r.stderr.contains("activity/a.csv:2:44: error: unknown unit '万顿'"))
        #expect(!FileManager.default.fileExists(atPath: out + "/inventory.csv"))
        #expect(FileManager.default.fileExists(atPath: out + "/diagnostics.csv"))
        let v = try ghg(["validate", project])
        #expect(v.status == 1)
    }

    @Test("usage errors exit 2: missing --out, unknown GWP set, unknown subcommand")
    func usageErrors() throws {
        let missing = try ghg(["compile", "Templates/demo-city"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("--out"))
        let gwp = try ghg(["compile", "Templates/demo-city", "--out", tempDir(), "--gwp", "AR3"])
        #expect(gwp.status == 2)
        #expect(gwp.stderr.contains("unknown GWP set 'AR3'; expected SAR, AR4, AR5 or AR6"))
        #expect(try ghg(["frobnicate"]).status == 2)
    }

    @Test("init creates a compilable project from a city template; a second init into it is a usage error")
    func initCity() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try ghg(["init", dir, "--city", "南充"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("created \(dir) from the 南充 template"))
        // The guide to the activity files is written beside them, not among the files the compiler reads.
        #expect(FileManager.default.fileExists(atPath: dir + "/GUIDE.md"))
        #expect(try String(contentsOfFile: dir + "/GUIDE.md", encoding: .utf8).contains("## Filling in `activity/energy.csv` (能源活动)"))
        #expect(try ghg(["validate", dir]).status == 0)
        let again = try ghg(["init", dir, "--city", "nanchong"])
        #expect(again.status == 2)
        #expect(again.stderr.contains("exists and is not empty; expected a new or empty folder"))
        let unknown = try ghg(["init", tempDir(), "--city", "beijing"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("unknown city 'beijing'; expected one of dazhou, guangyuan, mianyang, nanchong, shanwei"))
    }

    @Test("explain to a full device says so and exits 2, as text and as JSON, instead of leaving a cut-off output",
          .enabled(if: FileManager.default.fileExists(atPath: "/dev/full")))
    func explainToFullDevice() throws {
        for format in ["text", "json"] {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: Self.executable)
            p.arguments = ["explain", "Templates/demo-city", "--region", "519921", "--year", "2024", "--format", format]
            p.currentDirectoryURL = URL(fileURLWithPath: Self.root)
            let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
            let err = Pipe()
            p.standardOutput = full
            p.standardError = err
            try p.run()
            let e = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            #expect(p.terminationStatus == 2, "\(format): \(e)")
            #expect(e.hasPrefix("Error: cannot write to standard output (No space left on device); the output is "
                                + "incomplete"), "\(format): \(e)")
        }
    }

    @Test("explain, factors and verify run from the command line with the documented exit statuses")
    func issue4Commands() throws {
        let explain = try ghg(["explain", "Templates/demo-city", "--region", "519921", "--year", "2024",
                               "--category", "1.B.1", "--format", "json"])
        #expect(explain.status == 0, "\(explain.stderr)")
        #expect(explain.stdout.contains("\"category\": \"1.B.1.a.i.1\""))
        let missing = try ghg(["explain", "Templates/demo-city", "--region", "999999", "--year", "2024"])
        #expect(missing.status == 2)
        #expect(missing.stderr.hasPrefix("Error: unknown region '999999'; expected a code of regions.csv such as "))
        let list = try ghg(["factors", "list"])
        #expect(list.status == 0 && list.stdout.contains("\nchina-grid,1.1.0,"))
        let diff = try ghg(["factors", "diff", "china-grid", "china-grid"])
        #expect(diff.status == 0 && diff.stdout.split(separator: "\n").count == 1)
        let unknown = try ghg(["factors", "show", "no-such-set"])
        #expect(unknown.status == 1)
        let out = tempDir()
        defer { try? FileManager.default.removeItem(atPath: out) }
        #expect(try ghg(["compile", "Templates/demo-city", "--out", out]).status == 0)
        let ok = try ghg(["verify", out, "Templates/demo-city"])
        #expect(ok.status == 0, "\(ok.stderr)")
        try "x\n".write(toFile: out + "/inventory.csv", atomically: true, encoding: .utf8)
        let bad = try ghg(["verify", out, "Templates/demo-city"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("/inventory.csv: edited after compilation"))
        // Without lineage: no lineage.jsonl, the manifest does not list it, and verify still passes.
        let lean = tempDir()
        defer { try? FileManager.default.removeItem(atPath: lean) }
        let compiled = try ghg(["compile", "Templates/demo-city", "--out", lean, "--no-lineage"])
        #expect(compiled.status == 0, "\(compiled.stderr)")
        #expect(!FileManager.default.fileExists(atPath: lean + "/lineage.jsonl"))
        #expect(FileManager.default.fileExists(atPath: lean + "/inventory.csv"))
        let manifest = try String(contentsOfFile: lean + "/manifest.json", encoding: .utf8)
        #expect(!manifest.contains("lineage.jsonl") && manifest.contains("inventory.csv"))
        let leanVerify = try ghg(["verify", lean, "Templates/demo-city"])
        #expect(leanVerify.status == 0, "\(leanVerify.stderr)")
    }

    @Test("--help exits 0")
    func help() throws {
        let r = try ghg(["--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("compile"))
    }
}
