import Foundation
import GHGCore
import GHGIO
import GHGTestSupport
import Testing

/// Agriculture (sector 3.A and 3.C): the test vectors TV21–TV26 of methodology.md §7.3 through the whole pipeline, a
/// county worked by hand, and the bad inputs of the sector. Factors are the shipped IPCC 2006 defaults (Asia) unless a
/// test supplies its own; the climate of 510802 is data (the project's region-membership.csv).
@Suite("Agriculture (sector 3.A, 3.C)")
struct AgricultureTests {
    static let header = ReferenceReader.factorColumns.joined(separator: ",")

    /// Compiles rows for 510802 in 2022 with a project set (factor rows, and the county's climate code).
    func run(_ rows: [String], factors: [String] = [], climate: String? = "mat_20c") throws
        -> (Compilation, [[String: String]]) {
        var local = ["set.json": #"{"id": "county", "version": "1"}"#,
                     "f.csv": ([Self.header] + factors).joined(separator: "\n") + "\n"]
        if let climate {
            local["region-membership.csv"] = "region,member,year_from,year_to,source,note\n"
                + "\(climate),510802,,,county weather station normal (test),\n"
        }
        let p = try TestProject(years: [2022], activity: ["agriculture.csv": ([TestProject.header] + rows)
                                                             .joined(separator: "\n")], factors: local)
        defer { p.remove() }
        let (c, out) = try p.compileToDisk()
        return (c, c.succeeded ? try readCSV(out + "/inventory.csv") : [])
    }

    func value(_ rows: [[String: String]], _ category: String, _ gas: String) -> Double? {
        inventoryValue(rows, region: "510802", year: 2022, category: category, gas: gas)
    }

    func errors(_ c: Compilation) -> [String] { c.log.sorted.filter { $0.severity == .error }.map(\.description) }

    // MARK: Test vectors (methodology.md §7.3)

    @Test("TV21: enteric CH4 of nine animals (IPCC 2006 Tables 10.10/10.11, Asia and developing) = 4 166 t")
    func tv21() throws {
        // 10 000 × 68 + 50 000 × 47 + 5 000 × 55 + 100 000 × 5 + 20 000 × 5 + 200 000 × 1 + 1 000 × 18 + 2 000 × 10
        // + 500 × 46 = 4 166 000 kg.
        let animals = [("dairy_cattle", 10_000), ("non_dairy_cattle", 50_000), ("buffalo", 5_000), ("sheep", 100_000),
                       ("goats", 20_000), ("swine", 200_000), ("horses", 1_000), ("mules_asses", 2_000), ("camels", 500)]
        let (c, inv) = try run(animals.map { "510802,2022,3.A.1,livestock_population,\($0.0),\($0.1),头,TV21,," })
        #expect(c.succeeded && c.log.diagnostics.isEmpty, "\(c.log.sorted.map(\.description))")
        #expect(close(value(inv, "3.A.1", "CH4"), 4_166, rel: 1e-9))
    }

    @Test("TV22: manure CH4 per head at 20 °C, Asia (Table 10.14): dairy 18, swine 4, other cattle 1, buffalo 2 kg = 1 040 t")
    func tv22() throws {
        // Manure N2O is the other half of 3.A.2: the test states it as zero, so that only CH4 is compared.
        let animals = [("dairy_cattle", 10_000), ("swine", 200_000), ("non_dairy_cattle", 50_000), ("buffalo", 5_000)]
        let (c, inv) = try run(animals.map { "510802,2022,3.A.2,livestock_population,\($0.0),\($0.1),head,TV22,," },
                               factors: animals.map { "ef_n2o,\($0.0),3.A.2,,,,,0,kg N2O/head/yr,,,,TV22 (CH4 only),test" })
        #expect(c.succeeded, "\(errors(c))")
        #expect(close(value(inv, "3.A.2", "CH4"), 1_040, rel: 1e-9))
        // The factors came through the county's climate code.
        let line = try #require(c.calculation).describe(0)
        #expect(line.factors.first?.source.contains("Table 10.14") == true)
    }

    @Test("TV23: dairy Nex 0.47 × 350/1000 × 365 = 60.0425 kg N; direct (solid storage, EF3 0.005) 4.717625 t; indirect 2.830575 t")
    func tv23() throws {
        let (c, inv) = try run(["510802,2022,3.A.2,livestock_population,dairy_cattle,10000,head,TV23,,"], factors: [
            "animal_mass,dairy_cattle,,,,,,350,kg/head,,,,TV23 typical animal mass,",
            "manure_system_share,dairy_cattle,,solid_storage,,,,1.0,1,,,,TV23: all manure in solid storage,",
        ])
        #expect(c.succeeded, "\(errors(c))")
        #expect(close(value(inv, "3.A.2", "N2O"), 4.717625, rel: 1e-9))
        #expect(close(value(inv, "3.C.6", "N2O"), 2.830575, rel: 1e-9))
        // Leaching from manure management has no IPCC 2006 default: reported, not silently zero.
        #expect(c.log.sorted.map(\.description).contains { $0.contains("N2O from leaching of 'dairy_cattle' manure in "
            + "'solid_storage' is not estimated (NE)") })
    }

    @Test("TV24, TV24b, TV24c: 10 000 ha × 120 d × 1.30 kg/ha/d (EFDB #415830) = 1 560 t; with straw SFo 3.15216; multiple aeration 0.52")
    func tv24() throws {
        let factors = ["cultivation_days,,3.C.7,,,,,120,d,,,,TV24 cultivation period,",
                       "sf_preseason,,3.C.7,,,,,1,1,,,,TV24: not flooded < 180 d before cultivation,"]
        let (c, inv) = try run(["510802,2022,3.C.7,rice_cultivation,single_rice,10000,ha,TV24,,continuously_flooded"],
                               factors: factors)
        #expect(c.succeeded, "\(errors(c))")
        #expect(close(value(inv, "3.C.7", "CH4"), 1_560, rel: 1e-9))
        let sfo = Foundation.pow(1 + 6 * 1.0, 0.59)
        let (b, invB) = try run(["510802,2022,3.C.7,rice_cultivation,single_rice,10000,ha,TV24b,,continuously_flooded"],
                                factors: factors + ["sf_organic,,3.C.7,,,,,\(DecimalFormat.string(sfo)),1,,,,TV24b straw 6 t/ha,"])
        #expect(b.succeeded, "\(errors(b))")
        #expect(close(value(invB, "3.C.7", "CH4"), 4_917.365, rel: 1e-6))
        let (m, invM) = try run(["510802,2022,3.C.7,rice_cultivation,single_rice,1,万公顷,TV24c,,multiple_aeration"],
                                factors: factors)
        #expect(m.succeeded, "\(errors(m))")
        #expect(close(value(invM, "3.C.7", "CH4"), 811.2, rel: 1e-9))
    }

    @Test("TV25, TV25b: 10 000 t synthetic N × EF1 0.01 × 44/28 = 157.142857 t; indirect (0.10 × 0.01 + 0.30 × 0.0075) × 44/28 = 51.071429 t")
    func tv25() throws {
        let (c, inv) = try run(["510802,2022,3.C.4,nitrogen_input,synthetic_fertiliser,1,万吨,TV25,氮肥折纯量,"])
        #expect(c.succeeded && c.log.diagnostics.isEmpty, "\(c.log.sorted.map(\.description))")
        #expect(close(value(inv, "3.C.4", "N2O"), 157.142857, rel: 1e-8))
        #expect(close(value(inv, "3.C.5", "N2O"), 51.071429, rel: 1e-8))
    }

    @Test("TV26: 10 000 t urea × 0.20 × 44/12 = 7 333.333 t CO2; 1 000 t limestone × 0.12 × 44/12 = 440 t")
    func tv26() throws {
        let (c, inv) = try run(["510802,2022,3.C.3,urea_application,urea,10000,t,TV26,,",
                                "510802,2022,3.C.2,lime_application,limestone,1000,t,s,,"])
        #expect(c.succeeded, "\(errors(c))")
        #expect(close(value(inv, "3.C.3", "CO2"), 10_000 * 0.20 * 44 / 12, rel: 1e-12))
        #expect(close(value(inv, "3.C.2", "CO2"), 440, rel: 1e-12))
    }

    // MARK: A county worked by hand

    @Test("a county at 17 °C with dairy cows, pigs and poultry in two manure systems")
    func county() throws {
        // Project data: masses dairy 500 kg, swine 60 kg, poultry 1.8 kg; pig manure 60 % solid storage, 40 % liquid
        // slurry with crust; dairy all solid storage; poultry without litter.
        let (c, inv) = try run([
            "510802,2022,3.A,livestock_population,dairy_cattle,1000,头,年鉴,,",
            "510802,2022,3.A,livestock_population,swine,2,万头,年鉴,,",
            "510802,2022,3.A,livestock_population,poultry,10,万只,年鉴,,",
        ], factors: [
            "animal_mass,dairy_cattle,,,,,,500,kg/head,,,,county survey,",
            "animal_mass,swine,,,,,,60,kg/head,,,,county survey,",
            "animal_mass,poultry,,,,,,1.8,kg/head,,,,county survey,",
            "manure_system_share,dairy_cattle,,solid_storage,,,,1,1,,,,county survey,",
            "manure_system_share,swine,,solid_storage,,,,0.6,1,,,,county survey,",
            "manure_system_share,swine,,liquid_slurry_crust,,,,0.4,1,,,,county survey,",
            "manure_system_share,poultry,,poultry_without_litter,,,,1,1,,,,county survey,",
        ], climate: "mat_17c")
        #expect(c.succeeded, "\(errors(c))")
        // Enteric (Tables 10.10/10.11): 1 000 × 68 + 20 000 × 1 = 88 000 kg; poultry has none.
        #expect(close(value(inv, "3.A.1", "CH4"), 88, rel: 1e-12))
        // Manure CH4 at 17 °C (Table 10.14/10.15): 1 000 × 15 + 20 000 × 3 + 100 000 × 0.02 = 77 000 kg.
        #expect(close(value(inv, "3.A.2", "CH4"), 77, rel: 1e-12))
        // Nex (Table 10.19 Asia, per year): dairy 0.47 × 0.5 × 365 = 85.775, swine 0.40 × 0.06 × 365 = 8.76,
        // poultry 0.82 × 0.0018 × 365 = 0.53874 kg N/head; total N: 85.775 t, 175.2 t, 53.874 t.
        let n = (dairy: 1_000 * 0.47 * 0.5 * 365 / 1_000, swine: 20_000 * 0.40 * 0.06 * 365 / 1_000,
                 poultry: 100_000 * 0.82 * 0.0018 * 365 / 1_000)
        // Direct (Table 10.21 EF3: solid storage and slurry with crust 0.005, poultry without litter 0.001):
        let direct = (n.dairy * 0.005 + n.swine * 0.6 * 0.005 + n.swine * 0.4 * 0.005 + n.poultry * 0.001) * 44 / 28
        #expect(close(value(inv, "3.A.2", "N2O"), direct, rel: 1e-12))
        // Volatilisation (Table 10.22 FracGasMS: dairy solid 0.30, swine solid 0.45 and slurry 0.48, poultry 0.55)
        // × EF4 0.01:
        let volatilised = (n.dairy * 0.30 + n.swine * 0.6 * 0.45 + n.swine * 0.4 * 0.48 + n.poultry * 0.55) * 0.01 * 44 / 28
        #expect(close(value(inv, "3.C.6", "N2O"), volatilised, rel: 1e-12))
        // Leaching has no 2006 default: one warning per animal and system (4), nothing computed.
        #expect(c.log.sorted.filter { $0.description.contains("is not estimated (NE)") }.count == 4)
        // Every line's text re-evaluates to its mass.
        #expect(KernelTests.checkRenderedFormulas(try #require(c.calculation)).problems.isEmpty)
    }

    // MARK: Bad input

    @Test("bad inputs: overlapping animal rows, a share above 1, heads not counted, an unknown regime or season, N as product mass")
    func badInputs() throws {
        let (c, _) = try run([
            "510802,2022,3.A,livestock_population,swine,1000,head,s,,",
            "510802,2022,3.A.1,livestock_population,swine,1000,head,s,,",
            "510802,2022,3.A.1,livestock_population,sheep,10,t,s,,",
            "510802,2022,3.C.7,rice_cultivation,single_rice,100,ha,s,,terraced",
            "510802,2022,3.C.7,rice_cultivation,summer_rice,100,ha,s,,irrigated",
            "510802,2022,3.C.4,nitrogen_input,compound_fertiliser,100,t,s,,",
        ], factors: ["manure_system_share,dairy_cattle,,solid_storage,,,,1.4,1,,,,bad,"])
        let e = errors(c)
        #expect(e.contains { $0.hasPrefix("factors/f.csv:2:") && $0.contains("out of range for parameter 'manure_system_share'") }, "\(e)")
        #expect(e.contains { $0.hasPrefix("activity/agriculture.csv:3:13: error: 'swine' under 3.A.1 overlaps its row under 3.A") }, "\(e)")
        #expect(e.contains { $0.hasPrefix("activity/agriculture.csv:4:") && $0.contains("unit 't' is mass; activity 'livestock_population' expects head count") }, "\(e)")
        #expect(e.contains { $0.hasPrefix("activity/agriculture.csv:5:") && $0.contains("technology 'terraced'")
                             && $0.contains("name one in the row's 'technology' column") }, "\(e)")
        #expect(e.contains { $0.hasPrefix("activity/agriculture.csv:6:") && $0.contains("unknown item 'summer_rice'") }, "\(e)")
        #expect(e.contains { $0.hasPrefix("activity/agriculture.csv:7:") && $0.contains("'compound_fertiliser' given as a product mass ('t') needs its 'n_content'") }, "\(e)")
    }

    @Test("manure CH4 without a climate code is an error that says how to map one")
    func climateRequired() throws {
        let (c, _) = try run(["510802,2022,3.A,livestock_population,swine,1000,head,s,,"], climate: nil)
        #expect(errors(c).contains { $0.contains("manure CH4 of 'swine' needs 'ef_ch4' under 3.A.2.h")
                                     && $0.contains("map the region to a climate code such as mat_17c") })
    }
}
