import Foundation
import GHGCore
import GHGIO
import GHGTestSupport
import Testing

/// Excel's files (issue 9): a GB18030 `regions.csv` (Chinese Excel's "CSV") and a UTF-16 tab-separated activity file
/// (Excel's "Unicode text") compile to the same inventory as their UTF-8 originals, with a note naming the encoding.
@Suite("Excel's encodings")
struct EncodingTests {
    static let fixtures = repositoryRoot + "/Tests/GHGIOTests/Fixtures/encodings/"

    /// The demo compiled to a temporary folder, optionally with some of its files replaced.
    func compileDemo(replacing: [String: String] = [:]) throws -> (Compilation, String, String) {
        let dir = NSTemporaryDirectory() + "ghg-enc-" + UUID().uuidString
        try FileManager.default.copyItem(atPath: repositoryRoot + "/Templates/demo-city", toPath: dir)
        for (target, fixture) in replacing {
            try FileManager.default.removeItem(atPath: dir + "/" + target)
            try FileManager.default.copyItem(atPath: Self.fixtures + fixture, toPath: dir + "/" + target)
        }
        let c = Compiler.compile(projectAt: dir, options: CompileOptions(factorsDirectory: factorLibrary))
        let out = dir + "-out"
        _ = try OutputWriter.write(c, to: out)
        return (c, dir, out)
    }

    @Test("a GB18030 regions.csv and a UTF-16 tab-separated activity file give the UTF-8 originals' inventory byte for byte")
    func excelEncodings() throws {
        let (plain, plainDir, plainOut) = try compileDemo()
        let (excel, excelDir, excelOut) = try compileDemo(replacing: [
            "regions.csv": "regions-gb18030.csv", "activity/agriculture.csv": "agriculture-utf16le-tabs.csv",
        ])
        defer { for p in [plainDir, plainOut, excelDir, excelOut] { try? FileManager.default.removeItem(atPath: p) } }
        #expect(plain.succeeded && excel.succeeded, "\(excel.log.sorted.prefix(5).map(\.description))")
        for name in ["inventory.csv", "indicators.csv", "energy.csv"] {
            let a = try Data(contentsOf: URL(fileURLWithPath: plainOut + "/" + name))
            let b = try Data(contentsOf: URL(fileURLWithPath: excelOut + "/" + name))
            #expect(a == b, "\(name) differs")
        }
        let notes = excel.log.sorted.filter { $0.code == .fileFormat }.map(\.description)
        #expect(notes == [
            "regions.csv: warning: regions.csv was read as GB18030 (GBK, Chinese Excel's CSV) and converted to UTF-8; "
                + "saving as \"CSV UTF-8\" avoids the conversion [file-format]",
            "activity/agriculture.csv: warning: activity/agriculture.csv was read as UTF-16 LE with a byte-order mark "
                + "(Excel's \"Unicode text\"), tab-separated, and converted to UTF-8 [file-format]",
        ])
        // The manifest hashes the files as they are on disk.
        let manifest = try String(contentsOfFile: excelOut + "/manifest.json", encoding: .utf8)
        let gb = try Data(contentsOf: URL(fileURLWithPath: Self.fixtures + "regions-gb18030.csv"))
        #expect(manifest.contains(SHA256.hex([UInt8](gb))))
        // A location in the converted file is its line and character column (the note starts at character 70 of line
        // 2 in the original too: separators keep their width), and the note with a quoted comma and tab is one field.
        let calc = try #require(excel.calculation)
        let row = try #require((0..<calc.table.count).first { calc.table.location($0).file == "activity/agriculture.csv" })
        #expect(calc.table.location(row, .note).description == "activity/agriculture.csv:2:70")
        #expect(calc.table.noteOf(row) == "生猪 年均存栏, 含\"能繁母猪\"\t(tab inside)")
    }

    @Test("codes Excel mangles get a message saying what happened: 510802.0, 5.10802E+05, a non-breaking space")
    func mangledCodes() throws {
        let p = try TestProject(years: [2022], activity: ["energy.csv": [
            TestProject.header,
            "510802.0,2022,1.A.1.a.i,direct_emission,CO2,1,t,x,,",
            "5.10802E+05,2022,1.A.1.a.i,direct_emission,CO2,1,t,x,,",
            "510802\u{A0},2022,1.A.1.a.i,direct_emission,CO2,1,t,x,,",
        ].joined(separator: "\n")])
        defer { p.remove() }
        let errors = p.compile().log.sorted.filter { $0.severity == .error }.map(\.description)
        #expect(errors == [
            "activity/energy.csv:2:1: error: region '510802.0' is not in regions.csv; expected one of its codes; Excel "
                + "stored the code as a number (510802.0): format the column as text and write '510802' [unknown-region]",
            "activity/energy.csv:3:1: error: region '5.10802E+05' is not in regions.csv; expected one of its codes; "
                + "Excel showed the code in scientific notation, which may have lost its last digits: format the column "
                + "as text and write the full code [unknown-region]",
            "activity/energy.csv:4:1: error: region '510802\u{A0}' is not in regions.csv; expected one of its codes; it "
                + "contains a non-breaking or full-width space (copied from a web page or a formatted cell): expected "
                + "'510802' [unknown-region]",
        ], "\(errors)")
    }
}

/// Chinese as users write it (issue 9): items, activity kinds and units by their Chinese names.
@Suite("Chinese names")
struct ChineseNameTests {
    func compile(_ rows: [String], items: String? = nil) throws -> (Compilation, String) {
        var factors: [String: String]?
        if let items {
            factors = ["set.json": #"{"id": "county", "version": "1"}"#,
                       "items.csv": "item,kind,group,biomass,name_en,name_zh,source,note,categories\n" + items + "\n"]
        }
        let p = try TestProject(years: [2022], activity: ["energy.csv": ([TestProject.header] + rows)
                                                             .joined(separator: "\n")], factors: factors)
        let (c, out) = try p.compileToDisk()
        let lineage = (try? String(contentsOfFile: out + "/lineage.jsonl", encoding: .utf8)) ?? ""
        p.remove()
        return (c, lineage)
    }

    @Test("原煤 and 燃料燃烧 are raw_coal and fuel_combustion, 万度 is 万千瓦时; the lineage records both names")
    func chineseNames() throws {
        let (chinese, lineage) = try compile([
            "510802,2022,1.A.1.a.i,燃料燃烧,原煤,100,t,x,,",
            "510802,2022,1.A.2,fuel_combustion,raw_coal,50,t,x,,",
            "510802,2022,IND.1,electricity_net_import,electricity,1,万度,x,,",
        ])
        let (ids, _) = try compile([
            "510802,2022,1.A.1.a.i,fuel_combustion,raw_coal,100,t,x,,",
            "510802,2022,1.A.2,fuel_combustion,raw_coal,50,t,x,,",
            "510802,2022,IND.1,electricity_net_import,electricity,1,万千瓦时,x,,",
        ])
        #expect(chinese.succeeded && ids.succeeded, "\(chinese.log.sorted.prefix(3).map(\.description))")
        let a = try #require(chinese.calculation), b = try #require(ids.calculation)
        #expect(a.lines.count == b.lines.count && a.lines.mass == b.lines.mass)
        #expect(lineage.contains(#"{"kind":"alias","field":"activity","written":"燃料燃烧","resolved":"fuel_combustion"}"#))
        #expect(lineage.contains(#"{"kind":"alias","field":"item","written":"原煤","resolved":"raw_coal"}"#))
    }

    @Test("a row by name and a row by id with the same key are one duplicate; a name two items share is an error listing both")
    func duplicatesAndAmbiguity() throws {
        let (dup, _) = try compile(["510802,2022,1.A.1.a.i,fuel_combustion,raw_coal,100,t,x,,",
                                    "510802,2022,1.A.1.a.i,燃料燃烧,原煤,100,t,x,,"])
        #expect(dup.log.sorted.contains { $0.code == .duplicateRow && $0.location.line == 3 },
                "\(dup.log.sorted.map(\.description))")
        let (amb, _) = try compile(["510802,2022,1.A.1.a.i,fuel_combustion,原煤,100,t,x,,"],
                                   items: "xishan_raw_coal,fuel,coal,no,Xishan raw coal,原煤,test,a local coal named 原煤,")
        #expect(amb.log.sorted.filter { $0.severity == .error }.map(\.description) == [
            "activity/energy.csv:2:39: error: item name '原煤' is ambiguous: it names 'raw_coal', 'xishan_raw_coal'; "
                + "expected one of these ids [unknown-item]",
        ], "\(amb.log.sorted.map(\.description))")
    }
}

/// Several enterprises per row key (issue 9): an optional `facility` column (企业名称).
@Suite("Facilities")
struct FacilityTests {
    static let header = TestProject.header + ",facility"

    @Test("two enterprises burning the same coal both count; the same enterprise twice is a duplicate naming it")
    func facilities() throws {
        let rows = ["510802,2022,1.A.2,fuel_combustion,raw_coal,100,t,统计年报,,,甲水泥厂",
                    "510802,2022,1.A.2,fuel_combustion,raw_coal,50,t,统计年报,,,乙砖厂",
                    "510802,2022,1.A.2,fuel_combustion,diesel,1,t,统计年报,,,"]
        let p = try TestProject(years: [2022], activity: ["energy.csv": ([Self.header] + rows).joined(separator: "\n")])
        defer { p.remove() }
        let one = p.compile(threads: 1), three = p.compile(threads: 3)
        #expect(one.succeeded && one.log.errorCount == 0, "\(one.log.sorted.map(\.description))")
        let calc = try #require(one.calculation)
        #expect(calc.usedRowCount == 3)
        #expect(calc.lines.mass == three.calculation?.lines.mass)
        // The raw-coal lines of the two enterprises: 100 t and 50 t, each with its own row.
        let coal = (0..<calc.lines.count).filter { calc.describe($0).item == "raw_coal" && calc.template(of: $0).gas == .co2 }
        #expect(coal.count == 2)
        let masses = coal.map { calc.lines.mass[$0] }.sorted()
        #expect(close(masses[1], 2 * masses[0], rel: 1e-12))
        #expect(Set(coal.map { calc.describe($0).activity.facility ?? "" }) == ["甲水泥厂", "乙砖厂"])

        let dup = try TestProject(years: [2022], activity: ["energy.csv": ([Self.header] + rows + [
            "510802,2022,1.A.2,fuel_combustion,raw_coal,7,t,统计年报,,,甲水泥厂"]).joined(separator: "\n")])
        defer { dup.remove() }
        let errors = dup.compile().log.sorted.filter { $0.severity == .error }.map(\.description)
        #expect(errors == ["activity/energy.csv:5: error: duplicate row: region 510802, year 2022, category 1.A.2, "
            + "activity fuel_combustion, item raw_coal, facility 甲水泥厂 was already given at activity/energy.csv:2; "
            + "expected each combination once (several enterprises: name each in a 'facility' column) [duplicate-row]"],
                "\(errors)")
    }

    @Test("a plant's measured CO2 and another plant's coal in the same category are two enterprises, not a double count")
    func facilitiesInBoundaryCheck() throws {
        let rows = ["510802,2022,1.A.2,direct_emission,CO2,1000,t,核查报告,,,甲厂",
                    "510802,2022,1.A.2,fuel_combustion,raw_coal,50,t,统计年报,,,乙厂"]
        let p = try TestProject(years: [2022], activity: ["energy.csv": ([Self.header] + rows).joined(separator: "\n")])
        defer { p.remove() }
        let c = p.compile()
        #expect(c.log.errorCount == 0, "\(c.log.sorted.map(\.description))")
        // The same plant reporting both is still the double count it always was.
        let same = try TestProject(years: [2022], activity: ["energy.csv": ([Self.header] + [rows[0],
            "510802,2022,1.A.2,fuel_combustion,raw_coal,50,t,统计年报,,,甲厂"]).joined(separator: "\n")])
        defer { same.remove() }
        #expect(same.compile().log.sorted.contains { $0.message.contains("would be counted twice") })
    }
}
