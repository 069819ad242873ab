import GHGTestSupport
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import GHGCore
import GHGIO
import Testing

/// `explain`, `factors diff`, `audit` and `verify` (issue 4), on small projects whose every delta is worked by hand.
@Suite("Lineage, audit and verification")
struct AuditTests {
    /// Copies a shipped set to a temporary folder and replaces one line of one of its files.
    func editedSet(_ id: String, file: String, replacing old: String, with new: String) throws -> String {
        let dir = NSTemporaryDirectory() + "ghg-set-\(id)-" + UUID().uuidString
        try FileManager.default.copyItem(atPath: factorLibrary + "/" + id, toPath: dir)
        let path = dir + "/" + file
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains(old), "the row to edit must exist: \(old)")
        try text.replacingOccurrences(of: old, with: new).write(toFile: path, atomically: true, encoding: .utf8)
        return dir
    }

    static let stack = ["china-provincial-2011", "china-energy-statistics", "china-grid", "ipcc-2006"]

    func project(_ rows: [String], socio: [String] = []) throws -> TestProject {
        let p = try TestProject(stack: Self.stack, years: [2005, 2022],
                                lookup: #"{"grid_ef": {"years": {"2005": 2012}}}"#,
                                activity: ["a.csv": ([TestProject.header] + rows).joined(separator: "\n")],
                                socio: socio)
        return p
    }

    static let rows = [
        "310000,2022,IND.1,electricity_net_import,electricity,5000000,MWh,grid,,",
        "310000,2005,IND.1,electricity_net_import,electricity,5000000,MWh,grid,,",
        "510802,2022,IND.1,electricity_net_import,electricity,1000000,MWh,grid,,",
        "510802,2022,1.A.1.a.i,fuel_combustion,raw_coal,100,万吨,coal,,",
        "510802,2005,1.A.1.a.i,fuel_combustion,raw_coal,100,万吨,coal,,",
        "510802,2022,1.A.3.b,fuel_combustion,diesel,1,万吨,road,,",
    ]

    @Test("a changed grid factor for one region and year: exactly that line and the totals above it move")
    func gridChange() throws {
        let p = try project(Self.rows)
        defer { p.remove() }
        let grid = try editedSet("china-grid", file: "grid_ef.csv", replacing: ",east_china,2022,2022,0.5617,",
                                 with: ",east_china,2022,2022,0.6,")
        defer { try? FileManager.default.removeItem(atPath: grid) }
        let (report, _, _) = Auditor.audit(projectAt: p.root, from: nil,
                                           to: ["china-provincial-2011", "china-energy-statistics", grid, "ipcc-2006"],
                                           options: CompileOptions(factorsDirectory: factorLibrary))
        let r = try #require(report)
        // One line: Shanghai 2022 net import 5 000 000 MWh × (0.6 − 0.5617) t/MWh = 191 500 t CO2.
        #expect(r.lines.count == 1)
        let line = try #require(r.lines.first)
        #expect(line.key.region == "310000" && line.key.year == 2022 && line.key.category.description == "IND.1")
        #expect(close(line.massChange, 191_500))
        #expect(line.cause.description.hasPrefix("grid_ef: grid_ef 0.5617 tCO2/MWh (china-grid@1.1.0 EmissionFactors/china-grid/"))
        // The totals above it, and nothing else: indirect TOTAL, IND and IND.1 and the total with indirect, for CO2
        // and for all gases; the Sichuan lines and the 2005 line do not move.
        let moved = Set(r.totals.map { "\($0.key.region) \($0.key.year) \($0.key.scope) \($0.key.node) \($0.key.gas)" })
        #expect(moved == [
            "310000 2022 indirect TOTAL CO2", "310000 2022 indirect TOTAL GHG", "310000 2022 indirect IND CO2",
            "310000 2022 indirect IND GHG", "310000 2022 indirect IND.1 CO2", "310000 2022 indirect IND.1 GHG",
            "310000 2022 total_with_indirect TOTAL CO2", "310000 2022 total_with_indirect TOTAL GHG",
        ])
        for t in r.totals {
            #expect(close(t.change, 191_500))
            #expect(t.attribution.count == 1)
            #expect(close(t.attribution.reduce(0) { $0 + $1.co2e }, t.change, rel: 1e-12))
        }
    }

    @Test("audit.html: one bridge per year and total of the region, one bar per factor change, biggest first, adding up")
    func auditBridge() throws {
        let p = try project(Self.rows)
        defer { p.remove() }
        // Two changes: raw coal 26.1 → 27.0 tC/TJ and diesel 20.2 → 20.0 tC/TJ.
        let once = try editedSet("china-provincial-2011", file: "carbon_content.csv",
                                 replacing: "carbon_content,raw_coal,,,,,,26.1,", with: "carbon_content,raw_coal,,,,,,27.0,")
        defer { try? FileManager.default.removeItem(atPath: once) }
        let path = once + "/carbon_content.csv"
        try (try String(contentsOfFile: path, encoding: .utf8))
            .replacingOccurrences(of: "carbon_content,diesel,,,,,,20.2,", with: "carbon_content,diesel,,,,,,20.0,")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let (report, _, b) = Auditor.audit(projectAt: p.root, from: nil,
                                           to: [once, "china-energy-statistics", "china-grid", "ipcc-2006"],
                                           options: CompileOptions(factorsDirectory: factorLibrary))
        let r = try #require(report)
        let html = ReportWriter.auditHTML(r, top: "510802", regions: b.project?.regions, templates: reportTemplates)
        #expect(!html.contains("<script"))
        // Well-formed, with a chart and a table row per bar.
        let parser = XMLParser(data: Data(html.utf8))
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "") line \(parser.lineNumber)")
        // 2022 and 2005, each the territorial total and the total with indirect emissions.
        #expect(html.components(separatedBy: "<svg").count - 1 == 4)
        // 2022: raw coal +64 166.652 t (10^6 t × 20.908 GJ/t × 0.9 tC/TJ × 0.93 × 44/12) and diesel
        // 10^4 t × 43.33 GJ/t × (−0.2) tC/TJ × 0.98 × 44/12 = −311.4 t; biggest first.
        let total = try #require(r.totals.first {
            $0.key.region == "510802" && $0.key.year == 2022 && $0.key.node == .total && $0.key.gas == .all
                && $0.key.scope == .total && $0.key.extent == .all
        })
        #expect(total.attribution.count == 2)
        let section = try #require(html.components(separatedBy: "<h3>2022 total:").dropFirst().first)
        let values = section.components(separatedBy: "data-value=\"").dropFirst()
            .prefix(2).map { Double($0.prefix { $0 != "\"" })! }
        #expect(values.count == 2)
        #expect(close(values[0], 64_166.652, rel: 1e-9))
        #expect(values[1] < 0 && abs(values[1]) < abs(values[0]))
        #expect(close(values[0] + values[1], total.change, rel: 1e-12))
        #expect(section.contains("carbon_content: carbon_content 26.1 tC/TJ"))
    }

    @Test("a changed carbon content moves only that fuel's CO2 lines, by the hand-worked delta")
    func carbonContentChange() throws {
        let p = try project(Self.rows)
        defer { p.remove() }
        let prov = try editedSet("china-provincial-2011", file: "carbon_content.csv",
                                 replacing: "carbon_content,raw_coal,,,,,,26.1,", with: "carbon_content,raw_coal,,,,,,27.0,")
        defer { try? FileManager.default.removeItem(atPath: prov) }
        let (report, _, _) = Auditor.audit(projectAt: p.root, from: nil,
                                           to: [prov, "china-energy-statistics", "china-grid", "ipcc-2006"],
                                           options: CompileOptions(factorsDirectory: factorLibrary))
        let r = try #require(report)
        // Two lines (raw coal CO2 in 2005 and 2022), each 10^6 t × 20.908 GJ/t × (27.0 − 26.1) tC/TJ × 0.93 × 44/12
        // = 64 166.652 t CO2; CH4 and N2O of the coal, the diesel and the electricity do not move.
        // Lines come in activity-row order: row 5 (2022) before row 6 (2005).
        #expect(r.lines.map { "\($0.key.year) \($0.key.gas) \($0.key.category)" }
            == ["2022 CO2 1.A.1.a.i", "2005 CO2 1.A.1.a.i"])
        for l in r.lines {
            #expect(close(l.massChange, 64_166.652, rel: 1e-9))
            #expect(l.cause.description.hasPrefix("carbon_content: carbon_content 26.1 tC/TJ"))
        }
        #expect(r.totals.allSatisfy { $0.key.region == "510802" || $0.key.region == "510800" || $0.key.region == "510000" })
        #expect(r.totals.allSatisfy { $0.key.gas == .gas(.co2) || $0.key.gas == .all })
    }

    @Test("a factor that applies to 2005 changes the 2005 base intensity and the decline, and the audit says so")
    func baseYearChange() throws {
        // Shanghai's 2005 line uses the 2012 East China factor (year map 2005 → 2012): 0.7035 → 0.75 moves it by
        // 5 000 000 × 0.0465 = 232 500 t, and with it the 2005 CO2 intensity and the 2022 decline against 2005.
        let p = try project(Self.rows, socio: ["310000,2005,gdp,100,亿元,,s,", "310000,2022,gdp_constant,300,亿元,2005,s,"])
        defer { p.remove() }
        let grid = try editedSet("china-grid", file: "grid_ef.csv", replacing: ",east_china,2012,2012,0.7035,",
                                 with: ",east_china,2012,2012,0.75,")
        defer { try? FileManager.default.removeItem(atPath: grid) }
        let (report, a, b) = Auditor.audit(projectAt: p.root, from: nil,
                                           to: ["china-provincial-2011", "china-energy-statistics", grid, "ipcc-2006"],
                                           options: CompileOptions(factorsDirectory: factorLibrary))
        let r = try #require(report)
        #expect(r.lines.count == 1 && close(r.lines.first?.massChange, 232_500, rel: 1e-9))
        func change(_ key: String, _ year: Int, base: Int? = nil) -> IndicatorChange? {
            r.indicators.first { $0.region == "310000" && $0.key == key && $0.year == year && $0.baseYear == base }
        }
        // 2005 intensity: 5 000 000 × 0.7035 t / 10^6 万元 = 3.5175 → 5 000 000 × 0.75 / 10^6 = 3.75 t/万元.
        let base = try #require(change("co2_intensity", 2005))
        #expect(close(base.before, 3.5175) && close(base.after, 3.75))
        // 2022: 2 808 500 t / 3×10^6 万元 = 0.936167 t/万元; decline vs 2005 = (1 − 0.936167/3.5175) × 100 before,
        // (1 − 0.936167/3.75) × 100 after.
        let decline = try #require(change("co2_intensity_decline", 2022, base: 2005))
        let ci2022 = 2_808_500.0 / 3e6
        #expect(close(decline.before, (1 - ci2022 / 3.5175) * 100))
        #expect(close(decline.after, (1 - ci2022 / 3.75) * 100))
        #expect(Auditor.markdown(r).contains("| 310000 | 2022 | co2_intensity_decline | 2005 |"))
        #expect(a.succeeded && b.succeeded)
    }

    @Test("factors diff: a set against itself is empty; against an edited copy it lists that row alone")
    func factorsDiff() throws {
        var log = DiagnosticLog()
        let ref = ReferenceReader.load(root: factorLibrary, log: &log)
        let grid = try #require(ref.sets["china-grid"])
        #expect(FactorAudit.diff(grid, grid).isEmpty)
        #expect(FactorsTool.diff(grid, grid).split(separator: "\n").count == 1)  // the header only
        let dir = try editedSet("china-grid", file: "grid_ef.csv", replacing: ",east_china,2022,2022,0.5617,",
                                with: ",east_china,2022,2022,0.6,")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let edited = try #require(FactorsTool.resolve(dir, reference: ref, log: &log))
        let changes = FactorAudit.diff(grid, edited)
        #expect(changes.count == 1)
        let c = try #require(changes.first)
        #expect(c.kind == .changed && c.old?.value == 0.5617 && c.new?.value == 0.6)
        #expect(close(c.relativeChange, (0.6 - 0.5617) / 0.5617))
        #expect(c.key == "grid_ef|electricity|||east_china|2022|2022")
    }

    @Test("explain: the golden text for a demo total, and the lines add up to the total")
    func explainDemo() throws {
        let c = Compiler.compile(projectAt: repositoryRoot + "/Templates/demo-city",
                                 options: CompileOptions(factorsDirectory: factorLibrary))
        let inv = try #require(c.inventory)
        let key = InventoryKey(region: "519921", year: 2024, node: .category(CategoryCode("1.B.1")!), gas: .all,
                               scope: .total)
        let table = c.reference.gwp
        let calc = try #require(c.calculation)
        let tree = try #require(Explainer.tree(inv, calc, key: key, gwp: { table.value(of: $0, in: .ar5)?.gwp100 }))
        let total = try #require(inv.row(key)?.co2eTonnes)
        #expect(close(tree.value, total, rel: 1e-12))
        var sum = 0.0, count = 0
        func walk(_ n: ExplanationNode) {
            for i in n.lines { sum += calc.lines.mass[i] * 28; count += 1 }  // all lines here are CH4 (AR5 28)
            n.children.forEach(walk)
        }
        walk(tree)
        #expect(count == 4)  // underground and surface, mining and post-mining
        #expect(close(sum, total, rel: 1e-12))
        let text = ExplainRenderer.text(tree, key: key, inventory: inv, calculation: calc,
                                        categories: c.reference.categories, regions: c.project!.regions)
        Golden.check(text, path: "Tests/GHGIOTests/Golden/explain-519921-2024-1.B.1.txt")
        // Lines rendered side by side (one run per line here) join into the same text.
        #expect(ExplainRenderer.text(tree, key: key, inventory: inv, calculation: calc,
                                     categories: c.reference.categories, regions: c.project!.regions,
                                     threads: 3) == text)
        let json = ExplainRenderer.json(tree, key: key, inventory: inv, calculation: calc)
        #expect(json.contains("\"category\": \"1.B.1.a.i.1\""))
        // The JSON is the pretty text of the whole document as one JSONValue, with lines written side by side or not.
        func node(_ n: ExplanationNode) -> JSONValue {
            .object([("category", .string(n.node.description)), ("value", .number(n.value)),
                     ("lines", .array(n.lines.map { OutputWriter.lineJSON(calc.describe($0)) })),
                     ("children", .array(n.children.map(node)))])
        }
        let document: JSONValue = .object([
            ("region", .string(key.region)), ("extent", .string(key.extent.rawValue)), ("year", .int(key.year)),
            ("scope", .string(key.scope.rawValue)), ("gas", .string(key.gas.description)),
            ("unit", .string(key.gas == .all ? "t CO2e" : "t")), ("gwp", .string(inv.gwpSet.rawValue)),
            ("tree", node(tree)),
        ])
        #expect(json == document.pretty + "\n")
        #expect(ExplainRenderer.json(tree, key: key, inventory: inv, calculation: calc, threads: 3) == json)
        // The region's total over all categories and gases (many lines): the same, one thread or three.
        let totalKey = InventoryKey(region: key.region, year: key.year, node: .total, gas: .all, scope: .total)
        let totalTree = try #require(Explainer.tree(inv, calc, key: totalKey,
                                                   gwp: { table.value(of: $0, in: .ar5)?.gwp100 }))
        let totalJSON = ExplainRenderer.json(totalTree, key: totalKey, inventory: inv, calculation: calc, threads: 3)
        let totalDocument: JSONValue = .object([
            ("region", .string(totalKey.region)), ("extent", .string(totalKey.extent.rawValue)),
            ("year", .int(totalKey.year)), ("scope", .string(totalKey.scope.rawValue)),
            ("gas", .string(totalKey.gas.description)), ("unit", .string("t CO2e")),
            ("gwp", .string(inv.gwpSet.rawValue)), ("tree", node(totalTree)),
        ])
        #expect(totalJSON == totalDocument.pretty + "\n")
        #expect(totalJSON.count > 10 * json.count)
    }

    @Test("verify: a fresh output passes; an edited input or output is named")
    func verify() throws {
        let dir = NSTemporaryDirectory() + "ghg-verify-" + UUID().uuidString
        try FileManager.default.copyItem(atPath: repositoryRoot + "/Templates/demo-city", toPath: dir)
        let out = dir + "-out"
        defer {
            try? FileManager.default.removeItem(atPath: dir)
            try? FileManager.default.removeItem(atPath: out)
        }
        let c = Compiler.compile(projectAt: dir, options: CompileOptions(factorsDirectory: factorLibrary))
        _ = try OutputWriter.write(c, to: out)
        #expect(Verifier.verify(outputDirectory: out, projectAt: dir, factorsDirectory: factorLibrary) == [])
        // Edit one activity value: the recompiled outputs differ, and the changed input is named.
        let path = dir + "/activity/energy.csv"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: ",168.6,万吨,", with: ",168.7,万吨,").write(toFile: path, atomically: true,
                                                                                    encoding: .utf8)
        let problems = Verifier.verify(outputDirectory: out, projectAt: dir, factorsDirectory: factorLibrary)
        #expect(problems.contains { $0.hasPrefix("inventory.csv: recompiling gives a different file; changed inputs: "
                                                  + "activity/energy.csv (sha256 ") })
        // Edit an output: it is named as edited after compilation.
        try "tampered\n".write(toFile: out + "/targets.csv", atomically: true, encoding: .utf8)
        let again = Verifier.verify(outputDirectory: out, projectAt: dir, factorsDirectory: factorLibrary)
        #expect(again.contains { $0.hasPrefix(out + "/targets.csv: edited after compilation") })
    }
}
