import GHGTestSupport
import Foundation
import GHGCore
import GHGIO
import Testing

// Every test here feeds the compiler one kind of bad input and checks three things: the diagnostic is exactly the
// one a user should see (location with the right column, the bad value quoted, what was expected, the code), the
// compilation does not succeed, and the good rows of the same file were still read and calculated, so that nothing
// is dropped silently.

/// A good raw-coal row (all factors in the default stack).
private let coalRow = "510802,2020,1.A.2.f,fuel_combustion,raw_coal,10,万吨,统计年报,,"
/// A good diesel row.
private let dieselRow = "510802,2020,1.A.2.f,fuel_combustion,diesel,1.5,万吨,统计年报,,"

/// An `activity/energy.csv` made of the header and `rows` (line 2 is the first row).
private func energyCSV(_ rows: [String]) -> String {
    ([TestProject.header] + rows).joined(separator: "\n") + "\n"
}

/// Writes a project whose `activity/energy.csv` holds `rows`, compiles it and deletes it.
private func compile(_ rows: [String], stack: [String]? = nil, factors: [String: String]? = nil,
                     config: String? = nil) throws -> Compilation {
    let activity = ["energy.csv": energyCSV(rows)]
    let p = try stack.map { try TestProject(config: config, stack: $0, activity: activity, factors: factors) }
        ?? TestProject(config: config, activity: activity, factors: factors)
    defer { p.remove() }
    return p.compile()
}

/// The errors, as printed.
private func errors(_ c: Compilation) -> [String] {
    c.log.diagnostics.filter { $0.severity == .error }.map(\.description)
}

/// The lines of `activity/energy.csv` that produced at least one emission line.
private func calculatedLines(_ c: Compilation) -> Set<Int> {
    guard let calc = c.calculation else { return [] }
    return Set(calc.lines.row.map { calc.table.location(Int($0)) }.filter { $0.file == "activity/energy.csv" }
        .map(\.line))
}

/// Checks that a compilation failed with exactly `expected` as its errors, and that the good rows at `goodLines`
/// (and only they) were used and calculated.
private func expectRejected(_ c: Compilation, _ expected: [String], goodLines: Set<Int>,
                            sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    #expect(errors(c) == expected, sourceLocation: sourceLocation)
    #expect(c.succeeded == false, sourceLocation: sourceLocation)
    let calc = try #require(c.calculation, sourceLocation: sourceLocation)
    #expect(calc.usedRowCount == goodLines.count, sourceLocation: sourceLocation)
    #expect(calculatedLines(c) == goodLines, sourceLocation: sourceLocation)
}

@Suite struct BadInputTests {
    // MARK: - The baseline

    @Test func goodRowsCompileCleanly() throws {
        let c = try compile([coalRow, dieselRow])
        #expect(errors(c) == [])
        #expect(c.succeeded)
        #expect(c.calculation?.usedRowCount == 2)
        #expect(c.calculation?.rejectedRowCount == 0)
        #expect(calculatedLines(c) == [2, 3])
        #expect(c.project?.activityRowCount == 2)
    }

    // MARK: - Units

    @Test func unknownUnit() throws {
        let c = try compile([coalRow, "510802,2020,1.A.2.f,fuel_combustion,natural_gas,50,万顿,统计年报,,", dieselRow])
        try expectRejected(c, [
            "activity/energy.csv:3:52: error: unknown unit '万顿'; expected a unit such as t, 万吨, 10^4 m3, 亿立方米, "
                + "万千瓦时, tce, GJ/t, tC/TJ, kg/TJ or % [unknown-unit]",
        ], goodLines: [2, 4])
        #expect(c.project?.activityRowCount == 3)
    }

    @Test func unknownPartOfCompoundUnit() throws {
        let c = try compile([coalRow, "510802,2020,1.A.2.f,fuel_combustion,natural_gas,50,万吨/年x,统计年报,,", dieselRow])
        try expectRejected(c, [
            "activity/energy.csv:3:52: error: unknown unit '年x' in '万吨/年x'; expected a unit such as t, 万吨, "
                + "10^4 m3, 亿立方米, 万千瓦时, tce, GJ/t, tC/TJ, kg/TJ or % [unknown-unit]",
        ], goodLines: [2, 4])
    }

    @Test func unitOfTheWrongDimension() throws {
        let c = try compile([coalRow, "510802,2020,1.A.3.b,fuel_combustion,diesel,3,万千瓦时,统计年报,,", dieselRow])
        try expectRejected(c, [
            "activity/energy.csv:3:46: error: unit '万千瓦时' is electricity; activity 'fuel_combustion' expects mass "
                + "or volume or energy or standard coal [unit-dimension]",
        ], goodLines: [2, 4])
        #expect(c.calculation?.rejectedRowCount == 1)
    }

    @Test func emptyUnitWithAValue() throws {
        let c = try compile([coalRow, "510802,2020,1.A.2.f,fuel_combustion,natural_gas,50,,统计年报,,", dieselRow])
        try expectRejected(c, [
            "activity/energy.csv:3:52: error: empty 'unit'; expected a unit such as t, 万吨 or GJ/t [empty-field]",
        ], goodLines: [2, 4])
    }

    // MARK: - Items and activities

    @Test func unknownItemWithHint() throws {
        let c = try compile([coalRow, "510802,2020,1.A.2.f,fuel_combustion,dieselx,2,万吨,统计年报,,", dieselRow])
        try expectRejected(c, [
            "activity/energy.csv:3:37: error: unknown item 'dieselx'; expected an item of EmissionFactors/items.csv "
                + "or the project's factors/items.csv (did you mean 'diesel'?) [unknown-item]",
        ], goodLines: [2, 4])
    }

    @Test func itemOfTheWrongKind() throws {
        let c = try compile([coalRow, "510802,2020,1.A.2.f,fuel_combustion,electricity,2,万吨,统计年报,,", dieselRow])
        try expectRejected(c, [
            "activity/energy.csv:3:37: error: item 'electricity' is a energy_carrier; activity 'fuel_combustion' "
                + "expects a fuel [item-kind]",
        ], goodLines: [2, 4])
    }

    @Test func unknownActivity() throws {
        let c = try compile([coalRow, "510802,2020,1.A.2.f,fuel_burning,natural_gas,2,万立方米,统计年报,,", dieselRow])
        // The list grows as methods are added; it is every known kind, sorted.
        let kinds = MethodRegistry.kinds.map(\.rawValue)
        #expect(kinds == kinds.sorted())
        #expect(Set(["coal_mining", "direct_emission", "electricity_net_import", "fuel_combustion",
                     "fuel_nonenergy_use", "heat_net_import", "oil_gas_system"]).isSubset(of: kinds))
        try expectRejected(c, [
            "activity/energy.csv:3:21: error: unknown activity 'fuel_burning'; expected one of "
                + kinds.joined(separator: ", ") + " [unknown-activity]",
        ], goodLines: [2, 4])
    }

    @Test func categoryTheActivityCannotUse() throws {
        let c = try compile([coalRow, "510802,2020,2.A.1,fuel_combustion,natural_gas,2,万立方米,统计年报,,", dieselRow])
        try expectRejected(c, [
            "activity/energy.csv:3:13: error: category '2.A.1' cannot be used with activity 'fuel_combustion'; "
                + "expected a category under 1.A [category-mismatch]",
        ], goodLines: [2, 4])
    }

    @Test func unknownCategory() throws {
        let c = try compile([coalRow, "510802,2020,1.A.9,fuel_combustion,natural_gas,2,万立方米,统计年报,,", dieselRow])
        try expectRejected(c, [
            "activity/energy.csv:3:13: error: unknown category '1.A.9'; expected an IPCC 2006 code of "
                + "EmissionFactors/categories.csv such as 1.A.1.a or 1.B.2.b.iii.5 [unknown-category]",
        ], goodLines: [2, 4])
    }

    // MARK: - Factors

    /// crude_benzene has a yearbook NCV (china-energy-statistics) but no CO2, CH4 or N2O factor in any set of this
    /// stack: each missing parameter is named with the item, category, region, year and stack.
    @Test func missingFactorForCO2CH4N2O() throws {
        let stack = ["china-energy-statistics", "ipcc-2006"]
        let c = try compile([dieselRow, "510802,2020,1.A.2.f,fuel_combustion,crude_benzene,2,万吨,统计年报,,",
                             "510802,2020,1.A.2.f,fuel_combustion,natural_gas,100,万立方米,统计年报,,"], stack: stack)
        let tail = ", category 1.A.2.f, region 510802, year 2020"
        let stackText = " in the stack [china-energy-statistics, ipcc-2006]; expected a row in one of these sets or in "
            + "the project's factors/ folder [missing-factor]"
        try expectRejected(c, [
            "activity/energy.csv:3:37: error: CO2 needs 'carbon_content' (with 'oxidation') or 'ef_co2': no factor for "
                + "parameter 'carbon_content' for item 'crude_benzene'" + tail + ", unit of mass/energy" + stackText,
            "activity/energy.csv:3:37: error: no factor for parameter 'ef_ch4' for item 'crude_benzene'" + tail
                + ", unit of mass/energy" + stackText,
            "activity/energy.csv:3:37: error: no factor for parameter 'ef_n2o' for item 'crude_benzene'" + tail
                + ", unit of mass/energy" + stackText,
        ], goodLines: [2, 4])
        #expect(c.calculation?.rejectedRowCount == 1)
    }

    /// raw_coal is a China statistical item: ipcc-2006 alone has no NCV for it, so no energy can be computed.
    @Test func missingNCV() throws {
        let c = try compile([dieselRow, coalRow], stack: ["ipcc-2006"])
        try expectRejected(c, [
            "activity/energy.csv:3:37: error: no factor for parameter 'ncv' for item 'raw_coal', category 1.A.2.f, "
                + "region 510802, year 2020, unit of energy/mass in the stack [ipcc-2006]; expected a row in one of "
                + "these sets or in the project's factors/ folder [missing-factor]",
        ], goodLines: [2])
    }

    /// Two rows of the project's own set with overlapping year ranges are equally specific for 2020.
    @Test func ambiguousFactor() throws {
        let setJSON = """
            {"id": "test-local", "edition": "2024", "version": "1.0.0", "title": "t", "publisher": "p",
             "license": "CC0", "notes": ""}
            """
        let factorRows = ReferenceReader.factorColumns.joined(separator: ",") + "\n"
            + "ncv,raw_coal,,,,2015,2025,21.0,GJ/t,,,,test report A,\n"
            + "ncv,raw_coal,,,,2020,2030,21.5,GJ/t,,,,test report B,\n"
        let c = try compile([coalRow, dieselRow], factors: ["set.json": setJSON, "x.csv": factorRows])
        try expectRejected(c, [
            "activity/energy.csv:2:37: error: ambiguous factor for parameter 'ncv' for item 'raw_coal', category "
                + "1.A.2.f, region 510802, year 2020, unit of energy/mass: set 'test-local' has equally specific rows "
                + "at factors/x.csv:2 and factors/x.csv:3; make one row more specific or remove one [ambiguous-factor]",
        ], goodLines: [3])
    }

    // MARK: - Malformed rows

    @Test func malformedNumbers() throws {
        let c = try compile([
            coalRow,
            "510802,2020,1.A.2.f,fuel_combustion,natural_gas,\"12,3\",万立方米,统计年报,,",
            "510802,2020,1.A.2.a,fuel_combustion,natural_gas,1.2.3,万立方米,统计年报,,",
            dieselRow,
        ])
        let expected = "; expected a decimal number such as 1234.5 or a notation key (NO, NE, NA, IE, C) "
            + "[malformed-number]"
        try expectRejected(c, [
            "activity/energy.csv:3:49: error: malformed number '12,3' in 'value'" + expected,
            "activity/energy.csv:4:49: error: malformed number '1.2.3' in 'value'" + expected,
        ], goodLines: [2, 5])
        #expect(c.project?.activityRowCount == 4)
    }

    @Test func malformedYear() throws {
        let c = try compile([coalRow, "510802,20x0,1.A.2.f,fuel_combustion,natural_gas,5,万立方米,统计年报,,", dieselRow])
        try expectRejected(c, [
            "activity/energy.csv:3:8: error: malformed year '20x0' in 'year'; expected a four-digit year such as 2020 "
                + "[malformed-number]",
        ], goodLines: [2, 4])
    }

    @Test func wrongColumnCount() throws {
        let c = try compile([coalRow, "510802,2020,1.A.2.f,fuel_combustion,natural_gas,5,万立方米,统计年报,", dieselRow])
        try expectRejected(c, [
            "activity/energy.csv:3: error: row has 9 fields; expected 10 "
                + "(region,year,category,activity,item,value,unit,source,note,technology) [column-count]",
        ], goodLines: [2, 4])
        #expect(c.project?.activityRowCount == 3)
    }

    @Test func duplicateRow() throws {
        let c = try compile([coalRow, dieselRow, "510802,2020,1.A.2.f,fuel_combustion,raw_coal,12,万吨,另一来源,,"])
        try expectRejected(c, [
            "activity/energy.csv:4: error: duplicate row: region 510802, year 2020, category 1.A.2.f, activity "
                + "fuel_combustion, item raw_coal was already given at activity/energy.csv:2; expected each "
                + "combination once (several enterprises: name each in a 'facility' column) [duplicate-row]",
        ], goodLines: [2, 3])
        #expect(c.calculation?.rejectedRowCount == 1)
    }

    @Test func duplicateRowAcrossFiles() throws {
        let p = try TestProject(activity: [
            "a.csv": energyCSV([coalRow]),
            "b.csv": energyCSV([dieselRow, coalRow]),
        ])
        defer { p.remove() }
        let c = p.compile()
        #expect(errors(c) == [
            "activity/b.csv:3: error: duplicate row: region 510802, year 2020, category 1.A.2.f, activity "
                + "fuel_combustion, item raw_coal was already given at activity/a.csv:2; expected each combination "
                + "once (several enterprises: name each in a 'facility' column) [duplicate-row]",
        ])
        #expect(c.succeeded == false)
        #expect(c.calculation?.usedRowCount == 2)
    }

    @Test func negativeFuelConsumption() throws {
        let c = try compile([coalRow, "510802,2020,1.A.2.f,fuel_combustion,natural_gas,-5,万立方米,统计年报,,", dieselRow])
        try expectRejected(c, [
            "activity/energy.csv:3:49: error: negative value '-5' for activity 'fuel_combustion'; expected a value ≥ 0 "
                + "[negative-value]",
        ], goodLines: [2, 4])
    }

    @Test func yearOutsideTheProject() throws {
        let c = try compile([coalRow, "510802,2019,1.A.2.f,fuel_combustion,natural_gas,5,万立方米,统计年报,,", dieselRow])
        try expectRejected(c, [
            "activity/energy.csv:3:8: error: year '2019' is not an inventory year of the project; expected one of "
                + "2005, 2020, 2022, 2023 (ghg-project.json \"years\") [year-outside-project]",
        ], goodLines: [2, 4])
    }

    @Test func regionNotInRegionsCSV() throws {
        let c = try compile([coalRow, "510899,2020,1.A.2.f,fuel_combustion,natural_gas,5,万立方米,统计年报,,", dieselRow])
        try expectRejected(c, [
            "activity/energy.csv:3:1: error: region '510899' is not in regions.csv; expected one of its codes "
                + "[unknown-region]",
        ], goodLines: [2, 4])
    }

    @Test func emptyRequiredField() throws {
        let c = try compile([coalRow, "510802,2020,1.A.2.f,fuel_combustion,,5,万立方米,统计年报,,", dieselRow])
        try expectRejected(c, [
            "activity/energy.csv:3:37: error: empty 'item'; expected an item such as raw_coal [empty-field]",
        ], goodLines: [2, 4])
    }

    // MARK: - Notation keys

    @Test func includedElsewhereWithoutANote() throws {
        let c = try compile([coalRow, "510802,2020,1.A.3.a,fuel_combustion,jet_kerosene,IE,,统计年报,,", dieselRow])
        try expectRejected(c, [
            "activity/energy.csv:3:50: error: notation key 'IE' without a note; expected the note to say where the "
                + "activity is included [notation-key]",
        ], goodLines: [2, 4])
        #expect(c.calculation?.plan.notationRows.isEmpty == true)
    }

    @Test func notOccurringWithANoteIsAcceptedAndListed() throws {
        let p = try TestProject(activity: ["energy.csv": energyCSV([
            coalRow, "510802,2020,1.A.3.a,fuel_combustion,jet_kerosene,NO,,统计年报,no airport in the district,",
            dieselRow,
        ])])
        defer { p.remove() }
        let (c, out) = try p.compileToDisk()
        #expect(errors(c) == [])
        #expect(c.succeeded)
        #expect(c.calculation?.usedRowCount == 3)
        #expect(calculatedLines(c) == [2, 4])
        let notation = try readCSV(out + "/notation.csv")
        #expect(notation == [[
            "region": "510802", "year": "2020", "category": "1.A.3.a", "activity": "fuel_combustion",
            "item": "jet_kerosene", "key": "NO", "note": "no airport in the district", "file": "activity/energy.csv",
            "line": "3",
        ]])
    }

    // MARK: - The project manifest

    @Test func malformedProjectJSON() throws {
        // `[2020,,`: the second comma is at column 33 of line 1, where a value was expected.
        let text = "{\"name\": \"test\", \"years\": [2020,, \"factor_stack\": [\"ipcc-2006\"]}"
        let c = try compile([coalRow, dieselRow], config: text)
        #expect(errors(c) == [
            "ghg-project.json:1:33: error: ghg-project.json is not valid JSON here; expected a value [project-file]",
        ])
        // Over several lines: the missing comma is reported where the next key starts.
        let multi = "{\n  \"name\": \"示范市\",\n  \"years\": [2020]\n  \"gwp\": \"AR5\"\n}"
        let m = try compile([coalRow, dieselRow], config: multi)
        #expect(errors(m) == [
            "ghg-project.json:4:3: error: ghg-project.json is not valid JSON here; expected ',' or '}' [project-file]",
        ])
        #expect(c.succeeded == false)
        #expect(c.project == nil)
        #expect(c.calculation == nil)
    }

    @Test func projectJSONThatIsNotAnObject() throws {
        let c = try compile([coalRow], config: "[2020]")
        #expect(errors(c) == [
            "ghg-project.json: error: ghg-project.json is not a JSON object; expected {...} [project-file]",
        ])
        #expect(c.succeeded == false)
    }

    @Test func projectJSONWithoutFactorStack() throws {
        let c = try compile([coalRow], config: "{\"name\": \"t\", \"years\": [2020]}")
        #expect(errors(c) == [
            "ghg-project.json: error: missing 'factor_stack'; expected a list of factor-set ids such as "
                + "[\"china-provincial-2011\", \"ipcc-2006\"] [project-file]",
        ])
        #expect(c.succeeded == false)
    }

    @Test func unknownGWPSet() throws {
        let config = "{\"years\": [2020], \"gwp\": \"AR7\", \"factor_stack\": [\"ipcc-2006\"]}"
        let c = try compile([coalRow], config: config)
        #expect(errors(c) == [
            "ghg-project.json: error: unknown gwp 'AR7'; expected SAR, AR4, AR5 or AR6 [project-file]",
        ])
        #expect(c.succeeded == false)
    }

    @Test func unknownFactorSetInStack() throws {
        let stack = ["china-provincial-2011", "china-energy-stats", "china-energy-statistics", "ipcc-2006"]
        let c = try compile([coalRow, dieselRow], stack: stack)
        try expectRejected(c, [
            "ghg-project.json: error: unknown factor set 'china-energy-stats' in factor_stack; expected one of "
                + "china-energy-statistics, china-grid, china-provincial-2011, ipcc-2006, ipcc-2006-wastewater, ipcc-2013-wetlands, ipcc-2019-high-productivity, "
                + "ipcc-2019-low-productivity [project-file]",
        ], goodLines: [2, 3])
        #expect(c.stack.map(\.info.id) == ["china-provincial-2011", "china-energy-statistics", "ipcc-2006"])
    }

    // MARK: - Many bad rows

    /// 30 rows, each with one of six problems and its own key, plus two good rows: all 30 are reported, each at
    /// its own line, and the good rows are still calculated.
    @Test func everyBadRowIsReported() throws {
        let regions = ["510000", "510800", "510802", "310000"]
        let years = [2005, 2020, 2022, 2023]
        let categories = ["1.A.2.a", "1.A.4.b"]
        var keys: [(String, Int, String)] = []
        for r in regions { for y in years { for cat in categories { keys.append((r, y, cat)) } } }
        let problems: [(fields: (String) -> String, code: DiagnosticCode, column: Int)] = [
            ({ "\($0),fuel_combustion,natural_gas,5,万顿,s,," }, .unknownUnit, 51),
            ({ "\($0),fuel_combustion,natural_gas,1.2.3,万立方米,s,," }, .malformedNumber, 49),
            ({ "\($0),fuel_combustion,natural_gas,-5,万立方米,s,," }, .negativeValue, 49),
            ({ "\($0),fuel_combustion,natural_gasx,5,万立方米,s,," }, .unknownItem, 37),
            ({ "\($0),fuel_burning,natural_gas,5,万立方米,s,," }, .unknownActivity, 21),
            ({ "\($0),fuel_combustion,natural_gas,IE,,s,," }, .notationKey, 49),
        ]
        var rows: [String] = []
        for i in 0..<30 {
            let (r, y, cat) = keys[i]
            rows.append(problems[i % problems.count].fields("\(r),\(y),\(cat)"))
        }
        let c = try compile(rows + [coalRow, dieselRow])
        let found = c.log.diagnostics.filter { $0.severity == .error }
        #expect(found.count == 30)
        #expect(c.log.errorCount == 30)
        #expect(c.log.dropped == 0)
        for i in 0..<30 {
            let p = problems[i % problems.count]
            let at = found.filter { $0.location.line == i + 2 }
            #expect(at.map(\.code) == [p.code], "line \(i + 2)")
            #expect(at.map(\.location.column) == [p.column], "line \(i + 2)")
        }
        #expect(c.succeeded == false)
        #expect(c.calculation?.usedRowCount == 2)
        #expect(calculatedLines(c) == [32, 33])
        #expect(c.project?.activityRowCount == 32)
    }

    @Test func thirtyRowsWithTheSameProblemGiveThirtyDiagnostics() throws {
        var rows: [String] = []
        for y in [2005, 2020, 2022, 2023] {
            for cat in ["1.A.1.a.i", "1.A.2.a", "1.A.2.c", "1.A.2.f", "1.A.4.a", "1.A.4.b", "1.A.4.c", "1.A.3.b"] {
                rows.append("510802,\(y),\(cat),fuel_combustion,natural_gas,5,万顿,s,,")
            }
        }
        rows = Array(rows.prefix(30))
        let c = try compile([coalRow] + rows + [dieselRow])
        let found = c.log.diagnostics.filter { $0.severity == .error }
        #expect(found.count == 30)
        #expect(Set(found.map(\.code)) == [.unknownUnit])
        #expect(found.map(\.location.line) == Array(3...32))
        // The unit starts after "510802,YYYY,<category>,fuel_combustion,natural_gas,5,": column 44 + category length.
        let unitColumns = rows.map { 44 + $0.split(separator: ",")[2].count }
        #expect(found.map(\.location.column) == unitColumns)
        #expect(found.allSatisfy { $0.message.hasPrefix("unknown unit '万顿'; expected a unit such as") })
        #expect(c.calculation?.usedRowCount == 2)
        #expect(calculatedLines(c) == [2, 33])
    }

    @Test func diagnosticLimitBoundsTheKeptListAndCountsTheRest() throws {
        var log = DiagnosticLog(limit: 5)
        for i in 1...12 {
            log.report(.error(.unknownUnit, at: InputLocation(file: "f.csv", line: i), "bad \(i)"))
        }
        log.report(.warning(.header, at: InputLocation(file: "f.csv", line: 20), "odd"))
        #expect(log.diagnostics.map(\.location.line) == [1, 2, 3, 4, 5])
        #expect(log.dropped == 8)
        #expect(log.errorCount == 12)
        #expect(log.warningCount == 1)
        #expect(log.hasErrors)

        // Through the compiler: 30 bad rows with a limit of 10.
        var rows: [String] = []
        for y in [2005, 2020, 2022, 2023] {
            for cat in ["1.A.1.a.i", "1.A.2.a", "1.A.2.c", "1.A.2.f", "1.A.4.a", "1.A.4.b", "1.A.4.c", "1.A.3.b"] {
                rows.append("510802,\(y),\(cat),fuel_combustion,natural_gas,5,万顿,s,,")
            }
        }
        let p = try TestProject(activity: ["energy.csv": energyCSV(Array(rows.prefix(30)) + [coalRow])])
        defer { p.remove() }
        let c = Compiler.compile(projectAt: p.root,
                                 options: CompileOptions(factorsDirectory: factorLibrary, diagnosticLimit: 10))
        #expect(c.log.diagnostics.count == 10)
        #expect(c.log.diagnostics.map(\.location.line) == Array(2...11))
        #expect(c.log.dropped == 20)
        #expect(c.log.errorCount == 30)
        #expect(c.succeeded == false)
        #expect(c.calculation?.usedRowCount == 1)
    }

    // MARK: - Regressions (each was a bug found by these tests)

    /// An empty activity file is reported, and must not change the count of the other files' rows.
    @Test func emptyActivityFileDoesNotChangeTheRowCount() throws {
        let p = try TestProject(activity: ["a.csv": energyCSV([coalRow, dieselRow]), "b.csv": ""])
        defer { p.remove() }
        let c = p.compile()
        #expect(errors(c) == [
            "activity/b.csv:1: error: empty file; expected a header row: "
                + "region,year,category,activity,item,value,unit,source,note [header]",
        ])
        #expect(c.calculation?.usedRowCount == 2)
        #expect(c.project?.activityRowCount == 2)
    }

    /// A row whose quoting is broken is reported by the CSV reader and is a row of the file all the same.
    @Test func rowWithBrokenQuotingIsCounted() throws {
        let c = try compile([coalRow, "510802,2020,1.A.2.f,fuel_combustion,natural_gas,\"5\"x,万立方米,s,,", dieselRow])
        try expectRejected(c, [
            "activity/energy.csv:3:52: error: unexpected text after a closing quote; expected ',' or the end of the "
                + "line [file-format]",
        ], goodLines: [2, 4])
        #expect(c.project?.activityRowCount == 3)
    }

    /// A field after a quoted field that spans lines is on a later line than the record's first.
    @Test func fieldAfterAMultiLineFieldIsLocatedOnItsOwnLine() throws {
        let header = "region,year,category,activity,item,source,value,unit,note,technology"
        let text = header + "\n510802,2020,1.A.2.f,fuel_combustion,natural_gas,\"第一行\n第二行\",5,万顿,,\n"
            + dieselRow.replacingOccurrences(of: ",1.5,万吨,统计年报,", with: ",统计年报,1.5,万吨,") + "\n"
        let p = try TestProject(activity: ["energy.csv": text])
        defer { p.remove() }
        let c = p.compile()
        let found = c.log.diagnostics.filter { $0.severity == .error }
        #expect(found.map(\.code) == [.unknownUnit])
        #expect(c.calculation?.usedRowCount == 1)
        #expect(found.map(\.location.description) == ["activity/energy.csv:3:8"])
    }

    /// A notation-key row names an item and a category like any other row; a typo in either is not silently
    /// listed as "not occurring".
    @Test func notationRowWithUnknownItemIsReported() throws {
        let c = try compile([coalRow, "510802,2020,1.A.3.a,fuel_combustion,jet_kerosenex,NO,,s,no airport,", dieselRow])
        #expect(c.calculation?.usedRowCount ?? 0 >= 2)
        #expect(c.log.diagnostics.map(\.code).contains(.unknownItem))
        #expect(c.succeeded == false)
    }

    /// One mistake in ghg-project.json gives one diagnostic.
    @Test func yearsThatAreNotAListGiveOneError() throws {
        let c = try compile([coalRow], config: "{\"years\": \"2020\", \"factor_stack\": [\"ipcc-2006\"]}")
        #expect(c.succeeded == false)
        #expect(errors(c).first == "ghg-project.json: error: 'years' must be a list of years such as [2005, 2020] "
            + "[project-file]")
        #expect(errors(c).count == 1)
    }

    /// A factor_stack of the wrong type is not "missing".
    @Test func factorStackOfTheWrongTypeIsNotCalledMissing() throws {
        let c = try compile([coalRow], config: "{\"years\": [2020], \"factor_stack\": \"ipcc-2006\"}")
        #expect(c.succeeded == false)
        #expect(errors(c).count == 1)
        #expect(errors(c).allSatisfy { !$0.contains("missing 'factor_stack'") })
    }
}
