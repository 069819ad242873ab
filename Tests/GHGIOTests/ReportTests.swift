import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import GHGCore
import GHGIO
import GHGTestSupport
import Testing

/// The report outputs: `summary.csv` against `inventory.csv`, the layout against the category list, `report.html`
/// through an XML parser against the CSV files, and spreadsheet and HTML injection.
@Suite("Reports")
struct ReportTests {
    static let demo = repositoryRoot + "/Templates/demo-city"

    /// The demo compiled to disk once per test that needs it.
    static func demoOnDisk() throws -> String {
        let out = NSTemporaryDirectory() + "ghg-report-" + UUID().uuidString
        let c = Compiler.compile(projectAt: demo, options: CompileOptions(factorsDirectory: factorLibrary))
        _ = try OutputWriter.write(c, to: out, templates: reportTemplates)
        return out
    }

    /// Every element's attributes, in document order, read by Foundation's XML parser (libxml2); throws on any
    /// parse error (an unclosed tag, an unescaped `<` or `&`).
    final class Attributes: NSObject, XMLParserDelegate {
        var elements: [(name: String, attributes: [String: String])] = []
        var text = ""
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String]) {
            elements.append((name, attributes))
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        static func parse(_ html: String) throws -> Attributes {
            let parser = XMLParser(data: Data(html.utf8))
            let a = Attributes()
            parser.delegate = a
            guard parser.parse() else {
                throw ParseError(message: "\(parser.parserError.map { "\($0)" } ?? "?") at line \(parser.lineNumber)")
            }
            return a
        }
    }

    struct ParseError: Error { var message: String }

    @Test("summary.csv of the city and a county equals inventory.csv cell by cell, every year and layout row")
    func summaryMatchesInventory() throws {
        let out = try Self.demoOnDisk()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let inventory = try readCSV(out + "/inventory.csv").filter { $0["extent"] == "all" }
        let summary = try readCSV(out + "/summary.csv")
        // inventory.csv by region|year|scope|category|gas -> (mass, co2e).
        var cells: [String: (mass: String, co2e: String)] = [:]
        for r in inventory {
            cells["\(r["region"]!)|\(r["year"]!)|\(r["scope"]!)|\(r["category"]!)|\(r["gas"]!)"] = (r["mass_t"]!, r["co2e_t"]!)
        }
        let layout = reportTemplates.layout
        let groups: [(column: String, gases: [String], mass: Bool)] = [
            ("co2_t", ["CO2"], true), ("ch4_t", ["CH4"], true), ("n2o_t", ["N2O"], true), ("sf6_t", ["SF6"], true),
            ("co2_co2e_t", ["CO2"], false), ("ch4_co2e_t", ["CH4"], false), ("n2o_co2e_t", ["N2O"], false),
            ("pfcs_co2e_t", ["CF4", "C2F6"], false), ("sf6_co2e_t", ["SF6"], false), ("total_co2e_t", ["GHG"], false),
        ]
        var compared = 0, nonEmpty = 0
        for region in ["519900", "519921"] {
            let rows = summary.filter { $0["region"] == region }
            #expect(rows.count > 100)
            for s in rows {
                let row = try #require(layout.rows.first { $0.id == s["row"] })
                let year = s["year"]!
                for g in groups {
                    // The expected cell: the signed sum over the row's nodes and the group's gases, in layout order.
                    var sum = 0.0, any = false
                    for t in row.terms {
                        for gas in g.gases {
                            guard let c = cells["\(region)|\(year)|\(row.scope.rawValue)|\(t.node)|\(gas)"] else { continue }
                            let text = g.mass ? c.mass : c.co2e
                            guard let x = Double(text) else { continue }
                            sum += t.sign * x
                            any = true
                        }
                    }
                    let written = s[g.column]!
                    if !any {
                        #expect(written.isEmpty, "\(region) \(year) \(row.id) \(g.column): '\(written)' without rows")
                    } else {
                        let value = try #require(Double(written), "\(region) \(year) \(row.id) \(g.column)")
                        #expect(close(value, sum, rel: 1e-12), "\(region) \(year) \(row.id) \(g.column): \(value) vs \(sum)")
                        if row.terms.count == 1 && g.gases.count == 1 {
                            // One inventory cell: the same digits.
                            let c = cells["\(region)|\(year)|\(row.scope.rawValue)|\(row.terms[0].node)|\(g.gases[0])"]!
                            #expect(written == (g.mass ? c.mass : c.co2e))
                        }
                        nonEmpty += 1
                    }
                    compared += 1
                }
                #expect(s["gwp"] == "AR5")
            }
        }
        #expect(compared > 2000 && nonEmpty > 1000)
        // The sectors add up to the net total, and the total without LULUCF is the net total less 3.B and 3.D.
        for year in ["2005", "2020", "2024"] {
            let rows = summary.filter { $0["region"] == "519900" && $0["year"] == year }
            func total(_ id: String) -> Double { Double(rows.first { $0["row"] == id }?["total_co2e_t"] ?? "") ?? 0 }
            let sectors = ["energy", "ippu", "agriculture", "lulucf", "waste", "other"].map(total).reduce(0, +)
            #expect(close(sectors, total("total"), rel: 1e-12), "\(year)")
            #expect(close(total("total_gross"), total("total") - total("lulucf"), rel: 1e-12), "\(year)")
        }
    }

    @Test("the layout puts every category of the five sectors (and 5, other) under exactly one sector row")
    func layoutCoversCategories() throws {
        var log = DiagnosticLog()
        let reference = ReferenceReader.load(root: factorLibrary, log: &log)
        let sectors = reportTemplates.layout.rows.filter { $0.level == 1 && $0.scope == .total }
        #expect(sectors.map(\.id) == ["energy", "ippu", "agriculture", "lulucf", "waste", "other"])
        var checked = 0
        for info in reference.categories.all {
            let code = info.code
            guard ["能源活动", "工业生产过程", "农业", "土地利用变化和林业", "废弃物处理"].contains(info.chinaSector)
                    || code.description.hasPrefix("5") else { continue }
            let covering = sectors.filter { row in
                row.terms.contains { t in
                    guard case let .category(c) = t.node else { return false }
                    return c.isPrefix(of: code)
                }
            }
            #expect(covering.count == 1, "\(code) is under \(covering.map(\.id))")
            // The sector row is the one categories.csv names (cn_sector).
            if !info.chinaSector.isEmpty { #expect(covering.first?.nameZH == info.chinaSector, "\(code)") }
            checked += 1
        }
        #expect(checked == 292)
    }

    @Test("a bad layout row is reported with its location and left out")
    func layoutErrors() {
        var log = DiagnosticLog()
        let reference = ReferenceReader.load(root: factorLibrary, log: &log)
        let text = """
            id,level,name_zh,name_en,scope,categories
            energy,1,能源活动,Energy,total,1
            energy,1,能源,Energy again,total,1
            odd,7,奇怪,Odd,total,1.A
            bad,2,坏,Bad,total,1.A 9.Z
            ok,0,合计,Total,total,TOTAL -3.B
            typo,1,生物质,Biomass,memo_biomas,TOTAL
            noname,1,无,,total,1
            """
        var d: [Diagnostic] = []
        let layout = SummaryLayout.parse(bytes: Array(text.utf8), file: "layout.csv", categories: reference.categories,
                                         diagnostics: &d)
        #expect(layout.rows.map(\.id) == ["energy", "ok"])
        #expect(layout.rows[1].terms.map(\.sign) == [1, -1])
        #expect(d.map(\.description) == [
            "layout.csv:3:1: error: duplicate row id 'energy' (first at line 2); expected each id once [file-format]",
            "layout.csv:4:5: error: level '7'; expected 0 (totals), 1 (sectors, memo items), 2 or 3 (sub-sectors) [file-format]",
            "layout.csv:5:19: error: unknown category '9.Z' in row 'bad'; expected a code of categories.csv such as "
                + "1.A.1, or TOTAL, separated by spaces, with - to subtract [unknown-category]",
            "layout.csv:7:20: error: unknown scope 'memo_biomas' in row 'typo'; expected total, indirect, "
                + "total_with_indirect, memo_biomass, memo_nonenergy, memo_international_bunkers, "
                + "memo_multilateral_operations, reference_approach or blue_carbon_sequestration [file-format]",
            "layout.csv:8:12: error: empty 'name_en'; expected the row's English name [empty-field]",
        ])
    }

    @Test("gas groups: HFC species, perfluorocarbons, SF6, NF3 and the rest")
    func gasGroups() {
        typealias G = SummaryTable.GasGroup
        #expect(G.of(.co2) == .co2 && G.of(.ch4) == .ch4 && G.of(.n2o) == .n2o)
        #expect(G.of(.hfc23) == .hfcs && G.of(Gas(rawValue: "HFC-365mfc")) == .hfcs)
        #expect(G.of(.cf4) == .pfcs && G.of(.c2f6) == .pfcs && G.of(Gas(rawValue: "C6F14")) == .pfcs
            && G.of(Gas(rawValue: "c-C4F8")) == .pfcs)
        #expect(G.of(.sf6) == .sf6 && G.of(.nf3) == .nf3)
        #expect(G.of(Gas(rawValue: "SO2F2")) == .other && G.of(Gas(rawValue: "CO")) == .other)
        #expect(SummaryTable.header.count == 24)
    }

    @Test("report.html parses as XML and every number it marks equals its row in the CSV outputs")
    func htmlNumbersMatchCSV() throws {
        let out = try Self.demoOnDisk()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        let doc = try Attributes.parse(html)
        #expect(!html.contains("<script"))
        // Nothing is fetched: no external resource of any kind.
        for link in ["src=", "href=", "url(", "<link", "@import"] { #expect(!html.contains(link), "\(link)") }
        #expect(doc.elements.filter { $0.name == "svg" }.count >= 10)
        #expect(doc.elements.filter { $0.name == "section" }.count == 5)  // the city, 3 counties, city-wide
        let summary = try readCSV(out + "/summary.csv")
        let inventory = try readCSV(out + "/inventory.csv")
        let indicators = try readCSV(out + "/indicators.csv")
        let uncertainty = try readCSV(out + "/uncertainty_approach1.csv")
        let targets = try readCSV(out + "/targets.csv")
        let keys = try readCSV(out + "/key_categories.csv").filter {
            $0["base_year"] == "" && $0["approach"] == "1" && $0["assessment"] == "level" && $0["lulucf"] == "included"
        }
        var checked: [String: Int] = [:]
        for e in doc.elements {
            guard let key = e.attributes["data-key"], let value = e.attributes["data-value"] else { continue }
            let p = key.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            var expected: String?
            switch p[0] {
            case "summary":
                expected = summary.first { $0["region"] == p[1] && $0["year"] == p[2] && $0["row"] == p[3] }?[p[4]]
            case "inventory":
                expected = inventory.first {
                    $0["region"] == p[1] && $0["extent"] == "all" && $0["year"] == p[2] && $0["scope"] == p[3]
                        && $0["category"] == p[4] && $0["gas"] == p[5]
                }?["co2e_t"]
            case "indicator":
                expected = indicators.first {
                    $0["region"] == p[1] && $0["year"] == p[2] && $0["indicator"] == p[3] && $0["base_year"] == p[4]
                }?["value"]
            case "uncertainty":
                expected = uncertainty.first {
                    $0["region"] == p[1] && $0["year"] == p[2] && $0["base_year"] == "" && $0["category"] == "TOTAL"
                }?["combined_pct"]
            case "target":
                expected = targets.first {
                    $0["region"] == p[1] && $0["indicator"] == p[2] && $0["base_year"] == p[3] && $0["target_year"] == p[4]
                }?["actual"]
            case "key":
                expected = keys.first {
                    $0["region"] == p[1] && $0["year"] == p[2] && $0["category"] == p[3] && $0["gas"] == p[4]
                }?[p[5]]
            default: Issue.record("unknown key \(key)")
            }
            #expect(expected == value, "\(key): report \(value), CSV \(expected ?? "none")")
            checked[p[0], default: 0] += 1
        }
        // 4 regions × (up to 5 headline figures, 2–4 declines, the latest year's table).
        #expect(checked["summary", default: 0] > 300)
        #expect(checked["inventory", default: 0] == 11)
        #expect(checked["indicator", default: 0] >= 16)
        #expect(checked["uncertainty", default: 0] == 3)  // 2005, 2020 and 2024
        #expect(checked["target", default: 0] == 7)  // the 8 targets but the pending one
        #expect(checked["key", default: 0] == 28)  // 14 key categories, t CO2e and share
        // The headline's net total is the inventory's TOTAL, shown rounded.
        #expect(html.contains("data-key=\"indicator|519900|2024|ghg_net|\" data-value=\"9939406.080837276\">9,939,406<"))
    }

    @Test("report.html, report.md and summary.csv are byte-identical across runs and thread counts")
    func deterministic() throws {
        func render(_ threads: Int) -> [String: String] {
            var o = CompileOptions(factorsDirectory: factorLibrary)
            o.threads = threads
            let c = Compiler.compile(projectAt: Self.demo, options: o)
            return Dictionary(uniqueKeysWithValues: OutputWriter.render(c, templates: reportTemplates)
                .filter { ["report.html", "report.md", "summary.csv"].contains($0.0) })
        }
        let a = render(1), b = render(2), c = render(1)
        #expect(a.count == 3)
        #expect(a == b && a == c)
    }

    @Test("a formula in a region name and a script in a target's source stay inert in every CSV and in the HTML")
    func injection() throws {
        let regions = """
            code,name_zh,name_en,level,parent
            510000,四川省,Sichuan,province,
            510800,@SUM(1+1),-2+3,city,510000
            510802,"=HYPERLINK(""http://x"")",<script>alert(1)</script>,county,510800
            """
        let p = try TestProject(
            years: [2020, 2022], regions: regions,
            activity: ["a.csv": TestProject.header + """

                510802,2022,1.A.4.b,fuel_combustion,raw_coal,100,t,<script>alert(2)</script>,=1+2,
                510802,2020,1.A.4.b,fuel_combustion,raw_coal,120,t,+cmd|' /C calc'!A0,,
                """],
            targets: ["510800,ghg_net,,2025,≤,100,t CO2e,\"=HYPERLINK(\"\"y\"\")<script>alert(3)</script>\",note"])
        defer { p.remove() }
        let (c, out) = try p.compileToDisk(excel: true)
        try #require(c.log.errorCount == 0, "\(c.log.diagnostics.map(\.description))")
        let names = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(names.contains("summary.csv") && names.contains("report.html"))
        for name in names where name.hasSuffix(".csv") {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: out + "/" + name)))
            #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]), "\(name) has no byte-order mark")
            for row in try readCSV(out + "/" + name) {
                for (column, field) in row {
                    guard let first = field.unicodeScalars.first, "=+-@".unicodeScalars.contains(first) else { continue }
                    // Only numbers may begin with '-'.
                    #expect(first == "-" && Double(field) != nil, "\(name) \(column): '\(field)' would be evaluated")
                }
            }
        }
        let summary = try String(contentsOfFile: out + "/summary.csv", encoding: .utf8)
        #expect(summary.contains("510802,\"'=HYPERLINK(\"\"http://x\"\")\",<script>alert(1)</script>,2022,"))
        #expect(summary.contains("510800,'@SUM(1+1),'-2+3,2022,"))
        let targets = try String(contentsOfFile: out + "/targets.csv", encoding: .utf8)
        #expect(targets.contains(",\"'=HYPERLINK(\"\"y\"\")<script>alert(3)</script>\","))
        let notation = try String(contentsOfFile: out + "/manifest.json", encoding: .utf8)
        #expect(notation.contains("\"csv_byte_order_mark\": true"))
        // The HTML: every user string escaped, the document well-formed, no script element, the name shown as text.
        let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        let doc = try Attributes.parse(html)
        #expect(!html.contains("<script"))
        #expect(!doc.elements.contains { $0.name == "script" })
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&lt;script&gt;alert(3)&lt;/script&gt;"))  // the target's source
        #expect(html.contains("=HYPERLINK(&quot;http://x&quot;)"))
        #expect(doc.text.contains("<script>alert(1)</script>"))
        let md = try String(contentsOfFile: out + "/report.md", encoding: .utf8)
        #expect(!md.contains("<script"))
        #expect(md.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test("CSV fields that a spreadsheet would evaluate get an apostrophe; numbers keep their sign")
    func csvEscaping() {
        #expect(CSVWriter.escape("=1+2") == "'=1+2")
        #expect(CSVWriter.escape("@SUM(A1)") == "'@SUM(A1)")
        #expect(CSVWriter.escape("+86 10") == "'+86 10")
        #expect(CSVWriter.escape("-x") == "'-x")
        #expect(CSVWriter.escape("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(CSVWriter.escape("\tcmd") == "'\tcmd")
        #expect(CSVWriter.escape("-12.5") == "-12.5")
        #expect(CSVWriter.escape("-1.5e-05") == "-1.5e-05")
        #expect(CSVWriter.escape("-inf") == "-inf")
        #expect(CSVWriter.escape("1.A.1") == "1.A.1")
        #expect(CSVWriter.escape("a,b") == "\"a,b\"")
    }

    @Test("excel_csv in ghg-project.json puts a byte-order mark on CSV files only; a non-boolean is an error")
    func excelSetting() throws {
        let config = """
            {"name": "t", "years": [2022], "gwp": "AR5", "factor_stack": ["china-provincial-2011",
             "china-energy-statistics", "china-grid", "ipcc-2006"], "calibers": {"natural_gas": "oilfield_gas"},
             "excel_csv": true}
            """
        let p = try TestProject(config: config, activity: ["a.csv": TestProject.header + """

            510802,2022,1.A.4.b,fuel_combustion,raw_coal,100,t,yearbook,,
            """])
        defer { p.remove() }
        let (c, out) = try p.compileToDisk()
        try #require(c.log.errorCount == 0)
        for name in ["inventory.csv", "summary.csv", "checks.csv", "diagnostics.csv"] {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: out + "/" + name)))
            // One byte-order mark, then the header's first letter ("region", "check", "file").
            #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]) && bytes.count > 3 && (0x61...0x7A).contains(bytes[3]),
                    "\(name)")
        }
        for name in ["report.html", "report.md", "manifest.json", "lineage.jsonl"] {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: out + "/" + name)))
            #expect(!bytes.starts(with: [0xEF, 0xBB, 0xBF]), "\(name)")
        }
        let bad = try TestProject(config: config.replacingOccurrences(of: "\"excel_csv\": true", with: "\"excel_csv\": \"yes\""),
                                  activity: [:])
        defer { bad.remove() }
        let b = bad.compile()
        #expect(b.log.diagnostics.map(\.description).contains {
            $0.contains("'excel_csv' is 'yes'; expected true (CSV files with a UTF-8 byte-order mark, for Excel) or false")
        })
    }
}
