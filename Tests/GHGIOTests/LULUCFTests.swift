import Foundation
import GHGCore
import GHGIO
import GHGTestSupport
import Testing

/// LULUCF (sector 3.B): the test vectors TV27 and TV28 of methodology.md §7.3 through the whole pipeline, the shipped
/// IPCC defaults worked by hand (stock difference, conversion in 亩, mangrove restoration), the series rules of the
/// stock-difference method, the blue-carbon indicator, and the bad inputs of the sector.
@Suite("LULUCF (sector 3.B)")
struct LULUCFTests {
    static let header = ReferenceReader.factorColumns.joined(separator: ",")

    /// Compiles rows for 510802 with a project set (factor rows, and the county's climate codes), for `years`.
    func run(_ rows: [String], factors: [String] = [], zones: [String] = [], years: [Int] = [2022],
             stack: [String] = ["ipcc-2013-wetlands", "ipcc-2006"]) throws -> (Compilation, [[String: String]]) {
        var local = ["set.json": #"{"id": "county", "version": "1"}"#,
                     "f.csv": ([Self.header] + factors).joined(separator: "\n") + "\n"]
        if !zones.isEmpty {
            local["region-membership.csv"] = "region,member,year_from,year_to,source,note\n"
                + zones.map { "\($0),510802,,,county climate and ecological zone (test),\n" }.joined()
        }
        let p = try TestProject(stack: stack, years: years,
                                activity: ["lulucf.csv": ([TestProject.header] + rows).joined(separator: "\n")],
                                factors: local)
        defer { p.remove() }
        let (c, out) = try p.compileToDisk()
        return (c, c.succeeded ? try readCSV(out + "/inventory.csv") : [])
    }

    func value(_ rows: [[String: String]], _ category: String, year: Int = 2022, scope: String = "total") -> Double? {
        inventoryValue(rows, region: "510802", year: year, category: category, gas: "CO2", scope: scope)
    }

    func messages(_ c: Compilation, _ severity: Severity = .error) -> [String] {
        c.log.sorted.filter { $0.severity == severity }.map(\.description)
    }

    /// TV27's factors, stated as inputs (methodology.md §7.3).
    static let tv27Factors = [
        "bcef,broadleaf,3.B.1,,,,,0.7,t/m3,,,,TV27 (input),test",
        "root_shoot_ratio,broadleaf,3.B.1,,,,,0.2,1,,,,TV27 (input),test",
        "carbon_fraction,broadleaf,3.B.1,,,,,0.47,tC/t,,,,TV27 (input),test",
    ]

    // MARK: Test vectors (methodology.md §7.3)

    @Test("TV27: stock difference 10 000 ha, 100 → 110 m3/ha over 5 yr, BCEF 0.7, R 0.2, CF 0.47 = -28 952 t CO2")
    func tv27() throws {
        // C_t2 = 1 100 000 × 0.7 × 1.2 × 0.47 = 434 280 tC; C_t1 = 1 000 000 × 0.7 × 1.2 × 0.47 = 394 800 tC;
        // ΔC = 39 480 / 5 = 7 896 tC/yr; CO2 = -7 896 × 44/12 = -28 952 t.
        let (c, inv) = try run(["510802,2017,3.B.1.a,forest_stock,broadleaf,1000000,m3,TV27 survey 1,,",
                                "510802,2022,3.B.1.a,forest_stock,broadleaf,1100000,m3,TV27 survey 2,,"],
                               factors: Self.tv27Factors)
        #expect(c.succeeded && c.log.diagnostics.isEmpty, "\(c.log.sorted.map(\.description))")
        #expect(close(value(inv, "3.B.1.a"), -28_952, rel: 1e-9))
        #expect(close(value(inv, "3.B"), -28_952, rel: 1e-9))
        // The line is located at the later survey and names both surveys and the interval.
        let calc = try #require(c.calculation)
        try #require(calc.lines.count == 1)
        let line = calc.describe(0)
        #expect(line.activity.location.line == 3)
        print("TV27 formula:", line.formula, line.otherActivities.map(\.location))
        #expect(line.formula.contains("(t2 2022 yr - t1 2017 yr)") || line.formula.contains("2022"),
                "\(line.formula)")
    }

    @Test("TV28: China method V 1 000 000 m3, GR 0.06, CR 0.04, SVD 0.5, BEF 1.7, CF 0.5: growth -93 500, consumption 62 333.333, net -31 166.667 t")
    func tv28() throws {
        // Growth C = 1 000 000 × 0.06 × 0.5 × 1.7 × 0.5 = 25 500 tC → -93 500 t CO2; consumption C = 17 000 tC →
        // 62 333.333 t; net = -8 500 × 44/12 = -31 166.667 t CO2.
        let (c, inv) = try run(["510802,2022,3.B.1.a,forest_growth,standing_trees,1000000,m3,TV28,,"], factors: [
            "growth_rate,standing_trees,3.B.1,,,,,0.06,1,,,,TV28 (input),test",
            "consumption_rate,standing_trees,3.B.1,,,,,0.04,1,,,,TV28 (input),test",
            "wood_density,standing_trees,3.B.1,,,,,0.5,t/m3,,,,TV28 (input),test",
            "bef,standing_trees,3.B.1,,,,,1.7,1,,,,TV28 (input),test",
            "carbon_fraction,standing_trees,3.B.1,,,,,0.5,tC/t,,,,TV28 (input),test",
        ])
        #expect(c.succeeded && c.log.diagnostics.isEmpty, "\(c.log.sorted.map(\.description))")
        #expect(close(value(inv, "3.B.1.a"), -31_166.666_666_666_7, rel: 1e-9))
        let calc = try #require(c.calculation)
        try #require(calc.lines.count == 2)
        let masses = (0..<calc.lines.count).map { calc.describe($0).mass }.sorted()
        #expect(masses.count == 2)
        #expect(close(masses[0], -93_500, rel: 1e-12) && close(masses[1], 62_333.333_333_333_3, rel: 1e-12))
    }
}
