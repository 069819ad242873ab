import GHGTestSupport
import Testing
import GHGCore

// MARK: - An in-code project: regions, items, categories, factor sets and activity rows

private let county = "510802"
private let energyFile = "activity/energy.csv"

private func regions() -> RegionTree {
    var log = DiagnosticLog()
    return RegionTree([
        Region(code: "510000", nameZH: "四川省", nameEN: "Sichuan", level: .province, parent: nil,
               location: InputLocation(file: "regions.csv", line: 2)),
        Region(code: "510800", nameZH: "广元市", nameEN: "Guangyuan", level: .city, parent: "510000",
               location: InputLocation(file: "regions.csv", line: 3)),
        Region(code: county, nameZH: "利州区", nameEN: "Lizhou", level: .county, parent: "510800",
               location: InputLocation(file: "regions.csv", line: 4)),
    ], diagnostics: &log)
}

private func items() -> ItemCatalog {
    var log = DiagnosticLog()
    func item(_ id: String, _ kind: ItemKind, _ group: String, biomass: Bool = false, _ line: Int) -> Item {
        Item(id: id, kind: kind, group: group, isBiomass: biomass, nameEN: id, nameZH: id, source: "test",
             location: InputLocation(file: "items.csv", line: line))
    }
    return ItemCatalog([item("diesel", .fuel, "oil", 2), item("other_bituminous_coal", .fuel, "coal", 3),
                        item("wood", .fuel, "biomass", biomass: true, 4),
                        item("electricity", .energyCarrier, "", 5)], diagnostics: &log)
}

private func categories() -> CategoryTable {
    var log = DiagnosticLog()
    let codes = ["1", "1.A", "1.A.1", "1.A.1.a", "1.A.3", "1.A.3.b", "1.A.4", "1.A.4.b", "IND", "IND.1"]
    let table = CategoryTable(codes.enumerated().map { i, c in
        CategoryInfo(code: CategoryCode(c)!, nameEN: c, nameZH: c, chinaSector: "", crtCode: "",
                     location: InputLocation(file: "categories.csv", line: i + 2))
    }, diagnostics: &log)
    precondition(log.diagnostics.isEmpty)
    return table
}

private func factor(_ parameter: FactorParameter, _ item: String, _ value: Double, _ unit: String, region: String? = nil,
                    set: String, line: Int) throws -> FactorRow {
    FactorRow(parameter: parameter, item: item, category: nil, technology: nil, region: region, yearFrom: nil,
              yearTo: nil, value: value, unit: try UnitRegistry.parse(unit), source: "test",
              location: InputLocation(file: "\(set)/factors.csv", line: line))
}

private func factorSet(_ id: String, _ rows: [FactorRow], membership: [RegionMembership] = []) -> FactorSet {
    var log = DiagnosticLog()
    let s = FactorSet(info: FactorSetInfo(id: id, edition: "test", version: "1", title: id, publisher: "test",
                                          license: "CC0", notes: "", path: id, contentHash: ""),
                      rows: rows, membership: membership, diagnostics: &log)
    precondition(log.diagnostics.isEmpty)
    return s
}

private func context(_ sets: [FactorSet]) -> PlanningContext {
    PlanningContext(factors: FactorLibrary(sets: sets, regions: regions()), items: items(),
                    categories: categories(), knownGases: [.co2, .ch4, .n2o, .sf6])
}

/// One activity row of an in-code table.
private struct Row {
    var line: Int
    var category = "1.A.1.a"
    var activity: ActivityKind = .fuelCombustion
    var item: String
    var value: Double
    var unit: String
    var technology: String? = nil
}

private func record(_ line: Int, category: String = "1.A.1.a", activity: ActivityKind = .fuelCombustion,
                    item: String, value: Double, unit: String) throws -> Row {
    Row(line: line, category: category, activity: activity, item: item, value: value, unit: unit)
}

/// What a run gives: the calculation, its diagnostics, and its lines made readable.
private struct Run {
    let calc: CalculationResult
    let diagnostics: [Diagnostic]
    var lines: [LineDescription] { calc.described }
    var usedRowCount: Int { calc.usedRowCount }
    var rejectedRowCount: Int { calc.rejectedRowCount }
}

private func run(_ rows: [Row], _ sets: [FactorSet]) throws -> Run {
    var b = ActivityTable.Builder()
    for r in rows {
        b.append(file: energyFile, line: r.line, region: county, year: 2020, category: CategoryCode(r.category)!,
                 activity: r.activity, item: r.item, technology: r.technology, value: r.value,
                 unit: try UnitRegistry.parse(r.unit), source: "yearbook")
    }
    var log = DiagnosticLog()
    let calc = Calculator.run(b.build(), context: context(sets), years: [2020], regions: regions(), log: &log)
    return Run(calc: calc, diagnostics: log.diagnostics)
}

// Diesel, methodology.md §3.3(a) (NDRC enterprise guidelines): NCV 42.652 GJ/t, CC 20.2 tC/TJ, OF 98 %;
// §3.1 IPCC Table 1.4: EF 74 100 kg/TJ; §3.4 Table 2.2 (energy industries, liquid fuels): CH4 3, N2O 0.6 kg/TJ;
// §3.2 yearbook: 1.4571 kgce/kg.
private func dieselChina(_ set: String) throws -> [FactorRow] {
    [try factor("ncv", "diesel", 42.652, "GJ/t", set: set, line: 2),
     try factor("carbon_content", "diesel", 20.2, "tC/TJ", set: set, line: 3),
     try factor("oxidation", "diesel", 0.98, "1", set: set, line: 4)]
}

private func dieselNonCO2(_ set: String) throws -> [FactorRow] {
    [try factor("ef_ch4", "diesel", 3, "kg/TJ", set: set, line: 6),
     try factor("ef_n2o", "diesel", 0.6, "kg/TJ", set: set, line: 7),
     try factor("tce_coefficient", "diesel", 1.4571, "kgce/kg", set: set, line: 8)]
}

private func dieselIPCC(_ set: String) throws -> FactorRow {
    try factor("ef_co2", "diesel", 74100, "kg/TJ", set: set, line: 5)
}

private func dieselRecord() throws -> Row {
    try record(2, item: "diesel", value: 10000, unit: "t")
}

private func errors(_ r: Run) -> [Diagnostic] { r.diagnostics.filter { $0.severity == .error } }

// MARK: - Tests

@Suite("Calculation methods and inventory")
struct MethodTests {
    @Test func fuelCombustionChinaPathTV03() throws {
        let result = try run([try dieselRecord()], [factorSet("local", try dieselChina("local") + dieselNonCO2("local"))])
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.usedRowCount == 1 && result.rejectedRowCount == 0)
        #expect(result.lines.map(\.gas) == [.co2, .ch4, .n2o])
        let co2 = try #require(result.lines.first)
        // methodology.md §7.1 TV03: 10 000 t × 42.652 GJ/t = 426 520 GJ; × 0.0202 tC/GJ × 0.98 × 44/12
        // = 30 959.0963733… t CO2 (table: 30 959.096).
        #expect(abs(co2.mass - 30959.096) < 0.0005)
        #expect(close(co2.mass, 30959.096373333334))
        #expect(co2.scope == .total)
        #expect(co2.category.description == "1.A.1.a")
        #expect(co2.item == "diesel")
        #expect(co2.method == .fuelCombustion)
        #expect(co2.factors.map(\.parameter) == ["ncv", "carbon_content", "oxidation"])
        #expect(co2.factors.map(\.baseUnit) == ["GJ/t", "tC/GJ", "1"])
        #expect(co2.formula == "CO2 = E × CC × OF × 44/12 = (AD 10000 t × NCV 42.652 GJ/t = E 426520 GJ) × "
            + "CC 0.0202 tC/GJ × OF 0.98 × 44/12 = 30959.096373333334 t")
        #expect(co2.activity.location == InputLocation(file: energyFile, line: 2))
        #expect(co2.activity.convertedValue == 10000)
        #expect(co2.activity.convertedUnit == "t")
        // CH4 = 426 520 GJ × 3 × 10^-6 t/GJ = 1.27956 t; N2O = 426 520 × 0.6 × 10^-6 = 0.255912 t.
        #expect(close(result.lines[1].mass, 1.27956))
        #expect(close(result.lines[2].mass, 0.255912))
        #expect(result.lines[1].scope == .total && result.lines[2].scope == .total)
        // Energy accounting: 426 520 GJ; 10 000 t × 1.4571 kgce/kg = 14 571 tce.
        #expect(result.calc.energyGJ(row: 0) == 426520)
        #expect(close(result.calc.tce(row: 0), 14571))
    }

    @Test func fuelCombustionIPCCPathTV03b() throws {
        let rows = [try factor("ncv", "diesel", 42.652, "GJ/t", set: "ipcc", line: 2), try dieselIPCC("ipcc")]
            + (try dieselNonCO2("ipcc"))
        let result = try run([try dieselRecord()], [factorSet("ipcc", rows)])
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let co2 = try #require(result.lines.first { $0.gas == .co2 })
        // methodology.md §7.1 TV03b: 426 520 GJ × 74 100 kg/TJ = 426 520 × 0.0741 t/GJ = 31 605.132 t CO2.
        #expect(close(co2.mass, 31605.132))
        #expect(co2.factors.map(\.parameter) == ["ncv", "ef_co2"])
        #expect(co2.formula
            == "CO2 = E × EF = (AD 10000 t × NCV 42.652 GJ/t = E 426520 GJ) × EF 0.0741 t/GJ = 31605.132 t")
    }

    @Test func efCO2WinsWhenTheFirstSetHasBoth() throws {
        let local = factorSet("local", try dieselChina("local") + [dieselIPCC("local")] + dieselNonCO2("local"))
        let result = try run([try dieselRecord()], [local])
        let co2 = try #require(result.lines.first { $0.gas == .co2 })
        #expect(close(co2.mass, 31605.132))            // TV03b, not TV03
        #expect(co2.factors.map(\.parameter) == ["ncv", "ef_co2"])
    }

    @Test func chinaPathWhenEfCO2IsOnlyInALaterSet() throws {
        let china = factorSet("china-provincial-2011", try dieselChina("china") + dieselNonCO2("china"))
        let ipcc = factorSet("ipcc-2006", [try dieselIPCC("ipcc")])
        let result = try run([try dieselRecord()], [china, ipcc])
        #expect(errors(result).isEmpty)
        let co2 = try #require(result.lines.first { $0.gas == .co2 })
        #expect(close(co2.mass, 30959.096373333334))   // TV03
        #expect(co2.factors.map(\.parameter) == ["ncv", "carbon_content", "oxidation"])
        #expect(co2.factors.map(\.set) == ["china-provincial-2011", "china-provincial-2011",
                                                     "china-provincial-2011"])
    }

    @Test func efCO2PathWhenCarbonContentIsOnlyInALaterSet() throws {
        let ipcc = factorSet("ipcc-2006", [try factor("ncv", "diesel", 42.652, "GJ/t", set: "ipcc", line: 2),
                                           try dieselIPCC("ipcc")] + (try dieselNonCO2("ipcc")))
        let china = factorSet("china-provincial-2011", try dieselChina("china"))
        let result = try run([try dieselRecord()], [ipcc, china])
        let co2 = try #require(result.lines.first { $0.gas == .co2 })
        #expect(close(co2.mass, 31605.132))
        #expect(co2.factors.map(\.set) == ["ipcc-2006", "ipcc-2006"])
    }

    @Test func biomassCO2IsAMemoItem() throws {
        // methodology.md §3.1 wood: NCV 15.6 TJ/Gg, EF 112 000 kg/TJ; §3.4 Table 2.2 wood: CH4 30, N2O 4 kg/TJ.
        let rows = [try factor("ncv", "wood", 15.6, "TJ/Gg", set: "ipcc", line: 2),
                    try factor("ef_co2", "wood", 112000, "kg/TJ", set: "ipcc", line: 3),
                    try factor("ef_ch4", "wood", 30, "kg/TJ", set: "ipcc", line: 4),
                    try factor("ef_n2o", "wood", 4, "kg/TJ", set: "ipcc", line: 5)]
        let result = try run([try record(3, item: "wood", value: 1000, unit: "t")], [factorSet("ipcc", rows)])
        #expect(errors(result).isEmpty, "\(result.diagnostics)")
        #expect(result.lines.map(\.gas) == [.co2, .ch4, .n2o])
        #expect(result.lines.map(\.scope) == [.memoBiomass, .total, .total])
        // 1000 t × 15.6 GJ/t = 15 600 GJ; CO2 15 600 × 0.112 = 1747.2 t; CH4 × 30e-6 = 0.468 t; N2O × 4e-6 = 0.0624 t.
        #expect(close(result.lines[0].mass, 1747.2))
        #expect(close(result.lines[1].mass, 0.468))
        #expect(close(result.lines[2].mass, 0.0624))
        #expect(result.lines[0].formula.hasSuffix(" t (biomass: memo item, not in totals)"))
    }

    @Test func netElectricityExportGivesANegativeIndirectLine() throws {
        // methodology.md §3.11: 华中 grid 0.5257 t CO2/MWh (2012 series); Sichuan in 华中 until 2020 (membership).
        let grid = factorSet("china-grid", [try factor("grid_ef", "electricity", 0.5257, "tCO2/MWh",
                                                       region: "central_china", set: "grid", line: 2)],
                             membership: [RegionMembership(region: "central_china", member: "510000", yearFrom: nil,
                                                           yearTo: 2020, source: "test",
                                                           location: InputLocation(file: "grid/m.csv", line: 2))])
        let r = try record(4, category: "IND.1", activity: .electricityNetImport, item: "electricity", value: -50,
                           unit: "万千瓦时")
        let result = try run([r], [grid])
        #expect(errors(result).isEmpty, "\(result.diagnostics)")
        let line = try #require(result.lines.first)
        #expect(result.lines.count == 1)
        // methodology.md §2.14: −50 万千瓦时 = −500 MWh; × 0.5257 t/MWh = −262.85 t CO2 (net export).
        #expect(close(line.mass, -262.85))
        #expect(line.mass < 0)
        #expect(line.scope == .indirect)
        #expect(line.gas == .co2)
        #expect(line.category.description == "IND.1")
        #expect(line.formula == "CO2 = net import × EF = AD -500 MWh × EF 0.5257 tCO2/MWh = "
            + "-262.84999999999997 t (net export) (indirect, outside the IPCC total)")
    }

    @Test func missingCH4FactorIsLocatedAtTheItemColumn() throws {
        let rows = try dieselChina("local") + [factor("ef_n2o", "diesel", 0.6, "kg/TJ", set: "local", line: 7),
                                               factor("tce_coefficient", "diesel", 1.4571, "kgce/kg", set: "local",
                                                      line: 8)]
        let result = try run([try dieselRecord()], [factorSet("local", rows)])
        #expect(result.diagnostics == [.error(.missingFactor, at: InputLocation(file: energyFile, line: 2, column: 5),
            "no factor for parameter 'ef_ch4' for item 'diesel', category 1.A.1.a, region 510802, year 2020, "
                + "unit of mass/energy in the stack [local]; expected a row in one of these sets or in the project's "
                + "factors/ folder")])
        #expect(result.diagnostics.first?.description.hasPrefix("activity/energy.csv:2:5: error: no factor") == true)
        #expect(result.lines.map(\.gas) == [.co2, .n2o])
        #expect(result.rejectedRowCount == 1)
    }

    @Test func endToEndTV01dInCO2e() throws {
        // methodology.md §7.1 TV01: 100 000 t × 25.8 TJ/Gg = 2 580 000 GJ; × 94 600 kg/TJ = 244 068 t CO2;
        // TV01b/c: CH4 1 kg/TJ → 2.58 t, N2O 1.5 kg/TJ → 3.87 t;
        // TV01d (AR5, §3.12): 244 068 + 2.58 × 28 + 3.87 × 265 = 245 165.79 t CO2e.
        let item = "other_bituminous_coal"
        let rows = [try factor("ncv", item, 25.8, "TJ/Gg", set: "ipcc", line: 2),
                    try factor("ef_co2", item, 94600, "kg/TJ", set: "ipcc", line: 3),
                    try factor("ef_ch4", item, 1, "kg/TJ", set: "ipcc", line: 4),
                    try factor("ef_n2o", item, 1.5, "kg/TJ", set: "ipcc", line: 5)]
        let result = try run([try record(2, item: item, value: 100000, unit: "t")], [factorSet("ipcc", rows)])
        #expect(errors(result).isEmpty)
        var log = DiagnosticLog()
        let inventory = Inventory(result.calc, gwp: ar5(), set: .ar5, regions: nil, diagnostics: &log)
        #expect(log.diagnostics.isEmpty)
        let total = inventory.row(InventoryKey(region: county, year: 2020, node: .total, gas: .all, scope: .total))
        #expect(close(total?.co2eTonnes, 245165.79, rel: 1e-9))
        let co2 = inventory.row(InventoryKey(region: county, year: 2020, node: .total, gas: .gas(.co2), scope: .total))
        #expect(close(co2?.massTonnes, 244068, rel: 1e-9))
    }

    @Test func compensatedSum() {
        var s = CompensatedSum()
        for x in [1e16, 1, -1e16] { s.add(x) }
        // Naively (1e16 + 1) rounds to 1e16 (ulp 2), so the plain sum is 0; Neumaier keeps the 1.
        #expect(s.value == 1)
        #expect([1e16, 1, -1e16].reduce(0, +) == 0)
        var t = CompensatedSum()
        for x in [0.1, 0.2, 0.3] { t.add(x) }
        #expect(t.value == 0.6)                                   // the plain sum is 0.6000000000000001
        #expect(CompensatedSum().value == 0)
    }
}

// MARK: - Inventory aggregation

/// AR5 GWPs of methodology.md §3.12 (no SF6 on purpose).
private func ar5() -> GWPTable {
    var log = DiagnosticLog()
    let rows = [(Gas.co2, 1.0), (.ch4, 28), (.n2o, 265)].enumerated().map { i, g in
        GWPValue(gas: g.0, set: .ar5, gwp100: g.1, source: "AR5 WG1 Table 8.A.1",
                 location: InputLocation(file: "gwp.csv", line: i + 2))
    }
    return GWPTable(rows, diagnostics: &log)
}

/// A measured emission (`direct_emission`), a direct way to put a known mass into a cell.
private func measured(_ category: String, _ gas: Gas, _ mass: Double, at line: Int, technology: String? = nil) -> Row {
    Row(line: line, category: category, activity: category.hasPrefix("IND") ? .electricityNetImport : .directEmission,
        item: category.hasPrefix("IND") ? "electricity" : gas.rawValue, value: mass,
        unit: category.hasPrefix("IND") ? "MWh" : "t", technology: technology)
}

/// A grid factor of 1 t CO2/MWh, so that net imports put their value into IND.1.
private func unitGrid() throws -> FactorSet {
    factorSet("grid", [try factor("grid_ef", "electricity", 1, "tCO2/MWh", set: "grid", line: 2)])
}

/// Wood burnt in 1.A.4 with 1 t CO2 per GJ and zero CH4/N2O: a biomass memo line of the value given.
private func woodFactors() throws -> FactorSet {
    factorSet("wood", [try factor("ef_co2", "wood", 1, "t/GJ", set: "wood", line: 2),
                       try factor("ef_ch4", "wood", 0, "t/GJ", set: "wood", line: 3),
                       try factor("ef_n2o", "wood", 0, "t/GJ", set: "wood", line: 4)])
}

private func key(_ node: String, _ gas: InventoryGas, _ scope: EmissionScope = .total) -> InventoryKey {
    InventoryKey(region: county, year: 2020, node: node == "TOTAL" ? .total : .category(CategoryCode(node)!),
                 gas: gas, scope: scope)
}

extension MethodTests {
    fileprivate static func inventoryRows() -> [Row] {
        [measured("1.A.1.a", .co2, 100, at: 2),
         measured("1.A.3.b", .co2, 50, at: 3),
         measured("1.A.1.a", .ch4, 2, at: 4),
         measured("1.A.3.b", .n2o, 1, at: 5),
         measured("IND.1", .co2, 30, at: 6),
         Row(line: 7, category: "1.A.4", item: "wood", value: 7, unit: "GJ")]
    }

    /// The inventory of the rows above.
    fileprivate func inventory() throws -> (Inventory, Run, DiagnosticLog) {
        let r = try run(Self.inventoryRows(), [try unitGrid(), try woodFactors()])
        var log = DiagnosticLog()
        let inv = Inventory(r.calc, gwp: ar5(), set: .ar5, regions: nil, diagnostics: &log)
        return (inv, r, log)
    }

    @Test func everyAncestorAndTheTotalGetTheSum() throws {
        let (inv, r, log) = try inventory()
        #expect(errors(r).isEmpty, "\(r.diagnostics)")
        #expect(log.diagnostics.isEmpty)
        inv._checkInvariants()
        // CO2 in scope total: 1.A.1.a 100, 1.A.3.b 50; 1.A = 1 = TOTAL = 150.
        for (node, mass) in [("1.A.1.a", 100.0), ("1.A.1", 100), ("1.A.3.b", 50), ("1.A.3", 50), ("1.A", 150),
                             ("1", 150), ("TOTAL", 150)] {
            #expect(inv.row(key(node, .gas(.co2)))?.massTonnes == mass, "\(node)")
            #expect(inv.row(key(node, .gas(.co2)))?.co2eTonnes == mass, "\(node)")
        }
        #expect(inv.row(key("TOTAL", .gas(.ch4)))?.massTonnes == 2)
        #expect(inv.row(key("TOTAL", .gas(.n2o)))?.massTonnes == 1)
        #expect(inv.row(key("1.A.3", .gas(.ch4))) == nil)
        // Indirect and memo lines stay in their own scopes.
        #expect(inv.row(key("IND", .gas(.co2), .indirect))?.massTonnes == 30)
        #expect(inv.row(key("TOTAL", .gas(.co2), .indirect))?.massTonnes == 30)
        #expect(inv.row(key("TOTAL", .gas(.co2), .memoBiomass))?.massTonnes == 7)
        #expect(inv.row(key("1.A.4", .gas(.co2))) == nil)
        #expect(inv.row(key("IND", .gas(.co2))) == nil)
    }

    @Test func ghgRowIsMassTimesGWP() throws {
        let (inv, _, _) = try inventory()
        // AR5 (methodology.md §3.12): 150 × 1 + 2 × 28 + 1 × 265 = 471 t CO2e (wood's CH4 and N2O are 0).
        let ghg = inv.row(key("TOTAL", .all))
        #expect(ghg?.co2eTonnes == 471)
        #expect(ghg?.massTonnes == nil)
        #expect(inv.row(key("TOTAL", .gas(.ch4)))?.co2eTonnes == 56)        // 2 × 28
        #expect(inv.row(key("1.A.1", .all))?.co2eTonnes == 156)            // 100 + 2 × 28
        #expect(inv.row(key("1.A.3", .all))?.co2eTonnes == 315)            // 50 + 1 × 265
    }

    @Test func totalWithIndirectIsTotalPlusIndirect() throws {
        let (inv, _, _) = try inventory()
        // CO2: 150 + 30 = 180; GHG: 471 + 30 = 501; the biomass memo (7 t) is in neither.
        #expect(inv.row(key("TOTAL", .gas(.co2), .totalWithIndirect))?.massTonnes == 180)
        #expect(inv.row(key("TOTAL", .all, .totalWithIndirect))?.co2eTonnes == 501)
        #expect(inv.row(key("TOTAL", .gas(.ch4), .totalWithIndirect))?.massTonnes == 2)
        // Only the TOTAL node carries this scope.
        #expect(inv.row(key("1", .gas(.co2), .totalWithIndirect)) == nil)
    }

    @Test func rowsAreSortedAndLinesAreFoundByTheirCell() throws {
        let (inv, r, _) = try inventory()
        #expect(inv.rows.map(\.key) == inv.rows.map(\.key).sorted())
        // Canonical order: category, then gas, then scope, then row (1.A.1.a CO2, CH4; 1.A.3.b CO2, N2O; 1.A.4 …).
        #expect(r.lines.map(\.activity.location.line) == [2, 4, 3, 5, 7, 7, 7, 6])
        // TOTAL CO2 (scope total) sums lines 1.A.1.a CO2 (index 0) and 1.A.3.b CO2 (index 2).
        #expect(Explainer.lines(of: key("TOTAL", .gas(.co2)), in: r.calc, regions: nil) == [0, 2])
        #expect(Explainer.lines(of: key("TOTAL", .all), in: r.calc, regions: nil) == [0, 1, 2, 3, 5, 6])
        #expect(inv.gwpSet == .ar5)
    }

    @Test func compensatedSummationInRows() throws {
        let r = try run([measured("IND.1", .co2, 1e16, at: 2, technology: "a"),
                         measured("IND.1", .co2, 1, at: 3, technology: "b"),
                         measured("IND.1", .co2, -1e16, at: 4, technology: "c")], [try unitGrid()])
        var log = DiagnosticLog()
        let inv = Inventory(r.calc, gwp: ar5(), set: .ar5, regions: nil, diagnostics: &log)
        #expect(inv.row(key("TOTAL", .gas(.co2), .indirect))?.massTonnes == 1)
        #expect(inv.row(key("TOTAL", .all, .indirect))?.co2eTonnes == 1)
    }

    @Test func gasWithoutGWPIsReportedOnce() throws {
        let r = try run([measured("1.A.1.a", .co2, 10, at: 2), measured("1.A.1.a", .sf6, 0.01, at: 5, technology: "a"),
                         measured("1.A.1.a", .sf6, 0.02, at: 8, technology: "b")], [])
        var log = DiagnosticLog()
        let inv = Inventory(r.calc, gwp: ar5(), set: .ar5, regions: nil, diagnostics: &log)
        #expect(log.diagnostics == [.error(.missingGWP, at: InputLocation(file: energyFile, line: 5),
            "no AR5 GWP for SF6 in gwp.csv; expected a row (gas SF6, set AR5) or another GWP set")])
        let sf6 = inv.row(key("TOTAL", .gas(.sf6)))
        #expect(close(sf6?.massTonnes, 0.03))
        #expect(sf6?.co2eTonnes == nil)
        #expect(inv.row(key("TOTAL", .all))?.co2eTonnes == nil)
        #expect(inv.row(key("TOTAL", .gas(.co2)))?.co2eTonnes == 10)
    }
}
