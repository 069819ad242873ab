import GHGTestSupport
import Testing
import GHGCore

// Regions used throughout (GB/T 2260 codes): 510000 四川省 ⊃ 510800 广元市 ⊃ 510802 利州区.
private let province = "510000", city = "510800", county = "510802"

private func regionTree() -> RegionTree {
    var log = DiagnosticLog()
    let tree = RegionTree([
        Region(code: province, nameZH: "四川省", nameEN: "Sichuan", level: .province, parent: nil,
               location: InputLocation(file: "regions.csv", line: 2)),
        Region(code: city, nameZH: "广元市", nameEN: "Guangyuan", level: .city, parent: province,
               location: InputLocation(file: "regions.csv", line: 3)),
        Region(code: county, nameZH: "利州区", nameEN: "Lizhou", level: .county, parent: city,
               location: InputLocation(file: "regions.csv", line: 4)),
    ], diagnostics: &log)
    precondition(log.diagnostics.isEmpty)
    return tree
}

/// A factor row; the value doubles as the row's identity in the assertions.
private func row(_ parameter: FactorParameter = "ef_ch4", item: String = "coal", category: String? = nil,
                 technology: String? = nil, region: String? = nil, from: Int? = nil, to: Int? = nil,
                 value: Double, unit: String = "kg/TJ", file: String = "factors.csv", line: Int) throws -> FactorRow {
    FactorRow(parameter: parameter, item: item, category: category.flatMap(CategoryCode.init), technology: technology,
              region: region, yearFrom: from, yearTo: to, value: value, unit: try UnitRegistry.parse(unit),
              source: "test", location: InputLocation(file: file, line: line))
}

private func info(_ id: String, project: Bool = false) -> FactorSetInfo {
    FactorSetInfo(id: id, edition: "2024", version: "1", title: id, publisher: "test", license: "CC0", notes: "",
                  path: id, contentHash: "", isProjectSet: project)
}

private func set(_ id: String, _ rows: [FactorRow], membership: [RegionMembership] = [],
                 project: Bool = false) -> FactorSet {
    var log = DiagnosticLog()
    let s = FactorSet(info: info(id, project: project), rows: rows, membership: membership, diagnostics: &log)
    precondition(log.diagnostics.isEmpty, "\(log.diagnostics)")
    return s
}

private func library(_ sets: [FactorSet], overrides: [FactorParameter: LookupOverride] = [:]) -> FactorLibrary {
    FactorLibrary(sets: sets, regions: regionTree(), overrides: overrides)
}

/// Membership as in methodology.md §3.11: Sichuan in 华中 (central China) with the 2012 factors, in the separate 西南
/// (south-west) region of the 2021+ MEE/NBS series; both grids in CN.
private func membership() -> [RegionMembership] {
    func m(_ region: String, _ member: String, _ from: Int?, _ to: Int?, _ line: Int) -> RegionMembership {
        RegionMembership(region: region, member: member, yearFrom: from, yearTo: to, source: "test",
                         location: InputLocation(file: "region-membership.csv", line: line))
    }
    return [m("central_china", province, nil, 2020, 2), m("southwest_china", province, 2021, nil, 3),
            m("CN", "central_china", nil, nil, 4), m("CN", "southwest_china", nil, nil, 5)]
}

private let energyIndustries = CategoryCode("1.A.1.a")!

extension FactorLibrary {
    /// Resolves `ef_ch4` of coal in category 1.A.1.a unless told otherwise.
    fileprivate func find(_ parameter: FactorParameter = "ef_ch4", item: String = "coal", category: CategoryCode = energyIndustries,
                          technology: String? = nil, region: String = county, year: Int = 2020)
        -> Result<ResolvedFactor, FactorLookupError>
    {
        resolve(parameter, item: item, category: category, technology: technology, region: region, year: year)
    }

    /// The value of the resolved row, or nil on failure.
    fileprivate func value(_ parameter: FactorParameter = "ef_ch4", category: String = "1.A.1.a", technology: String? = nil,
                           region: String = county, year: Int = 2020) -> Double? {
        try? find(parameter, category: CategoryCode(category)!, technology: technology, region: region, year: year)
            .get().row.value
    }
}

@Suite("FactorLibrary resolution")
struct FactorLibraryTests {
    @Test func firstSetWithAMatchWinsOverAMoreSpecificLaterRow() throws {
        let lib = library([
            set("local", [try row(value: 1, line: 2)]),
            set("ipcc-2006", [try row(category: "1.A.1.a", technology: nil, region: county, from: 2020, to: 2020,
                                      value: 2, line: 2)]),
        ])
        let f = try lib.find().get()
        #expect(f.row.value == 1)
        #expect(f.set.id == "local")
        #expect(f.stackIndex == 0)
    }

    @Test func setsWithoutAMatchingRowAreSkipped() throws {
        let lib = library([
            set("local", [try row(item: "diesel", value: 9, line: 2),             // other item
                          try row(region: "440000", value: 8, line: 3),           // other region
                          try row(category: "1.A.3", value: 7, line: 4)]),        // other category
            set("ipcc-2006", [try row(value: 3, line: 2)]),
        ])
        let f = try lib.find().get()
        #expect(f.row.value == 3)
        #expect(f.set.id == "ipcc-2006")
        #expect(f.stackIndex == 1)
    }

    @Test func regionAndYearOverRegionOverYearOverDefault() throws {
        let d = try row(value: 1, line: 2)
        let y = try row(from: 2015, to: 2025, value: 2, line: 3)
        let r = try row(region: county, value: 3, line: 4)
        let ry = try row(region: county, from: 2015, to: 2025, value: 4, line: 5)
        #expect(library([set("s", [d, y, r, ry])]).value() == 4)
        #expect(library([set("s", [ry, r, y, d])]).value() == 4)
        #expect(library([set("s", [d, y, r])]).value() == 3)
        #expect(library([set("s", [d, y])]).value() == 2)
        #expect(library([set("s", [d])]).value() == 1)
        // A year row does not match outside its range, so the default applies.
        #expect(library([set("s", [d, y])]).value(year: 2014) == 1)
    }

    @Test func regionAndYearBeatsANearerRegionWithoutYears() throws {
        // Rank 3 of the FactorLibrary doc: region and year > region, before nearness is considered.
        let lib = library([set("s", [try row(region: county, value: 1, line: 2),
                                     try row(region: province, from: 2020, to: 2020, value: 2, line: 3)])])
        #expect(lib.value() == 2)
    }

    @Test func nearerRegionWins() throws {
        let rows = [try row(region: "CN", value: 5, line: 2), try row(region: "central_china", value: 4, line: 3),
                    try row(region: province, value: 3, line: 4), try row(region: city, value: 2, line: 5),
                    try row(region: county, value: 1, line: 6)]
        for n in 0..<5 {
            // Keep the n farthest rows (plus one); the nearest kept row wins, whatever the file order.
            let kept = Array(rows.prefix(5 - n))
            let expected = Double(5 - (kept.count - 1))
            #expect(library([set("s", kept, membership: membership())]).value(year: 2020) == expected)
            #expect(library([set("s", kept.reversed(), membership: membership())]).value(year: 2020) == expected)
        }
        // From the city, the county row does not apply.
        #expect(library([set("s", rows, membership: membership())]).value(region: city) == 2)
    }

    @Test func longerCategoryPrefixWins() throws {
        let rows = [try row(value: 1, line: 2), try row(category: "1", value: 2, line: 3),
                    try row(category: "1.A", value: 3, line: 4), try row(category: "1.A.2", value: 4, line: 5),
                    try row(category: "1.A.3", value: 5, line: 6), try row(category: "1.A.2.f.i", value: 6, line: 7)]
        let lib = library([set("s", rows)])
        #expect(lib.value(category: "1.A.2.f") == 4)        // 1.A.2.f.i is longer than the query: no match
        #expect(lib.value(category: "1.A.2.f.i") == 6)
        #expect(lib.value(category: "1.A.3.b") == 5)
        #expect(lib.value(category: "1.A.1.a") == 3)
        #expect(lib.value(category: "1.B.1") == 2)
        #expect(lib.value(category: "2.A.1") == 1)
        // 1.A is not a prefix of 1.AB.
        #expect(lib.value(category: "1.AB") == 2)
    }

    @Test func technologyRowWinsOnlyForThatTechnology() throws {
        let plain = try row(item: "gasoline", category: "1.A.3.b", value: 33, line: 2)
        let catalyst = try row(item: "gasoline", category: "1.A.3.b", technology: "oxidation_catalyst", value: 25,
                               line: 3)
        func gasoline(_ lib: FactorLibrary, _ tech: String?) -> Result<ResolvedFactor, FactorLookupError> {
            lib.find(item: "gasoline", category: CategoryCode("1.A.3.b")!, technology: tech)
        }
        let both = library([set("s", [catalyst, plain])])
        #expect(try gasoline(both, "oxidation_catalyst").get().row.value == 25)
        #expect(try gasoline(both, "uncontrolled").get().row.value == 33)
        #expect(try gasoline(both, nil).get().row.value == 33)
        // A technology row never matches a query without that technology.
        let only = library([set("s", [catalyst])])
        #expect(throws: FactorLookupError.self) { try gasoline(only, nil).get() }
        #expect(throws: FactorLookupError.self) { try gasoline(only, "uncontrolled").get() }
    }

    @Test func longerCategoryRanksBeforeTechnology() throws {
        // Rank 3 of the FactorLibrary doc: "then the longer category prefix; then a technology over none".
        let lib = library([set("s", [
            try row(item: "gasoline", category: "1.A.3", technology: "oxidation_catalyst", value: 1, line: 2),
            try row(item: "gasoline", category: "1.A.3.b", value: 2, line: 3),
        ])])
        #expect(try lib.find(item: "gasoline", category: CategoryCode("1.A.3.b")!, technology: "oxidation_catalyst")
            .get().row.value == 2)
    }

    @Test func yearRangesAreInclusive() throws {
        let lib = library([set("s", [try row(from: 2010, to: 2015, value: 1, line: 2),
                                     try row(from: 2020, value: 2, line: 3),
                                     try row(to: 2005, value: 3, line: 4)])])
        #expect(lib.value(year: 2010) == 1)
        #expect(lib.value(year: 2015) == 1)
        #expect(lib.value(year: 2009) == nil)
        #expect(lib.value(year: 2016) == nil)
        #expect(lib.value(year: 2020) == 2)
        #expect(lib.value(year: 2060) == 2)
        #expect(lib.value(year: 2005) == 3)
        #expect(lib.value(year: 2006) == nil)
    }

    @Test func regionChainFollowsMembershipByYear() throws {
        let s = set("china-grid", [], membership: membership())
        let start = regionTree().chain(from: county)
        #expect(start == [county, city, province])
        #expect(s.regionChain(start, year: 2020) == [county, city, province, "central_china", "CN"])
        #expect(s.regionChain(start, year: 2021) == [county, city, province, "southwest_china", "CN"])
    }

    @Test func gridFactorByMembership() throws {
        // methodology.md §3.11: 华中 2012 0.5257, 西南 2022 0.2268, national (MEE 2022) 0.5703 t CO2/MWh.
        let grids = [try row("grid_ef", item: "electricity", region: "central_china", value: 0.5257,
                             unit: "tCO2/MWh", line: 2),
                     try row("grid_ef", item: "electricity", region: "southwest_china", value: 0.2268,
                             unit: "tCO2/MWh", line: 3)]
        let national = try row("grid_ef", item: "electricity", region: "CN", value: 0.5703, unit: "tCO2/MWh",
                               line: 4)
        let lib = library([set("china-grid", grids + [national], membership: membership())])
        func grid(_ lib: FactorLibrary, _ year: Int) -> Double? {
            try? lib.find("grid_ef", item: "electricity", category: CategoryCode("IND.1")!, year: year).get().row.value
        }
        #expect(grid(lib, 2020) == 0.5257)
        #expect(grid(lib, 2021) == 0.2268)
        // Grid → CN when no regional row exists.
        let nationalOnly = library([set("china-grid", [national], membership: membership())])
        #expect(grid(nationalOnly, 2020) == 0.5703)
        #expect(grid(nationalOnly, 2023) == 0.5703)
        // South-west membership starts in 2021: in 2020 that row does not apply.
        let southwestOnly = library([set("china-grid", [grids[1]], membership: membership())])
        #expect(grid(southwestOnly, 2020) == nil)
        // Membership belongs to its set: a set without membership rows cannot reach a grid region.
        let split = library([set("local", [grids[0]]), set("china-grid", [national], membership: membership())])
        #expect(grid(split, 2020) == 0.5703)
    }

    @Test func equallySpecificRowsAreAmbiguous() throws {
        let lib = library([set("local", [
            try row(region: province, from: 2015, to: 2025, value: 2, line: 9),
            try row(region: province, from: 2010, to: 2020, value: 1, line: 3),
            try row(value: 0, line: 1),
        ])])
        let error = #expect(throws: FactorLookupError.self) { try lib.find(year: 2018).get() }
        let q = FactorQuery(parameter: "ef_ch4", item: "coal", category: energyIndustries, technology: nil,
                            region: county, year: 2018)
        #expect(error == FactorLookupError.ambiguous(q, set: "local", rows: [InputLocation(file: "factors.csv", line: 3),
                                                             InputLocation(file: "factors.csv", line: 9)]))
        #expect(error?.message == "ambiguous factor for parameter 'ef_ch4' for item 'coal', category 1.A.1.a, "
            + "region 510802, year 2018: set 'local' has equally specific rows at factors.csv:3 and factors.csv:9; "
            + "make one row more specific or remove one")
        // Outside the overlap each row is alone.
        #expect(lib.value(year: 2012) == 1)
        #expect(lib.value(year: 2024) == 2)
    }

    @Test func aMoreSpecificRowResolvesWhatWouldBeAmbiguous() throws {
        let tied = [try row(region: province, from: 2015, to: 2025, value: 2, line: 9),
                    try row(region: province, from: 2010, to: 2020, value: 1, line: 3)]
        let nearer = try row(region: city, from: 2018, to: 2018, value: 7, line: 12)
        #expect(library([set("s", tied + [nearer])]).value(year: 2018) == 7)
        #expect(library([set("s", [nearer] + tied)]).value(year: 2018) == 7)
    }

    @Test func missingNamesTheQueryAndTheStack() throws {
        let lib = library([set("local", [try row(item: "diesel", value: 1, line: 2)]), set("ipcc-2006", [])])
        let error = #expect(throws: FactorLookupError.self) {
            try lib.find(category: CategoryCode("1.A.1.a")!, year: 2018).get()
        }
        #expect(error?.message == "no factor for parameter 'ef_ch4' for item 'coal', category 1.A.1.a, "
            + "region 510802, year 2018 in the stack [local, ipcc-2006]; "
            + "expected a row in one of these sets or in the project's factors/ folder")
        let withTechnology = #expect(throws: FactorLookupError.self) {
            try lib.find(item: "gasoline", category: CategoryCode("1.A.3.b")!, technology: "oxidation_catalyst",
                         year: 2020).get()
        }
        #expect(withTechnology?.message == "no factor for parameter 'ef_ch4' for item 'gasoline', category 1.A.3.b, "
            + "technology 'oxidation_catalyst', region 510802, year 2020 in the stack [local, ipcc-2006]; "
            + "expected a row in one of these sets or in the project's factors/ folder")
    }

    @Test func overridesChangeTheQueryAndExplainHow() throws {
        let rows = [
            try row("grid_ef", item: "electricity", region: "CN", from: 2012, to: 2012, value: 0.7, unit: "tCO2/MWh",
                    line: 2),
            try row("grid_ef", item: "electricity", region: "CN", from: 2020, to: 2020, value: 0.5, unit: "tCO2/MWh",
                    line: 3),
            try row("grid_ef", item: "electricity", region: province, value: 0.1, unit: "tCO2/MWh", line: 4),
            try row("tce_coefficient", item: "electricity", technology: "calorific_equivalent", value: 0.1229,
                    unit: "kgce/kWh", line: 5),
        ]
        let lib = library([set("s", rows)], overrides: [
            "grid_ef": LookupOverride(region: "CN", years: [2005: 2012]),
            "tce_coefficient": LookupOverride(technology: "calorific_equivalent"),
        ])
        let ind1 = CategoryCode("IND.1")!

        let y2005 = try lib.find("grid_ef", item: "electricity", category: ind1, year: 2005).get()
        #expect(y2005.row.value == 0.7)
        #expect(y2005.query.region == "CN")
        #expect(y2005.query.year == 2012)
        #expect(y2005.lookupNote
            == "region 510802 looked up as CN, year 2005 looked up as 2012 (ghg-project.json factor_lookup.grid_ef)")

        // A year without a mapping keeps the year; the region override still applies (not the province row).
        let y2020 = try lib.find("grid_ef", item: "electricity", category: ind1, year: 2020).get()
        #expect(y2020.row.value == 0.5)
        #expect(y2020.lookupNote == "region 510802 looked up as CN (ghg-project.json factor_lookup.grid_ef)")

        let tce = try lib.find("tce_coefficient", item: "electricity", category: ind1, year: 2020).get()
        #expect(tce.row.value == 0.1229)
        #expect(tce.query.technology == "calorific_equivalent")
        #expect(tce.lookupNote == "technology (none) looked up as calorific_equivalent "
            + "(ghg-project.json factor_lookup.tce_coefficient)")
        let replaced = try lib.find("tce_coefficient", item: "electricity", category: ind1, technology: "grid",
                                    year: 2020).get()
        #expect(replaced.lookupNote == "technology grid looked up as calorific_equivalent "
            + "(ghg-project.json factor_lookup.tce_coefficient)")

        // An override of one parameter leaves the others alone; the exact-query form applies none.
        let noOverride = library([set("s", rows)], overrides: ["ncv": LookupOverride(region: "CN")])
        let plain = try noOverride.find("grid_ef", item: "electricity", category: ind1, year: 2020).get()
        #expect(plain.row.value == 0.1)
        #expect(plain.lookupNote == nil)
        let q = FactorQuery(parameter: "grid_ef", item: "electricity", category: ind1, technology: nil,
                            region: county, year: 2020)
        #expect(try lib.resolve(q).get().row.value == 0.1)
    }

    @Test func rowsOfAnotherDimensionDoNotMatchADimensionedQuery() throws {
        // An NCV for a fuel in tonnes must be energy/mass; a kJ/m3 row of the project set is passed over with a note.
        let local = set("local", [try row("ncv", item: "natural_gas", value: 38931, unit: "kJ/m3", line: 2)],
                        project: true)
        let ipcc = set("ipcc-2006", [try row("ncv", item: "natural_gas", value: 48, unit: "TJ/Gg", line: 7)])
        let lib = library([local, ipcc])
        let f = try lib.find("ncv", item: "natural_gas", category: energyIndustries).get()
        #expect(f.row.value == 38931)        // no dimension asked: the first set wins
        let typed = try lib.resolve("ncv", item: "natural_gas", category: energyIndustries, technology: nil,
                                    region: county, year: 2020, dimension: .energy / .mass).get()
        #expect(typed.row.value == 48)
        #expect(typed.set.id == "ipcc-2006")
        #expect(typed.skippedProjectRows.map(\.location) == [InputLocation(file: "factors.csv", line: 2)])
    }

    @Test func duplicateKeysAreReportedAndTheFirstRowKept() throws {
        var log = DiagnosticLog()
        let s = FactorSet(info: info("local"), rows: [
            try row("ncv", item: "raw_coal", value: 20.908, unit: "GJ/t", file: "factors/fuels.csv", line: 2),
            try row("ncv", item: "diesel", value: 42.652, unit: "GJ/t", file: "factors/fuels.csv", line: 3),
            try row("ncv", item: "raw_coal", value: 25.8, unit: "TJ/Gg", file: "factors/fuels.csv", line: 5),
        ], diagnostics: &log)
        #expect(log.diagnostics == [.error(.duplicateRow, at: InputLocation(file: "factors/fuels.csv", line: 5),
            "factor row repeats the key of factors/fuels.csv:2 (parameter 'ncv', item 'raw_coal')")])
        #expect(s.rows.map(\.value) == [20.908, 42.652])
        #expect(s.candidates(parameter: "ncv", item: "raw_coal").map { s.rows[$0].value } == [20.908])
        let lib = FactorLibrary(sets: [s], regions: regionTree())
        #expect(try lib.find("ncv", item: "raw_coal").get().row.value == 20.908)
    }

    @Test func resolvedBaseValue() throws {
        // 20.2 tC/TJ = 20.2 / 1000 tC/GJ = 0.0202 tC/GJ (methodology.md §2.1: CC in tC/GJ = tC/TJ ÷ 1000)
        let lib = library([set("s", [try row("carbon_content", item: "diesel", value: 20.2, unit: "tC/TJ", line: 2)])])
        let f = try lib.find("carbon_content", item: "diesel").get()
        #expect(f.baseValue == 0.0202)
        #expect(f.row.unit.baseSymbol == "tC/GJ")
    }
}
