import Foundation
import GHGTestSupport
import Testing

/// The front door (issue 9): inputs that used to crash the compiler or endanger the project's own files.
@Suite("Front door: no crash, inputs never touched")
struct FrontDoorTests {
    let cli = CommandLineTests()

    /// A copy of the demo with `ghg-project.json`'s "years" replaced.
    func demo(years: String) throws -> String {
        let dir = NSTemporaryDirectory() + "ghg-door-" + UUID().uuidString
        try FileManager.default.copyItem(atPath: repositoryRoot + "/Templates/demo-city", toPath: dir)
        let path = dir + "/ghg-project.json"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let range = try #require(text.range(of: #""years": \[[^\]]*\]"#, options: .regularExpression))
        try text.replacingCharacters(in: range, with: "\"years\": \(years)").write(toFile: path, atomically: true,
                                                                                   encoding: .utf8)
        return dir
    }

    @Test("years that used to crash are located errors with exit 1", arguments: [
        ("[2005, 99999999999]", "99999999999"), ("[2005, -9223372036854775808]", "-9223372036854775808"),
        ("[true, 2020]", "true"), ("[2005, 2020.5]", "2020.5"),
    ])
    func crashReproducers(_ years: String, _ shown: String) throws {
        let dir = try demo(years: years)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let out = cli.tempDir()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let r = try cli.ghg(["compile", dir, "--out", out])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("ghg-project.json: error: 'years': \(shown) is not a year; expected years between "
            + "1900 and 2100 such as [2005, 2020] [project-file]"), "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out) == ["diagnostics.csv"])
    }

    @Test("--out equal to, inside or containing the project is a usage error, and nothing is written")
    func outputFolderGuard() throws {
        let dir = try demo(years: "[2005, 2020, 2021, 2022, 2023, 2024]")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        func listing() throws -> [String] {
            try FileManager.default.subpathsOfDirectory(atPath: dir).sorted()
        }
        let before = try listing()
        for (out, words) in [(dir, "is the input folder"), (dir + "/out", "lies inside the input folder"),
                             ((dir as NSString).deletingLastPathComponent, "contains the input folder")] {
            let r = try cli.ghg(["compile", dir, "--out", out])
            #expect(r.status == 2, "\(out)")
            #expect(r.stderr.hasPrefix("Error: the output folder '\(out)' \(words) '\(dir)'"), "\(r.stderr)")
        }
        #expect(try listing() == before)
        // The factor library is an input too.
        let r = try cli.ghg(["compile", dir, "--out", "EmissionFactors/out"])
        #expect(r.status == 2 && r.stderr.contains("lies inside the input folder"))
    }

    @Test("a new compile removes only what the folder's previous manifest lists as outputs")
    func cleanupOnlyOwnOutputs() throws {
        let out = cli.tempDir()
        defer { try? FileManager.default.removeItem(atPath: out) }
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        // A user's files in the folder, one with an output's name but no manifest of ours listing it.
        try "mine\n".write(toFile: out + "/notes.txt", atomically: true, encoding: .utf8)
        try "mine\n".write(toFile: out + "/checks.csv", atomically: true, encoding: .utf8)
        let bad = try demo(years: "[true, 2020]")
        defer { try? FileManager.default.removeItem(atPath: bad) }
        #expect(try cli.ghg(["compile", bad, "--out", out]).status == 1)
        #expect(try String(contentsOfFile: out + "/checks.csv", encoding: .utf8) == "mine\n")
        #expect(FileManager.default.fileExists(atPath: out + "/notes.txt"))
        // After a successful compile (which writes its manifest), a failed one removes its outputs.
        #expect(try cli.ghg(["compile", "Templates/demo-city", "--out", out]).status == 0)
        #expect(try cli.ghg(["compile", bad, "--out", out]).status == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == ["diagnostics.csv", "notes.txt"])
    }

    /// A copy of the demo.
    func demoCopy() throws -> String { try demo(years: "[2005, 2020, 2021, 2022, 2023, 2024]") }

    @Test("every entry of activity/ is read or reported: a folder, a dangling link and a FIFO named *.csv are errors; energy.CSV, a workbook and a sub-folder are warnings")
    func activityFolderEntries() throws {
        let dir = try demoCopy()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fm = FileManager.default
        try fm.createDirectory(atPath: dir + "/activity/old.csv", withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: dir + "/activity/link.csv", withDestinationPath: dir + "/nowhere.csv")
        let mkfifo = Process()
        mkfifo.executableURL = URL(fileURLWithPath: "/usr/bin/mkfifo")
        mkfifo.arguments = [dir + "/activity/pipe.csv"]
        try mkfifo.run()
        mkfifo.waitUntilExit()
        try "x\n".write(toFile: dir + "/activity/extra.CSV", atomically: true, encoding: .utf8)
        try "x\n".write(toFile: dir + "/activity/能源.xlsx", atomically: true, encoding: .utf8)
        try fm.createDirectory(atPath: dir + "/activity/2023", withIntermediateDirectories: true)
        let r = try cli.ghg(["validate", dir])
        #expect(r.status == 1)
        for expected in [
            "activity/link.csv: error: cannot read activity/link.csv: it is a link to a file that does not exist; expected a CSV file [project-file]",
            "activity/old.csv: error: cannot read activity/old.csv: it is a folder, not a file; expected a CSV file [project-file]",
            "activity/pipe.csv: error: cannot read activity/pipe.csv: it is a pipe (FIFO), not a file; expected a CSV file [project-file]",
            "activity/2023: warning: activity/2023 is a sub-folder, whose files are not read; expected the CSV files directly in activity/ [unused-input]",
            "activity/extra.CSV: warning: activity/extra.CSV is not read because only names ending in lower-case .csv are; expected activity/extra.csv [unused-input]",
            "activity/能源.xlsx: warning: activity/能源.xlsx is a workbook, which is not read; expected it saved as CSV (UTF-8, or GBK from Chinese Excel) [unused-input]",
        ] {
            #expect(r.stderr.contains(expected + "\n"), "\(expected)\n\(r.stderr)")
        }
    }

    @Test("a value beyond the range of a number after conversion, a GDP of zero, and no data rows at all are reported")
    func valuesAndEmptyProjects() throws {
        let dir = try demoCopy()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let energy = dir + "/activity/energy.csv"
        var text = try String(contentsOfFile: energy, encoding: .utf8)
        text += "519902,2024,1.A.1.a.i,fuel_combustion,raw_coal,1e305,万吨,huge,,\n"
        try text.write(toFile: energy, atomically: true, encoding: .utf8)
        let socio = dir + "/socioeconomic.csv"
        try (try String(contentsOfFile: socio, encoding: .utf8)
            .replacingOccurrences(of: "519900,2024,gdp,", with: "519900,2024,gdp_x,")
            + "519900,2024,gdp,0,亿元,,zero,\n").write(toFile: socio, atomically: true, encoding: .utf8)
        let r = try cli.ghg(["validate", dir])
        #expect(r.status == 1)
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).count - 1
        #expect(r.stderr.contains("activity/energy.csv:\(line):48: error: value '1e305' 万吨 is beyond the range of a number once "
            + "converted to t; expected a value of realistic size [malformed-number]"), "\(r.stderr)")
        #expect(r.stderr.contains("error: gdp '0' is not positive; expected a positive number [malformed-number]"),
                "\(r.stderr)")
        // A project whose activity files hold only their header.
        for name in try FileManager.default.contentsOfDirectory(atPath: dir + "/activity") {
            try "region,year,category,activity,item,value,unit,source,note,technology\n"
                .write(toFile: dir + "/activity/" + name, atomically: true, encoding: .utf8)
        }
        let empty = try cli.ghg(["validate", dir])
        #expect(empty.stderr.contains("activity: warning: the activity files have no data rows; the inventory will be empty"),
                "\(empty.stderr)")
    }

    @Test("the cause first: a broken regions.csv is printed before the rows it breaks, and a repeated message is summarised")
    func causeFirst() throws {
        let dir = try demoCopy()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let regions = dir + "/regions.csv"
        try (try String(contentsOfFile: regions, encoding: .utf8).replacingOccurrences(of: "519902,", with: "519903,"))
            .write(toFile: regions, atomically: true, encoding: .utf8)
        let out = cli.tempDir()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let r = try cli.ghg(["compile", dir, "--out", out])
        #expect(r.status == 1)
        let lines = r.stderr.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("regions.csv:") == true, "\(lines.prefix(3))")
        let unknown = lines.filter { $0.contains("region '519902' is not in regions.csv") }
        #expect(unknown.count == 3, "\(lines.prefix(10))")
        #expect(lines.contains { $0.hasPrefix("... and ") && $0.contains("more with the same message") }, "\(lines)")
        // validate prints every one.
        let v = try cli.ghg(["validate", dir])
        #expect(v.stderr.split(separator: "\n").filter { $0.contains("region '519902' is not in regions.csv") }.count > 3)
    }

    @Test("a broken ghg-project.json is located at its line and column; an output folder that cannot be made is one plain sentence with exit 2")
    func jsonAndOutputFolder() throws {
        let dir = try demoCopy()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/ghg-project.json"
        try (try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "\"gwp\": \"AR5\",", with: "\"gwp\": \"AR5\""))
            .write(toFile: path, atomically: true, encoding: .utf8)
        let r = try cli.ghg(["validate", dir])
        #expect(r.status == 1)
        #expect(r.stderr.range(of: #"^ghg-project\.json:\d+:\d+: error: ghg-project\.json is not valid JSON here; expected ',' or '\}'"#,
                               options: .regularExpression) != nil, "\(r.stderr)")
        let file = cli.tempDir()
        defer { try? FileManager.default.removeItem(atPath: file) }
        try "x".write(toFile: file, atomically: true, encoding: .utf8)
        let o = try cli.ghg(["compile", "Templates/demo-city", "--out", file + "/sub"])
        #expect(o.status == 2)
        #expect(o.stderr == "Error: cannot create the output folder '\(file)/sub': Not a directory; expected a folder you can write to\n",
                "\(o.stderr)")
    }

    @Test("explain: a region, year, category, scope or gas the project lacks is a usage error; text rounds to six digits, json keeps them")
    func explainFrontDoor() throws {
        let base = ["explain", "Templates/demo-city", "--region", "519921", "--year", "2024"]
        for (extra, message) in [
            (["--year", "2019"], "Error: year 2019 is not an inventory year; expected one of 2005, 2020, 2021, 2022, 2023, 2024"),
            (["--category", "9.Z"], "Error: unknown category '9.Z'; expected a code of EmissionFactors/categories.csv such as 1.A.1"),
            (["--scope", "bogus"], "Error: scope 'bogus' has no rows; expected one of indirect, memo_biomass, total, total_with_indirect"),
            (["--gas", "XX"], "Error: unknown gas 'XX'; expected one of"),
        ] {
            var args = base
            if extra[0] == "--year" { args[5] = extra[1] } else { args += extra }
            let r = try cli.ghg(args)
            #expect(r.status == 2 && r.stderr.hasPrefix(message), "\(args): \(r.stderr)")
        }
        let text = try cli.ghg(base + ["--category", "1.B.1.a.i.1"])
        #expect(text.stdout.contains("line 864: 519921 raw_coal CH4 11299 t [total] (coal_mining)"), "\(text.stdout)")
        #expect(text.stdout.contains("activity activity/energy.csv:206: 93.69 万吨 = 936900 t"))
        let json = try cli.ghg(base + ["--category", "1.B.1.a.i.1", "--format", "json"])
        #expect(json.stdout.contains("11299.014000000001"))
    }

    @Test("compile --excel puts a byte-order mark on the CSV files; a broken layout is located, the other outputs are written, exit 1")
    func reportsFromTheCommandLine() throws {
        let out = cli.tempDir(), broken = cli.tempDir()
        defer { for p in [out, broken] { try? FileManager.default.removeItem(atPath: p) } }
        let ok = try cli.ghg(["compile", "Templates/demo-city", "--out", out, "--excel"])
        #expect(ok.status == 0, "\(ok.stderr)")
        for name in ["inventory.csv", "summary.csv"] {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: out + "/" + name)))
            #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]), "\(name)")
        }
        #expect(FileManager.default.fileExists(atPath: out + "/report.html"))
        #expect(try cli.ghg(["verify", out, "Templates/demo-city"]).status == 0)
        // A layout naming a category that does not exist.
        try FileManager.default.copyItem(atPath: repositoryRoot + "/Templates/reports", toPath: broken)
        let layout = broken + "/summary-layout.csv"
        try (try String(contentsOfFile: layout, encoding: .utf8)).replacingOccurrences(of: ",total,3.C.7\n", with: ",total,3.C.77\n")
            .write(toFile: layout, atomically: true, encoding: .utf8)
        try? FileManager.default.removeItem(atPath: out)
        let bad = try cli.ghg(["compile", "Templates/demo-city", "--out", out, "--templates", broken])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains(broken + "/summary-layout.csv:25:46: error: unknown category '3.C.77' in row "
            + "'agriculture.rice'"), "\(bad.stderr)")
        #expect(bad.stderr.contains("summary.csv, report.html and report.md are not written"))
        #expect(FileManager.default.fileExists(atPath: out + "/inventory.csv"))
        #expect(!FileManager.default.fileExists(atPath: out + "/summary.csv"))
    }

    @Test("audit --to-config compares two settings; verify accepts a byte-identical library in another folder; help names outputs and exit statuses")
    func auditVerifyHelp() throws {
        let out = cli.tempDir(), audit = cli.tempDir(), lib = cli.tempDir()
        defer { for p in [out, audit, lib] { try? FileManager.default.removeItem(atPath: p) } }
        // Another grid-year mapping for 2024: 2022 in place of 2023.
        let config = cli.tempDir() + ".json"
        defer { try? FileManager.default.removeItem(atPath: config) }
        let json = try String(contentsOfFile: repositoryRoot + "/Templates/demo-city/ghg-project.json", encoding: .utf8)
        try json.replacingOccurrences(of: "\"2024\": 2023", with: "\"2024\": 2022")
            .write(toFile: config, atomically: true, encoding: .utf8)
        let a = try cli.ghg(["audit", "Templates/demo-city", "--to-config", config, "--out", audit])
        #expect(a.status == 0, "\(a.stderr)")
        let csv = try String(contentsOfFile: audit + "/audit.csv", encoding: .utf8)
        #expect(csv.contains("grid_ef: grid_ef 0.2472 tCO2/MWh"), "\(csv.prefix(600))")
        // verify against a copy of the library in another folder.
        try FileManager.default.copyItem(atPath: repositoryRoot + "/EmissionFactors", toPath: lib)
        #expect(try cli.ghg(["compile", "Templates/demo-city", "--out", out]).status == 0)
        let v = try cli.ghg(["verify", out, "Templates/demo-city", "--factors", lib])
        #expect(v.status == 0 && v.stdout.hasPrefix("ok:"), "\(v.stderr)")
        for command in ["compile", "validate", "explain", "audit", "verify", "init", "factors"] {
            let h = try cli.ghg([command, "--help"])
            #expect(h.status == 0 && h.stdout.contains("Exit status: 0"), "\(command)")
        }
    }

    @Test("a county whose parent chain reaches no province says so; every missing GDP index year is named at once with gdp_price_base")
    func chainsExplained() throws {
        let dir = try demoCopy()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try (try String(contentsOfFile: dir + "/regions.csv", encoding: .utf8) + "519999,西湖县,Xihu (no parent),county,\n")
            .write(toFile: dir + "/regions.csv", atomically: true, encoding: .utf8)
        try (try String(contentsOfFile: dir + "/activity/energy.csv", encoding: .utf8)
            + "519999,2024,IND.1,electricity_net_import,electricity,1,亿千瓦时,x,,\n")
            .write(toFile: dir + "/activity/energy.csv", atomically: true, encoding: .utf8)
        let socio = try String(contentsOfFile: dir + "/socioeconomic.csv", encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("519900,2022,gdp_index") && !$0.hasPrefix("519900,2023,gdp_index") }
        try socio.joined(separator: "\n").write(toFile: dir + "/socioeconomic.csv", atomically: true, encoding: .utf8)
        let r = try cli.ghg(["validate", dir])
        #expect(r.stderr.contains("region 519999 has no province in its parent chain in regions.csv (519999), so no "
            + "provincial or grid-region factor can apply"), "\(r.stderr)")
        let gdp = r.stderr.split(separator: "\n").filter { $0.contains("gdp_index") }.map(String.init)
        let expected: String = "socioeconomic.csv:2: error: GDP index ('gdp_index') missing for region 519900 in 2022, 2023: "
            + "constant-price GDP is chain-linked from the price base year 2005 (ghg-project.json gdp_price_base) to "
            + "each inventory year; expected one row per year, e.g. 519900,2022,gdp_index,<value>,% (or gdp_constant "
            + "at 2005 prices) [empty-field]"
        #expect(gdp == [expected], "\(gdp)")
    }
}
