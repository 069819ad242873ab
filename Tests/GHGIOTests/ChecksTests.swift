import Foundation
import GHGCore
import GHGIO
import GHGTestSupport
import Testing

/// Quality checks into checks.csv (issue 14, item 1).
@Suite("Quality checks")
struct ChecksTests {
    func compile(_ rows: [String], years: [Int] = [2021, 2022], extra: String = "") throws
        -> (Compilation, [[String: String]]) {
        let config = """
            {"name": "t", "years": [\(years.map(String.init).joined(separator: ", "))], "gwp": "AR5", "factor_stack": []\(extra)}
            """
        let p = try TestProject(config: config, activity: ["e.csv": ([TestProject.header] + rows).joined(separator: "\n")])
        defer { p.remove() }
        let (c, out) = try p.compileToDisk()
        return (c, c.succeeded ? try readCSV(out + "/checks.csv") : [])
    }

    static let rows = ["510802,2021,1.A.1.a.i,direct_emission,CO2,100,t,plant,,",
                       "510802,2022,1.A.1.a.i,direct_emission,CO2,115,t,plant,,",
                       "510802,2021,2.A.1,direct_emission,CO2,100,t,kiln,,",
                       "510802,2022,2.A.1,direct_emission,CO2,105,t,kiln,,"]

    @Test("year on year: 1.A.1 100 → 115 t (+15 % > 10 %) and the total 200 → 220 t (+10 % > 5 %) are findings with their rows; 2.A.1 +5 % is not")
    func yearOnYear() throws {
        let (c, checks) = try compile(Self.rows)
        #expect(c.succeeded)
        let county = checks.filter { $0["check"] == "year_on_year" && $0["region"] == "510802" }
        #expect(county.map { $0["subject"]! } == ["1 GHG", "1.A GHG", "1.A.1 GHG", "TOTAL GHG"])
        let a1 = try #require(county.first { $0["subject"] == "1.A.1 GHG" })
        #expect(a1["value"] == "115" && a1["reference"] == "100" && a1["difference"] == "15" && a1["severity"] == "warning")
        #expect(close(Double(a1["difference_pct"]!), 15, rel: 1e-12))
        #expect(a1["detail"] == "change beyond ±10 % from 2021; largest rows 2022: activity/e.csv:3; 2021: activity/e.csv:2")
        let total = try #require(county.first { $0["subject"] == "TOTAL GHG" })
        #expect(total["detail"] == "change beyond ±5 % from 2021; largest rows 2022: activity/e.csv:3, activity/e.csv:5; "
                    + "2021: activity/e.csv:2, activity/e.csv:4")
        // The city and the province roll the county up and have the same findings; the summary counts them all
        // and those of the region it is about (the county: the only one with rows).
        #expect(checks.filter { $0["check"] == "year_on_year" && $0["region"] == "510800" }.count == 4)
        let summary = Summary.text(c, inventory: try #require(c.inventory))
        #expect(summary.contains("checks: 66 findings to review (54 completeness, 12 year_on_year; 22 for 510802), see checks.csv"), "\(summary)")
    }

    @Test("the thresholds are the project's; years that are not consecutive are not compared; a bad setting is an error")
    func thresholds() throws {
        let (_, wide) = try compile(Self.rows, extra: #", "checks": {"year_on_year_category_pct": 20, "year_on_year_total_pct": 12}"#)
        #expect(wide.filter { $0["check"] == "year_on_year" }.isEmpty)
        let gap = Self.rows.map { $0.replacingOccurrences(of: ",2021,", with: ",2019,") }
        let (_, apart) = try compile(gap, years: [2019, 2022])
        #expect(apart.filter { $0["check"] == "year_on_year" }.isEmpty)
        let (bad, _) = try compile(Self.rows, extra: #", "checks": {"year_on_year_pct": 10, "year_on_year_total_pct": -1}"#)
        let errors = bad.log.sorted.filter { $0.severity == .error }.map(\.description)
        #expect(errors.contains("ghg-project.json: error: checks.year_on_year_pct: unknown setting; expected year_on_year_category_pct or year_on_year_total_pct [project-file]"), "\(errors)")
        #expect(errors.contains("ghg-project.json: error: checks.year_on_year_total_pct: -1 is not a percentage; expected a positive number such as 10 [project-file]"), "\(errors)")
    }

    @Test("completeness: a category of sectors 1–4 without lines or a notation key in the latest year is a finding; a NO row covers it")
    func completeness() throws {
        let (_, checks) = try compile(Self.rows)
        let missing = checks.filter { $0["check"] == "completeness" && $0["region"] == "510802" }
        // 20 categories at two segments (1.A–1.C, 2.A–2.H, 3.A–3.D, 4.A–4.E) less 1.A and 2.A.
        #expect(missing.count == 18)
        #expect(missing.map { $0["subject"]! }.prefix(3) == ["1.B", "1.C", "2.B"])
        let e = try #require(missing.first { $0["subject"] == "4.E" })
        #expect(e["year"] == "2022" && e["severity"] == "warning" && e["status"] == "missing")
        #expect(e["detail"]?.hasPrefix("4.E ") == true && e["detail"]?.hasSuffix(" has no estimate and no notation key in 2022; expected activity rows, or a row with value NO, NE, NA, IE or C and a note") == true, "\(e)")
        let (_, withKey) = try compile(Self.rows + ["510802,2022,4.E,direct_emission,CO2,NO,,county survey,no other waste treatment,"])
        #expect(withKey.filter { $0["check"] == "completeness" && $0["region"] == "510802" }.count == 17)
        #expect(!withKey.contains { $0["check"] == "completeness" && $0["subject"] == "4.E" && $0["region"] == "510802" })
    }
}
