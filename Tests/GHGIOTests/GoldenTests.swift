import GHGTestSupport
import Foundation
import GHGCore
import GHGIO
import Testing

/// Golden files for the demo project's outputs. Regenerate after an intended change with
/// `GHG_UPDATE_GOLDEN=1 swift test --filter GoldenTests`, and review the diff before committing it.
@Suite("Demo project golden files")
struct GoldenTests {
    static let demo = repositoryRoot + "/Templates/demo-city"

    static func render() -> (Compilation, [(String, String)]) {
        let c = Compiler.compile(projectAt: demo, options: CompileOptions(factorsDirectory: factorLibrary))
        return (c, OutputWriter.render(c, templates: reportTemplates))
    }

    @Test("the demo compiles without errors; its only warnings are the base years' grid factors from 2012")
    func clean() {
        let (c, _) = Self.render()
        // 2005 and 2020 have no grid factor; the demo maps them to 2012 (ghg-project.json factor_lookup.grid_ef) and
        // is told, once per electricity row of those years, that the factor is 7 and 8 years away.
        let warnings = c.log.diagnostics.map(\.description)
        #expect(c.log.errorCount == 0 && warnings.count == 6)
        #expect(warnings.allSatisfy { $0.contains("factor 'grid_ef'") && $0.hasSuffix("[factor-year]") })
        #expect(warnings.filter { $0.contains("is for 2012, 7 years from the inventory year 2005") }.count == 3)
        #expect(warnings.filter { $0.contains("is for 2012, 8 years from the inventory year 2020") }.count == 3)
        #expect(c.succeeded)
        let calc = c.calculation!
        // Every activity row is used or reported: 415 rows (222 energy, 24 IPPU, 72 agriculture, 26 LULUCF, 71 waste), all
        // used (13 are notation keys).
        #expect(c.project?.activityRowCount == 415)
        #expect(calc.usedRowCount == 415)
        #expect(calc.plan.notationRows.count == 13)
    }

    @Test("every output matches its golden file byte for byte")
    func matchesGolden() throws {
        let (_, files) = Self.render()
        // report.html has no golden file of its own (its charts' geometry would make every chart tweak a 190 kB
        // diff): its bytes are pinned by its hash in the golden manifest.json, and its numbers are checked against
        // the CSV files in ReportTests.
        #expect(files.map(\.0).contains("report.html"))
        for (name, text) in files where name != "report.html" {
            Golden.check(text, path: "Tests/GHGIOTests/Golden/demo-city/" + name)
        }
    }

    @Test("two runs give byte-identical outputs")
    func deterministic() {
        let (_, first) = Self.render()
        let (_, second) = Self.render()
        #expect(first.map(\.0) == second.map(\.0))
        for ((name, a), (_, b)) in zip(first, second) { #expect(a == b, "\(name) differs between runs") }
    }

    @Test("the manifest names the GWP set, hashes every input and output, and holds no absolute path")
    func manifest() throws {
        let (c, files) = Self.render()
        let manifest = try #require(files.first { $0.0 == "manifest.json" }?.1)
        #expect(manifest.contains("\"gwp\": \"AR5\""))
        #expect(!manifest.contains(repositoryRoot))
        for f in c.project!.files { #expect(manifest.contains(f.sha256), "\(f.path)") }
        for s in c.stack { #expect(manifest.contains(s.info.contentHash), "\(s.info.id)") }
        for (name, text) in files where name != "manifest.json" {
            #expect(manifest.contains(SHA256.hex(Array(text.utf8))), "\(name)")
        }
    }

    @Test("category totals equal the sum of their lines, and TOTAL the sum of the sectors")
    func totalsAddUp() throws {
        let (c, _) = Self.render()
        let inv = try #require(c.inventory), calc = try #require(c.calculation)
        inv._checkInvariants()
        for row in inv.rows where row.massTonnes != nil {
            var sum = CompensatedSum()
            for i in Explainer.lines(of: row.key, in: calc, regions: inv.regions) { sum.add(calc.lines.mass[i]) }
            #expect(close(row.massTonnes, sum.value, rel: 1e-12), "\(row.key)")
        }
        for i in 0..<calc.lines.count {
            let l = calc.describe(i)
            let key = InventoryKey(region: l.region, year: l.year, node: .total, gas: .gas(l.gas), scope: l.scope)
            #expect(inv.row(key) != nil, "line \(i) is in no TOTAL row of its region")
            #expect(Explainer.lines(of: key, in: calc, regions: inv.regions).contains(i), "line \(i)")
        }
        for region in ["519902", "519921", "519981"] {
            let total = try #require(inv.row(InventoryKey(region: region, year: 2024, node: .total, gas: .all,
                                                           scope: .total))?.co2eTonnes)
            var sectors = 0.0
            for s in ["1", "2", "3", "4", "5"] {
                sectors += inv.row(InventoryKey(region: region, year: 2024, node: .category(CategoryCode(s)!),
                                                gas: .all, scope: .total))?.co2eTonnes ?? 0
            }
            #expect(close(sectors, total, rel: 1e-12), "\(region)")
        }
    }

    @Test("--gwp SAR changes CO2e and names SAR, masses unchanged")
    func gwpOverride() throws {
        let ar5 = Compiler.compile(projectAt: Self.demo, options: CompileOptions(factorsDirectory: factorLibrary))
        let sar = Compiler.compile(projectAt: Self.demo,
                                   options: CompileOptions(factorsDirectory: factorLibrary, gwp: .sar))
        let key = InventoryKey(region: "519921", year: 2024, node: .total, gas: .gas(.ch4), scope: .total)
        let a = try #require(ar5.inventory?.row(key)), s = try #require(sar.inventory?.row(key))
        #expect(a.massTonnes == s.massTonnes)
        // CH4 CO2e = mass × 28 (AR5) vs × 21 (SAR).
        #expect(close(a.co2eTonnes, try #require(a.massTonnes) * 28))
        #expect(close(s.co2eTonnes, try #require(s.massTonnes) * 21))
        #expect(OutputWriter.inventoryCSV(sar.inventory!, categories: sar.reference.categories)
            .split(separator: "\n").dropFirst().allSatisfy { $0.hasSuffix(",SAR") })
    }
}
