import Foundation
@testable import GHGCore
import GHGIO
import GHGTestSupport
import Testing

/// The calculation kernel (issue 7): one definition of each equation, re-evaluation, determinism over threads, and
/// the indicators' own factors in lineage and audit.
@Suite("Calculation kernel")
struct KernelTests {
    static let demo = repositoryRoot + "/Templates/demo-city"

    static func compile(_ root: String, threads: Int, chunkBytes: Int = 1 << 22) -> Compilation {
        var o = CompileOptions(factorsDirectory: factorLibrary, threads: threads)
        o.chunkBytes = chunkBytes
        return Compiler.compile(projectAt: root, options: o)
    }

    /// Every line's rendered text, read back as arithmetic, gives the mass the kernel computed.
    static func checkRenderedFormulas(_ calc: CalculationResult) -> (checked: Int, methods: Set<ActivityKind>,
                                                                     problems: [String]) {
        var problems: [String] = []
        var methods = Set<ActivityKind>()
        for i in 0..<calc.lines.count {
            let f = calc.formula(of: i)
            let text = calc.describe(i).formula
            methods.insert(calc.template(of: i).method)
            guard let reading = FormulaText.read(text, formula: f) else {
                problems.append("line \(i): cannot read '\(text)'")
                continue
            }
            let mass = calc.lines.mass[i]
            // Shortest round-trip numbers, evaluated in the order written: bit for bit, except a power, which the
            // core computes with its own exp/log.
            let exact = !text.contains("^")
            if exact ? reading.evaluated != mass : !close(reading.evaluated, mass, rel: 1e-12) {
                problems.append("line \(i) (\(f.name)): text evaluates to \(reading.evaluated), kernel \(mass): \(text)")
            }
            if reading.printed != mass {
                problems.append("line \(i) (\(f.name)): printed \(reading.printed), kernel \(mass)")
            }
        }
        return (calc.lines.count, methods, problems)
    }

    /// Rows of the methods the demo does not use (IPPU so far), so that every method has lines in a test.
    static let otherMethodRows = [
        "510802,2022,2.A.1,clinker_production,clinker,80,万吨,s,,",
        "510802,2022,2.A.1,cement_production,portland_cement,10,万吨,s,,",
        "510802,2022,2.A.1,clinker_trade,clinker,1,万吨,s,,import",
        "510802,2022,2.A.1,clinker_trade,clinker,0.5,万吨,s,,export",
        "510802,2022,2.A.2,lime_production,high_calcium_lime,100000,t,TV14,,",
        "510802,2022,2.A.2,lime_production,dolomitic_lime,2.5,万吨,plant survey,,",
        "510802,2022,2.A.3,glass_production,glass,5,万吨,s,,",
        "510802,2022,2.A.4.d,carbonate_use,limestone,1,万吨,s,,",
        "510802,2022,2.B.1,ammonia_production,natural_gas,10,万吨,s,,",
        "510802,2022,2.B.1,co2_recovery,co2,5,万吨,s,,",
        "510802,2022,2.B.2,nitric_acid_production,nitric_acid,20,万吨,s,,high_pressure",
        "510802,2022,2.B.3,adipic_acid_production,adipic_acid,5,万吨,s,,catalytic",
        "510802,2022,2.B.5,carbide_production,silicon_carbide,1000,t,s,,",
        "510802,2022,2.B.9.a,hcfc22_production,hcfc_22,5000,t,s,,recent",
        "510802,2022,2.C.1,metal_production,sinter,10,万吨,s,,",
        "510802,2022,2.C.3,metal_production,primary_aluminium,10,万吨,s,,cwpb",
        "510802,2022,2.C.4,metal_production,magnesium,2000,t,s,,casting",
        "510802,2022,2.G.1,sf6_equipment,sf6,50,t,s,,closed_pressure_europe",
        "510802,2022,3.A,livestock_population,swine,2,万头,s,,",
        "510802,2022,3.A,livestock_population,dairy_cattle,1000,头,s,,",
        "510802,2022,3.C.7,rice_cultivation,single_rice,1000,ha,s,,irrigated",
        "510802,2022,3.C.4,nitrogen_input,synthetic_fertiliser,1,万吨,s,,",
        "510802,2022,3.C.4,nitrogen_input,compound_fertiliser,1,万吨,s,,",
        "510802,2022,3.C.4,nitrogen_input,urine_dung_pasture,100,t N,s,,cattle_poultry_pigs",
        "510802,2022,3.C.4,crop_residue,wheat,10,万吨,s,,",
        "510802,2022,3.C.3,urea_application,urea,1000,t,s,,",
        "510802,2022,3.C.2,lime_application,dolomite,1000,t,s,,",
        "510802,2017,3.B.1.a,forest_stock,broadleaf,1000000,m3,survey,,",
        "510802,2022,3.B.1.a,forest_stock,broadleaf,1100000,m3,survey,,",
        "510802,2022,3.B.1.a,forest_growth,standing_trees,100,万m3,s,,",
        "510802,2022,3.B.1.a,forest_area,conifer,2000,ha,s,,",
        "510802,2022,3.B.1.a,wood_removals,conifer,5000,m3,s,,fuelwood",
        "510802,2022,3.B.2.b,land_conversion,forest_to_cropland,300,亩,s,,",
        "510802,2022,3.B.4,coastal_wetland,mangrove,150,ha,s,,revegetated",
        "510802,2022,4.B,biological_treatment,food,1000,t,s,,composting",
        "510802,2022,4.C.1,waste_incineration,msw,10,万吨,s,,continuous_stoker",
        "510802,2022,4.C.2,open_burning,plastics,100,t,s,,",
    ]

    /// The project factors the other methods' rows need (a county's climate, animal masses and manure systems,
    /// rice days, residue ratios): what a real project supplies.
    static let otherMethodFactors = [
        "set.json": #"{"id": "county", "version": "1"}"#,
        "region-membership.csv": "region,member,year_from,year_to,source,note\nmat_17c,510802,,,station normal,\n"
            + "eastern_asia,510802,,,IPCC 2006 Vol.5 Table 2.3 region,\n",
        "f.csv": ([ReferenceReader.factorColumns.joined(separator: ",")] + [
            "animal_mass,swine,,,,,,60,kg/head,,,,survey,", "animal_mass,dairy_cattle,,,,,,500,kg/head,,,,survey,",
            "manure_system_share,swine,,solid_storage,,,,0.6,1,,,,survey,",
            "manure_system_share,swine,,pasture,,,,0.1,1,,,,survey,",
            "manure_system_share,swine,,liquid_slurry_crust,,,,0.3,1,,,,survey,",
            "manure_system_share,dairy_cattle,,solid_storage,,,,1,1,,,,survey,",
            "frac_leach_ms,,,solid_storage,,,,0.02,1,,,,survey,", "frac_leach_ms,,,liquid_slurry_crust,,,,0.03,1,,,,survey,",
            "cultivation_days,,3.C.7,,,,,115,d,,,,survey,", "n_content,compound_fertiliser,,,,,,0.15,1,,,,label,",
            "residue_ratio,wheat,,,,,,1.1,1,,,,草谷比 survey,", "frac_remove,wheat,,,,,,0.3,1,,,,survey,",
            "frac_burnt,wheat,,,,,,0.1,1,,,,survey,",
            "bcef,broadleaf,3.B.1,,,,,0.7,t/m3,,,,survey,", "root_shoot_ratio,,3.B.1,,,,,0.2,1,,,,survey,",
            "carbon_fraction,,3.B,,,,,0.47,tC/t,,,,survey,", "growth_rate,standing_trees,,,,,,0.06,1,,,,survey,",
            "consumption_rate,standing_trees,,,,,,0.04,1,,,,survey,", "wood_density,standing_trees,,,,,,0.5,t/m3,,,,survey,",
            "bef,standing_trees,,,,,,1.7,1,,,,survey,", "biomass_growth,conifer,,,,,,3.1,t/ha/yr,,,,survey,",
            "bcef_removals,conifer,,,,,,0.9,t/m3,,,,survey,", "biomass_before,forest_to_cropland,,,,,,120,t/ha,,,,survey,",
            "biomass_after,forest_to_cropland,,,,,,5,tC/ha,,,,survey,",
            "carbon_accumulation,mangrove,,,,,,1.62,tC/ha/yr,,,,survey,",
            // What the EFDB does not hold for the Eastern Asia MSW components (Vol.5 Table 2.4 prints 0 or NA).
            "fossil_carbon_fraction,food,4.C,,,,,0,1,,,,Table 2.4 (project),", "fossil_carbon_fraction,wood,4.C,,,,,0,1,,,,Table 2.4 (project),",
            "carbon_fraction,glass,4.C,,,,,0,tC/t,,,,Table 2.4 inert (project),", "carbon_fraction,metal,4.C,,,,,0,tC/t,,,,Table 2.4 inert (project),",
            "fossil_carbon_fraction,glass,4.C,,,,,0,1,,,,Table 2.4 inert (project),", "fossil_carbon_fraction,metal,4.C,,,,,0,1,,,,Table 2.4 inert (project),",
        ]).joined(separator: "\n") + "\n",
    ]

    @Test("every line of the demo and of the other methods: the rendered formula re-evaluates to the line's mass")
    func renderedFormulasReEvaluate() throws {
        let c = Self.compile(Self.demo, threads: 2)
        let calc = try #require(c.calculation)
        let (checked, methods, problems) = Self.checkRenderedFormulas(calc)
        #expect(problems.isEmpty, "\(problems.prefix(5))")
        #expect(checked == calc.lines.count && checked > 300)
        let p = try TestProject(years: [2022], activity: ["a.csv": ([TestProject.header] + Self.otherMethodRows)
                                                                    .joined(separator: "\n")],
                                factors: Self.otherMethodFactors)
        defer { p.remove() }
        let other = p.compile()
        let ok = other.succeeded
        #expect(ok, "\(other.log.sorted.prefix(3).map(\.description))")
        let otherCalc = try #require(other.calculation)
        let (_, otherMethods, otherProblems) = Self.checkRenderedFormulas(otherCalc)
        #expect(otherProblems.isEmpty, "\(otherProblems.prefix(5))")
        // Every method of the registry has lines here, so none escapes this check: a new method adds a row to
        // `otherMethodRows` (or to the demo) with its first lines.
        let covered = methods.union(otherMethods)
        #expect(covered == Set(MethodRegistry.kinds),
                "methods without a line: \(Set(MethodRegistry.kinds).subtracting(covered).sorted())")
    }

    @Test("every formula of the registry renders text that re-evaluates to its own value")
    func everyFormulaRoundTrips() throws {
        // Values of no special form (not round, mixed magnitudes) so that a misplaced operation shows.
        for (id, f) in MethodRegistry.formulas.enumerated() {
            let slots = f.expression.slotCount
            let factors = (0..<slots).map { (0.37 + Double($0) * 1.713, "u\($0)") }
            let inputs: [(role: Int, weight: Double, value: Double, unit: String, label: String)] = [
                (0, 1, 1234.5, "t", "production"), (0, 1, 321.25, "t", "imports"), (0, -1, 17.75, "t", "exports"),
                (1, 1, 2.5, "t", "stored"), (2, 1, 2021, "yr", "t2"), (2, -1, 2016, "yr", "t1"),
            ]
            let values = FormulaRenderer.Values(activity: (98_765.4321, "t"), factors: factors.map { ($0.0, $0.1) },
                                                inputs: inputs, gas: "CO2", category: "1.A.1", source: "test")
            let text = FormulaRenderer.render(f, values)
            let expected = f.evaluate(FormulaInputs(activity: 98_765.4321, factors: factors.map(\.0),
                                                    inputs: inputs.map { ($0.role, $0.weight, $0.value) }))
            let reading = try #require(FormulaText.read(text, formula: f), "formula \(id) \(f.name): '\(text)'")
            #expect(close(reading.evaluated, expected, rel: 1e-12), "formula \(id) \(f.name): \(text)")
            if f.style != .measured { #expect(reading.printed == expected, "formula \(id) \(f.name): \(text)") }
        }
    }

    /// The masses of one calculation's row lines by `RowEvaluator` against the kernel's, bit for bit: the number of
    /// row lines compared and the first mismatches.
    static func checkRowEvaluator(_ calc: CalculationResult) -> (compared: Int, problems: [String]) {
        let rows = RowEvaluator(plan: calc.plan, table: calc.table, factorValues: calc.factors.baseValues)
        let buffer = UnsafeMutablePointer<Double>.allocate(capacity: max(1, rows.maxLinesPerRow))
        defer { buffer.deallocate() }
        var byRow: [Int: [Double]] = [:]
        for r in 0..<calc.table.count {
            let n = rows.masses(ofRow: r, into: buffer)
            if n > 0 { byRow[r] = Array(UnsafeBufferPointer(start: buffer, count: n)) }
        }
        var compared = 0, problems: [String] = []
        let c = calc.plan.compiled
        for i in 0..<calc.lines.count where calc.lines.group[i] < 0 {
            let r = Int(calc.lines.row[i]), p = Int(calc.plan.rowPlan[r])
            let templates = c.planTemplates[Int(c.planStart[p])..<Int(c.planStart[p] + c.planCount[p])]
            guard let k = templates.firstIndex(of: calc.lines.template[i]), let masses = byRow[r] else {
                problems.append("line \(i): row \(r) has no such template")
                continue
            }
            compared += 1
            let mine = masses[k - templates.startIndex]
            if mine.bitPattern != calc.lines.mass[i].bitPattern {
                problems.append("line \(i), row \(r): row by row \(mine), kernel \(calc.lines.mass[i])")
            }
        }
        return (compared, problems)
    }

    @Test("row by row (RowEvaluator, the lineage's row records) gives the kernel's masses bit for bit, every method")
    func rowEvaluatorMatchesKernel() throws {
        let demo = try #require(Self.compile(Self.demo, threads: 2).calculation)
        let (compared, problems) = Self.checkRowEvaluator(demo)
        #expect(problems.isEmpty, "\(problems.prefix(5))")
        #expect(compared == demo.lines.group.filter { $0 < 0 }.count && compared > 300)
        let p = try TestProject(years: [2022], activity: ["a.csv": ([TestProject.header] + Self.otherMethodRows)
                                                                    .joined(separator: "\n")],
                                factors: Self.otherMethodFactors)
        defer { p.remove() }
        let other = try #require(p.compile().calculation)
        let (otherCompared, otherProblems) = Self.checkRowEvaluator(other)
        #expect(otherProblems.isEmpty, "\(otherProblems.prefix(5))")
        #expect(otherCompared > 20)
    }

    @Test("re-evaluating with the same factor values is bit-identical; a changed value moves only its lines")
    func reEvaluation() throws {
        let c = Self.compile(Self.demo, threads: 1)
        let calc = try #require(c.calculation)
        let base = calc.factors.baseValues
        let again = Kernel.evaluate(calc.lines, plan: calc.plan, table: calc.table, factorValues: base, threads: 2)
        #expect(again.map(\.bitPattern) == calc.lines.mass.map(\.bitPattern))
        // Double one factor row used by some line: exactly the lines whose template uses it move, each linear in
        // it (every energy formula is a product in which the factor appears once), so each doubles.
        let t = calc.template(of: 0)
        let id = try #require(t.factors.first)
        var edited = base
        edited[Int(id)] *= 2
        let moved = Kernel.evaluate(calc.lines, plan: calc.plan, table: calc.table, factorValues: edited, threads: 2)
        var changed = 0
        for i in 0..<calc.lines.count {
            let uses = calc.template(of: i).factors.contains(id)
            if uses {
                changed += 1
                #expect(close(moved[i], 2 * calc.lines.mass[i], rel: 1e-14), "line \(i)")
            } else {
                #expect(moved[i].bitPattern == calc.lines.mass[i].bitPattern, "line \(i)")
            }
        }
        #expect(changed > 0)
    }

    /// A project of several counties and cities, with enough rows that the activity file is split into chunks.
    static func multiRegionProject() throws -> TestProject {
        var regions = ["code,name_zh,name_en,level,parent", "510000,四川省,Sichuan,province,"]
        var rows = [TestProject.header]
        let fuels = [("raw_coal", "万吨"), ("diesel", "万吨"), ("natural_gas", "万立方米")]
        let sectors = ["1.A.1.a.i", "1.A.2.a", "1.A.3.b", "1.A.4.b"]
        for city in 1...3 {
            let cityCode = "51\(String(format: "%02d", city))00"
            regions.append("\(cityCode),市\(city),City \(city),city,510000")
            for county in 1...4 {
                let code = "51\(String(format: "%02d", city))\(String(format: "%02d", county))"
                regions.append("\(code),县\(county),County \(county),county,\(cityCode)")
                for year in [2021, 2022, 2023] {
                    for (k, (fuel, unit)) in fuels.enumerated() {
                        for (j, sector) in sectors.enumerated() where !(fuel == "raw_coal" && sector == "1.A.3.b") {
                            let v = Double(city * 100 + county * 10 + k + j) + Double(year - 2000) / 7
                            rows.append("\(code),\(year),\(sector),fuel_combustion,\(fuel),\(DecimalFormat.string(v)),"
                                + "\(unit),s,,")
                        }
                    }
                    rows.append("\(code),\(year),IND.1,electricity_net_import,electricity,\(city * 1000 + county),MWh,g,,")
                }
            }
        }
        // The rows are shuffled (deterministically) so that layout has to sort inside buckets.
        var body = Array(rows.dropFirst())
        var state: UInt64 = 2005
        for i in stride(from: body.count - 1, to: 0, by: -1) {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            body.swapAt(i, Int(state >> 33) % (i + 1))
        }
        return try TestProject(years: [2021, 2022, 2023], lookup: #"{"tce_coefficient": {"technology": "calorific_equivalent"}}"#,
                               regions: regions.joined(separator: "\n"),
                               activity: ["energy.csv": ([rows[0]] + body).joined(separator: "\n") + "\n"])
    }

    @Test("outputs are byte-identical with 1, 2 and 3 threads, with the activity file read in one piece or in chunks")
    func threadCountDoesNotMatter() throws {
        let p = try Self.multiRegionProject()
        defer { p.remove() }
        for root in [Self.demo, p.root] {
            var reference: [(String, String)]?
            for (threads, chunk) in [(1, 1 << 22), (2, 256), (3, 1000), (2, 1 << 22)] {
                let c = Self.compile(root, threads: threads, chunkBytes: chunk)
                let ok = c.succeeded, warnings = c.log.warningCount
                #expect(ok && (root == Self.demo || warnings == 0), "\(c.log.sorted.prefix(3).map(\.description))")
                let files = OutputWriter.render(c)
                if let reference {
                    #expect(files.map(\.0) == reference.map(\.0))
                    for (a, b) in zip(files, reference) {
                        #expect(a.1 == b.1, "\(root): \(a.0) differs with \(threads) threads, chunks of \(chunk) bytes")
                    }
                } else {
                    reference = files
                    #expect(files.count >= 8)
                }
            }
        }
    }

    @Test("stage 2 side by side (2, 3 threads) makes the plan that row by row makes (1 thread); the demo takes the loop")
    func planningSideBySide() throws {
        let p = try Self.multiRegionProject()
        defer { p.remove() }
        let serial = try #require(Self.compile(p.root, threads: 1, chunkBytes: 700).calculation)
        #expect(!serial.plannedSideBySide)
        for threads in [2, 3] {
            let c = try #require(Self.compile(p.root, threads: threads, chunkBytes: 700).calculation)
            #expect(c.plannedSideBySide)
            #expect(c.plan.rowPlan == serial.plan.rowPlan)
            #expect(c.plan.rowPlans == serial.plan.rowPlans)
            #expect(c.plan.lineTemplates == serial.plan.lineTemplates)
            #expect(c.plan.notationRows == serial.plan.notationRows)
            #expect(c.plan.rejected == serial.plan.rejected)
            #expect(c.lines.mass.map(\.bitPattern) == serial.lines.mass.map(\.bitPattern))
        }
        let plannedRows = serial.plan.rowPlan.filter { $0 >= 0 }.count
        #expect(serial.plan.rowPlans.count >= 10 && plannedRows > 400,
                "\(serial.plan.rowPlans.count) plans, \(plannedRows) rows")
        let demo = try #require(Self.compile(Self.demo, threads: 2).calculation)
        #expect(!demo.plannedSideBySide)
    }

    @Test("the multi-region project: every rendered formula re-evaluates, and explain's lines add up to each total")
    func multiRegionLinesAddUp() throws {
        let p = try Self.multiRegionProject()
        defer { p.remove() }
        let c = Self.compile(p.root, threads: 2, chunkBytes: 512)
        let calc = try #require(c.calculation), inv = try #require(c.inventory)
        #expect(Self.checkRenderedFormulas(calc).problems.isEmpty)
        inv._checkInvariants()
        var checked = 0
        for row in inv.rows where row.key.gas != .all && row.key.scope == .total {
            let lines = Explainer.lines(of: row.key, in: calc, regions: inv.regions)
            var s = CompensatedSum()
            for i in lines { s.add(calc.lines.mass[i]) }
            #expect(close(s.value, row.massTonnes ?? .nan, rel: 1e-12), "\(row.key)")
            checked += 1
        }
        #expect(checked > 500)
    }

    @Test("a focused compile (explain) gives the same lines, numbers and totals for its region and year as a full one")
    func focusedCompileMatchesFull() throws {
        let p = try Self.multiRegionProject()
        defer { p.remove() }
        let full = Self.compile(p.root, threads: 2)
        let fullCalc = try #require(full.calculation), fullInv = try #require(full.inventory)
        for (region, year) in [("510200", 2021), ("510103", 2023), ("510000", 2022)] {
            var o = CompileOptions(factorsDirectory: factorLibrary, threads: 2)
            o.focus = CalculationFocus(region: region, year: year)
            let c = Compiler.compile(projectAt: p.root, options: o)
            let calc = try #require(c.calculation), inv = try #require(c.inventory)
            // Fewer lines, but each keeps its canonical number and its description.
            #expect(calc.lines.count < fullCalc.lines.count)
            let key = InventoryKey(region: region, year: year, node: .total, gas: .all, scope: .total)
            let focused = Explainer.lines(of: key, in: calc, regions: inv.regions)
            let reference = Explainer.lines(of: key, in: fullCalc, regions: fullInv.regions)
            #expect(focused.map { calc.lines.canonical($0) } == reference)
            #expect(focused.map { calc.describe($0).formula } == reference.map { fullCalc.describe($0).formula })
            #expect(focused.map { calc.describe($0).index } == reference)
            // Every row of the region and year has the full compile's value, bit for bit.
            for row in fullInv.rows where row.key.region == region && row.key.year == year {
                let r = inv.row(row.key)
                #expect(r?.massTonnes?.bitPattern == row.massTonnes?.bitPattern
                        && r?.co2eTonnes?.bitPattern == row.co2eTonnes?.bitPattern, "\(row.key)")
            }
        }
    }

    /// A local factor set with one coal-equivalent coefficient for electricity.
    static func coalEquivalentSet(_ gce: String) throws -> String {
        let dir = NSTemporaryDirectory() + "ghg-coal-eq-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try #"{"id": "coal-eq", "version": "1"}"#.write(toFile: dir + "/set.json", atomically: true, encoding: .utf8)
        try (ReferenceReader.factorColumns.joined(separator: ",") + "\n"
             + "tce_coefficient,electricity,,coal_equivalent,,2020,2020,\(gce),gce/kWh,,,,thermal power coal rate,\n")
            .write(toFile: dir + "/f.csv", atomically: true, encoding: .utf8)
        return dir
    }

    @Test("the non-fossil coal-equivalent coefficient is in the lineage and in the audit's cause")
    func indicatorFactorInLineageAndAudit() throws {
        // TV40: 10 TWh × 300 gce/kWh = 3 Mtce of 20 Mtce = 15 %; with 310 gce/kWh: 3.1 Mtce = 15.5 %.
        let p = try TestProject(years: [2020], activity: ["a.csv": [TestProject.header,
                                                                      "510802,2020,1.A.1.a.i,direct_emission,CO2,1,t,x,,"]
                                                                      .joined(separator: "\n")],
                                socio: ["510802,2020,energy_tce,2000,万吨标准煤,,TV40,",
                                        "510802,2020,non_fossil_electricity,10,TWh,,TV40,"])
        defer { p.remove() }
        let a = try Self.coalEquivalentSet("300"), b = try Self.coalEquivalentSet("310")
        defer { try? FileManager.default.removeItem(atPath: a); try? FileManager.default.removeItem(atPath: b) }
        let shipped = ["china-provincial-2011", "china-energy-statistics", "china-grid", "ipcc-2006"]
        let (report, before, _) = Auditor.audit(projectAt: p.root, from: [a] + shipped, to: [b] + shipped,
                                                options: CompileOptions(factorsDirectory: factorLibrary))
        let r = try #require(report)
        // No emission line moves; the indicator does, and the audit names the factor row behind it.
        #expect(r.lines.isEmpty)
        let share = try #require(r.indicators.first { $0.key == "non_fossil_share" && $0.region == "510802" })
        #expect(close(share.before, 15) && close(share.after, 15.5))
        #expect(share.factors.count == 1)
        #expect(share.factors.first?.description.hasPrefix("tce_coefficient: ") == true)
        #expect(share.factors.first?.before?.baseValue == 0.3 && share.factors.first?.after?.baseValue == 0.31)
        #expect(Auditor.csv(r).contains("tce_coefficient: "))
        // The lineage lists the factor row once and the indicator's use of it by id.
        var sink = ""
        for (name, text) in OutputWriter.render(before) where name == "lineage.jsonl" { sink = text }
        let records = sink.split(separator: "\n").map(String.init)
        let use = try #require(records.first { $0.contains(#""kind":"indicator_factor""#) })
        #expect(use.contains(#""indicator":"non_fossil_share""#) && use.contains(#""region":"510802""#))
        let id = try #require(use.range(of: #""factor":"#).map { use[$0.upperBound...].prefix { $0.isNumber } })
        let factor = try #require(records.first { $0.contains(#""kind":"factor","id":\#(id),"#) })
        #expect(factor.contains(#""parameter":"tce_coefficient""#) && factor.contains(#""value":300"#))
    }
}
