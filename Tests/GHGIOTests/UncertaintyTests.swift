import Foundation
import GHGCore
import GHGIO
import GHGTestSupport
import Testing

/// Monte Carlo through the kernel, Approach 1 and key categories through the whole pipeline (issue 14).
@Suite("Uncertainty and key categories")
struct UncertaintyTests {
    static let header = ReferenceReader.factorColumns.joined(separator: ",")

    /// A project of fuel-combustion rows over a local factor set only (IPCC Tier 1: CO2 = AD × NCV × EF).
    static func project(_ rows: [String], factors: [String], config extra: String = "",
                        activityHeader: String = TestProject.header) throws -> TestProject {
        let config = """
            {"name": "t", "years": [2020, 2022], "gwp": "AR5", "factor_stack": []\(extra)}
            """
        return try TestProject(config: config, activity: ["energy.csv": ([activityHeader] + rows).joined(separator: "\n")],
                               factors: ["set.json": #"{"id": "county", "version": "1"}"#,
                                         "f.csv": ([Self.header] + factors).joined(separator: "\n") + "\n"])
    }

    /// CH4 and N2O factors without uncertainty, so that the CO2 line is the only uncertain one.
    static let exactGases = ["ef_ch4,,1.A,,,,,1,kg/TJ,,,,test (exact),", "ef_n2o,,1.A,,,,,1.5,kg/TJ,,,,test (exact),"]

    @Test("one line, a product of two lognormal factors: the 95 % interval is the analytic one within 1 % at 100 000 draws")
    func lognormalProduct() throws {
        // CO2 (t) = 1 000 t × 10^-3 Gg/t × NCV (TJ/Gg) × EF (kg/TJ) × 10^-3 t/kg; ln CO2 is normal with
        // μ = ln 10^-3 + (ln 20 + ln 30)/2 + (ln 80 000 + ln 110 000)/2 and σ² = σ_NCV² + σ_EF², each σ the log-width
        // of its interval over 2 × 1.96; the 95 % interval is e^(μ ± 1.96 σ).
        let p = try Self.project(["510802,2022,1.A.1.a.i,fuel_combustion,bituminous_coal,1000,t,meter,,"],
                                 factors: ["ncv,bituminous_coal,,,,,,25,TJ/Gg,20,30,lognormal,test,",
                                           "ef_co2,bituminous_coal,1.A,,,,,94000,kg/TJ,80000,110000,lognormal,test,"]
                                     + Self.exactGases)
        defer { p.remove() }
        let c = p.compile()
        #expect(c.succeeded, "\(c.log.sorted.map(\.description))")
        let report = try #require(UncertaintyTool.run(c, draws: 100_000, seed: 7, threads: 2))
        let z = Distribution.z975
        let s1 = (log(30.0) - log(20.0)) / (2 * z), s2 = (log(110_000.0) - log(80_000.0)) / (2 * z)
        let mu = log(1e-3) + (log(20.0) + log(30.0)) / 2 + (log(80_000.0) + log(110_000.0)) / 2
        let sigma = (s1 * s1 + s2 * s2).squareRoot()
        let co2 = try #require(report.result.quantities.first { $0.0.region == "510802" && $0.0.year == 2022
                                                                  && $0.0.measure == .co2 }?.1)
        #expect(abs(co2.p025 / exp(mu - z * sigma) - 1) < 0.01, "\(co2.p025) vs \(exp(mu - z * sigma))")
        #expect(abs(co2.p975 / exp(mu + z * sigma) - 1) < 0.01, "\(co2.p975) vs \(exp(mu + z * sigma))")
        #expect(abs(co2.p50 / exp(mu) - 1) < 0.01)
        // The estimate is the inventory's: 1 000 × 10^-3 × 25 × 94 000 × 10^-3 = 2 350 t.
        #expect(close(co2.estimate, 2350, rel: 1e-12))
        // Two factor rows drawn; the CH4 and N2O factors and the activity row are listed as exact.
        #expect(report.inputs.factors.count == 2 && report.inputs.exactFactors.count == 2 && report.inputs.exactRows == [0])
        let inputs = UncertaintyTool.inputsCSV(report)
        #expect(inputs.contains("factor,") && inputs.contains(",exact,no low/high and no project default,"))
    }

    @Test("lines that share a factor row share its draw (correlation 1); lines with different rows are independent")
    func correlation() throws {
        // Two coal rows in two categories use the same NCV and EF rows; the gas row has its own.
        let p = try Self.project(["510802,2022,1.A.1.a.i,fuel_combustion,bituminous_coal,1000,t,meter,,",
                                  "510802,2022,1.A.2,fuel_combustion,bituminous_coal,500,t,meter,,",
                                  "510802,2022,1.A.4.b,fuel_combustion,natural_gas,1000,t,meter,,"],
                                 factors: ["ncv,bituminous_coal,,,,,,25,TJ/Gg,20,30,,test,",
                                           "ef_co2,bituminous_coal,1.A,,,,,94000,kg/TJ,80000,110000,,test,",
                                           "ncv,natural_gas,,,,,,48,TJ/Gg,44,52,,test,",
                                           "ef_co2,natural_gas,1.A,,,,,56100,kg/TJ,54300,58300,,test,"] + Self.exactGases)
        defer { p.remove() }
        let c = p.compile()
        #expect(c.succeeded, "\(c.log.sorted.map(\.description))")
        let calc = try #require(c.calculation)
        let co2 = (0..<calc.lines.count).filter { calc.template(of: $0).gas == .co2 }
        #expect(co2.count == 3)
        let inputs = MonteCarlo.inputs(calc, activityPercent: { _ in nil })
        let draws = MonteCarlo.lineDraws(calc, inputs: inputs, lines: co2, draws: 20_000, seed: 3)
        func r(_ a: [Double], _ b: [Double]) -> Double {
            let n = Double(a.count), ma = a.reduce(0, +) / n, mb = b.reduce(0, +) / n
            var sab = 0.0, saa = 0.0, sbb = 0.0
            for i in a.indices { sab += (a[i] - ma) * (b[i] - mb); saa += (a[i] - ma) * (a[i] - ma); sbb += (b[i] - mb) * (b[i] - mb) }
            return sab / (saa * sbb).squareRoot()
        }
        let rows = co2.map { calc.lines.row[$0] }
        let coal = co2.indices.filter { calc.table.itemOf(Int(rows[$0])) == "bituminous_coal" }
        let gas = co2.indices.first { calc.table.itemOf(Int(rows[$0])) == "natural_gas" }!
        #expect(coal.count == 2)
        #expect(abs(r(draws[coal[0]], draws[coal[1]]) - 1) < 1e-9)
        // The 500 t line is exactly half of the 1 000 t line in every draw.
        for d in 0..<100 { #expect(close(draws[coal[0]][d] / draws[coal[1]][d], 2, rel: 1e-12) || close(draws[coal[1]][d] / draws[coal[0]][d], 2, rel: 1e-12)) }
        #expect(abs(r(draws[coal[0]], draws[gas])) < 0.03)
    }

    @Test("the demo: estimates equal the inventory and indicators, and the same seed gives the same bytes with 1 and 2 threads")
    func demo() throws {
        let c = KernelTests.compile(KernelTests.demo, threads: 2)
        #expect(c.succeeded)
        let one = try #require(UncertaintyTool.run(c, draws: 400, seed: 11, threads: 1))
        let two = try #require(UncertaintyTool.run(c, draws: 400, seed: 11, threads: 2))
        #expect(UncertaintyTool.csv(one) == UncertaintyTool.csv(two))
        #expect(UncertaintyTool.targetsCSV(one) == UncertaintyTool.targetsCSV(two))
        let inv = try #require(c.inventory)
        for (q, s) in one.result.quantities where q.measure == .ghgNet {
            let row = inv.row(InventoryKey(region: q.region, year: q.year, node: .total, gas: .all, scope: .total))
            #expect(close(s.estimate, try #require(row?.co2eTonnes), rel: 1e-12), "\(q)")
        }
        for d in one.result.declines {
            let v = c.indicators.first { $0.region == d.region && $0.year == d.year && $0.baseYear == d.baseYear
                                         && $0.key == "co2_intensity_decline" }
            #expect(close(d.summary.estimate, try #require(v?.value), rel: 1e-9), "\(d.region) \(d.year) vs \(d.baseYear)")
        }
        // The city's carbon-intensity target against 2020 is assessed with a probability.
        #expect(one.targets.contains { $0.target.region == "519900" && $0.target.baseYear == 2020 })
        #expect(UncertaintyTool.summary(one).contains("met with probability"))
    }

    @Test("bad uncertainty inputs: a distribution the row cannot have, an uncertainty that is not a percentage, an unknown default")
    func badInputs() throws {
        let coal = "510802,2022,1.A.1.a.i,fuel_combustion,bituminous_coal,1000,t,meter,,"
        let ok = ["ncv,bituminous_coal,,,,,,25,TJ/Gg,,,,test,", "ef_co2,bituminous_coal,1.A,,,,,94000,kg/TJ,,,,test,"]
            + Self.exactGases
        func errors(_ p: TestProject) -> [String] {
            p.compile().log.sorted.filter { $0.severity == .error }.map(\.description)
        }
        // Factor rows: an unknown name, a lognormal through zero, a distribution without an interval.
        for (row, message) in [
            ("ncv,bituminous_coal,,,,,,25,TJ/Gg,20,30,gamma,test,",
             "factors/f.csv:2:41: error: distribution 'gamma' with low '20', value '25', high '30': unknown distribution 'gamma'; expected one of normal, lognormal, uniform, triangular (or empty for normal) [factor-set]"),
            ("ncv,bituminous_coal,,,,,,25,TJ/Gg,0,30,lognormal,test,",
             "factors/f.csv:2:40: error: distribution 'lognormal' with low '0', value '25', high '30': lognormal needs 0 < low < high [factor-set]"),
            ("ncv,bituminous_coal,,,,,,25,TJ/Gg,,,triangular,test,",
             "factors/f.csv:2:37: error: distribution 'triangular' without low or high; expected the 95 % interval in low and high (the 2.5th and 97.5th percentiles), or no distribution [factor-set]"),
        ] {
            let p = try Self.project([coal], factors: [row] + ok.dropFirst())
            defer { p.remove() }
            #expect(errors(p).contains(message), "\(errors(p))")
        }
        // The activity column: not a number, negative, beyond 1000 %; all rows reported, the good one used.
        let header = TestProject.header + ",uncertainty"
        let p = try Self.project([coal + ",abc", coal.replacingOccurrences(of: "1.A.1.a.i", with: "1.A.2") + ",-5",
                                  coal.replacingOccurrences(of: "1.A.1.a.i", with: "1.A.4.a") + ",5000",
                                  coal.replacingOccurrences(of: "1.A.1.a.i", with: "1.A.4.b") + ",5"],
                                 factors: ok, activityHeader: header)
        defer { p.remove() }
        let e = errors(p)
        for (line, column, text) in [(2, 70, "abc"), (3, 66, "-5"), (4, 68, "5000")] {
            #expect(e.contains("activity/energy.csv:\(line):\(column): error: 'uncertainty' '\(text)' is not a percentage; expected ± % at the 95 % level, a number from 0 to 1000 such as 5 (or empty) [malformed-number]"), "\(e)")
        }
        #expect(e.count == 3, "\(e)")
        // Project defaults: an unknown activity kind, an unknown parameter, a value that is not a number.
        for (json, message) in [
            (#", "uncertainty": {"activity": {"fuel_combustoin": 5}}"#, "uncertainty.activity.fuel_combustoin: unknown activity kind; expected 'default' or one of "),
            (#", "uncertainty": {"factor": {"ef_xx": 5}}"#, "uncertainty.factor.ef_xx: unknown factor parameter; expected a parameter of EmissionFactors/README.md such as ef_ch4"),
            (#", "uncertainty": {"activity": {"default": "five"}}"#, "uncertainty.activity.default: five is not a percentage; expected ± % at the 95 % level, a number from 0 to 1000 such as 5"),
            (#", "uncertainty": {"activities": {}}"#, "uncertainty.activities: expected 'activity' or 'factor', each an object of percentages"),
        ] {
            let q = try Self.project([coal], factors: ok, config: json)
            defer { q.remove() }
            #expect(errors(q).contains { $0.hasPrefix("ghg-project.json: error: " + message) }, "\(errors(q))")
        }
    }

    @Test("key categories and Approach 1 through the pipeline: the level shares of four direct emissions, and the variance of the total")
    func keyCategoriesPipeline() throws {
        // Measured emissions (direct_emission, t CO2): 1.A.1 540, 1.A.3 250, 2.A.1 150, 4.A 55 (CH4 in CO2e:
        // 55/28 t CH4 under AR5), as the level example of methodology.md §7.5 without the sink: Σ = 995;
        // 1.A.1 0.5427 (key), 1.A.3 0.2513 (0.7940, key), 2.A.1 0.1508 (0.9447, key), 4.A 0.0553 (starts at
        // 0.9447 < 0.95: key).
        let rows = ["510802,2022,1.A.1.a.i,direct_emission,CO2,540,t,plant,,",
                    "510802,2022,1.A.3.b,direct_emission,CO2,250,t,survey,,",
                    "510802,2022,2.A.1,direct_emission,CO2,150,t,kiln,,",
                    "510802,2022,4.A.1,direct_emission,CH4,\(DecimalFormat.string(55.0 / 28)),t,landfill,,"]
        let p = try Self.project(rows, factors: [], config: #", "uncertainty": {"activity": {"default": 10}}"#)
        defer { p.remove() }
        let (c, out) = try p.compileToDisk()
        #expect(c.succeeded, "\(c.log.sorted.map(\.description))")
        let kc = try readCSV(out + "/key_categories.csv").filter {
            $0["region"] == "510802" && $0["year"] == "2022" && $0["approach"] == "1" && $0["lulucf"] == "included" }
        #expect(kc.map { $0["category"]! } == ["1.A.1", "1.A.3", "2.A.1", "4.A.1"])
        for (row, share) in zip(kc, [540.0 / 995, 250.0 / 995, 150.0 / 995, 55.0 / 995]) {
            #expect(close(Double(row["share"]!), share, rel: 1e-12), "\(row)")
        }
        #expect(kc.map { $0["key"]! } == ["key", "key", "key", "key"])
        // Every line states 10 % and no factor (direct emissions have none): Approach 2 is given too.
        let two = try readCSV(out + "/key_categories.csv").filter { $0["approach"] == "2" && $0["region"] == "510802" }
        #expect(two.count == 8)
        // Approach 1 level of the total: √((10·540)² + (10·250)² + (10·150)² + (10·55)²) / 995 = 6.233 %.
        let a1 = try readCSV(out + "/uncertainty_approach1.csv").first {
            $0["region"] == "510802" && $0["year"] == "2022" && $0["base_year"] == "" && $0["category"] == "TOTAL" }
        let squares: Double = 5400 * 5400 + 2500 * 2500 + 1500 * 1500 + 550 * 550
        let expected = squares.squareRoot() / 995
        #expect(close(Double(try #require(a1?["combined_pct"])), expected, rel: 1e-9), "\(String(describing: a1))")
        // The city rolls the county up: the same shares.
        #expect(try readCSV(out + "/key_categories.csv").contains { $0["region"] == "510800" && $0["category"] == "1.A.1" })
    }

    @Test("the kernel's batch path gives every line bit for bit the mass of the scalar path under the same values")
    func batchKernel() throws {
        let c = KernelTests.compile(KernelTests.demo, threads: 1)
        let calc = try #require(c.calculation)
        let width = 3, nF = calc.factors.baseValues.count, nR = calc.table.count
        var fv = [Double](repeating: 0, count: nF * width), av = [Double](repeating: 0, count: nR * width)
        var scalarValues: [[Double]] = [], tables: [ActivityTable] = []
        for b in 0..<width {
            // Draw b scales every factor by (1 + b/10) and every activity value by (1 − b/20).
            var values = calc.factors.baseValues, t = calc.table
            for id in 0..<nF { values[id] *= 1 + Double(b) / 10; fv[id * width + b] = values[id] }
            for r in 0..<nR { t.value[r] *= 1 - Double(b) / 20; av[r * width + b] = t.value[r] }
            scalarValues.append(values)
            tables.append(t)
        }
        let all = Array(0..<calc.lines.count)
        var out = [Double](repeating: 0, count: all.count * width)
        fv.withUnsafeBufferPointer { f in
            av.withUnsafeBufferPointer { a in
                out.withUnsafeMutableBufferPointer { o in
                    Kernel.evaluateBatch(calc.lines, plan: calc.plan, compiled: calc.plan.compiled, table: calc.table,
                                         factorValues: f, activityValues: a, width: width, indices: all,
                                         scale: calc.table.symbols.units.map(\.scale), into: o)
                }
            }
        }
        for b in 0..<width {
            let scalar = Kernel.evaluate(calc.lines, plan: calc.plan, table: tables[b], factorValues: scalarValues[b])
            let mismatches = all.filter { out[$0 * width + b].bitPattern != scalar[$0].bitPattern }
            #expect(mismatches.isEmpty, "draw \(b): \(mismatches.count) lines differ, e.g. \(mismatches.prefix(3))")
        }
        // Draw 0 is the inventory.
        #expect(all.allSatisfy { out[$0 * width] == calc.lines.mass[$0] })
    }

    @Test("a category of the base year that has no emissions in the latest year counts in the trend with 0")
    func vanishedCategory() throws {
        // 2020: 1.A.1 100 t and 2.A.1 50 t CO2; 2022: 1.A.1 120 t only. ΣE0 = 150, ΣEt = 120, total trend −20 %.
        // T(2.A.1) = 50/150 × |(0 − 50)/50 − (−0.2)| = 0.266667; T(1.A.1) = 100/150 × |0.2 + 0.2| = 0.266667.
        // Approach 1 trend: ΣC = 150 (2.A.1 included), ΣD = 120.
        let rows = ["510802,2020,1.A.1.a.i,direct_emission,CO2,100,t,plant,,",
                    "510802,2020,2.A.1,direct_emission,CO2,50,t,kiln,,",
                    "510802,2022,1.A.1.a.i,direct_emission,CO2,120,t,plant,,"]
        let p = try Self.project(rows, factors: [], config: #", "base_years": [2020]"#)
        defer { p.remove() }
        let (c, out) = try p.compileToDisk()
        #expect(c.succeeded, "\(c.log.sorted.map(\.description))")
        let trend = try readCSV(out + "/key_categories.csv").filter {
            $0["region"] == "510802" && $0["assessment"] == "trend" && $0["lulucf"] == "included" }
        #expect(trend.map { $0["category"]! } == ["1.A.1", "2.A.1"])
        #expect(trend.map { $0["base_year"]! } == ["2020", "2020"])
        #expect(trend.last?["co2e_t"] == "0" && trend.last?["base_co2e_t"] == "50")
        for row in trend { #expect(close(Double(row["assessment_value"]!), 0.4 * 2 / 3, rel: 1e-12), "\(row)") }
        let total = try readCSV(out + "/uncertainty_approach1.csv").first {
            $0["region"] == "510802" && $0["base_year"] == "2020" && $0["category"] == "TOTAL" }
        #expect(total?["base_co2e_t"] == "150" && total?["co2e_t"] == "120" && total?["trend_pct"] == "-20")
    }
}
