import Foundation
import GHGCore
import GHGIO
import GHGTestSupport
import Testing

/// Waste (sector 4), the methods landed so far: TV33 and TV33b of methodology.md §7.4 through the whole pipeline,
/// biological treatment and open burning worked by hand with the shipped IPCC 2006 Vol.5 defaults.
@Suite("Waste (sector 4.B, 4.C)")
struct WasteTests {
    static let header = ReferenceReader.factorColumns.joined(separator: ",")

    func run(_ rows: [String], factors: [String] = []) throws -> (Compilation, [[String: String]]) {
        let local = ["set.json": #"{"id": "county", "version": "1"}"#,
                     "f.csv": ([Self.header] + factors).joined(separator: "\n") + "\n"]
        let p = try TestProject(years: [2022], activity: ["waste.csv": ([TestProject.header] + rows)
                                                             .joined(separator: "\n")], factors: local)
        defer { p.remove() }
        let (c, out) = try p.compileToDisk()
        return (c, c.succeeded ? try readCSV(out + "/inventory.csv") : [])
    }

    func value(_ rows: [[String: String]], _ category: String, _ gas: String, scope: String = "total") -> Double? {
        inventoryValue(rows, region: "510802", year: 2022, category: category, gas: gas, scope: scope)
    }

    @Test("TV33, TV33b: 100 000 t MSW with plastics 0.15, textiles 0.03, rubber 0.01 (inputs): fossil CO2 42 542.72 t; N2O 100 000 t × 50 g/t (continuous) = 5 t")
    func tv33() throws {
        // Fossil C per t: 0.15 × 1.0 × 0.75 × 1.0 + 0.03 × 0.8 × 0.5 × 0.2 + 0.01 × 0.84 × 0.67 × 0.2 = 0.1160256;
        // × 100 000 t × 1 (OF) × 44/12 = 42 542.72 t CO2. Biogenic (memo): 0.03 × 0.8 × 0.5 × 0.8 + 0.01 × 0.84 ×
        // 0.67 × 0.8 = 0.0141024 tC/t → 5 170.88 t CO2.
        var factors: [String] = []
        for (item, wf, dm, cf, fcf) in [("plastics", "0.15", "1.0", "0.75", "1.0"), ("textiles", "0.03", "0.8", "0.5", "0.2"),
                                        ("rubber_leather", "0.01", "0.84", "0.67", "0.2")] {
            factors += ["waste_composition,\(item),4,,,,,\(wf),1,,,,TV33 (input),test",
                        "dry_matter,\(item),4.C,,,,,\(dm),1,,,,TV33 (input),test",
                        "carbon_fraction,\(item),4.C,,,,,\(cf),tC/t,,,,TV33 (input),test",
                        "fossil_carbon_fraction,\(item),4.C,,,,,\(fcf),1,,,,TV33 (input),test"]
        }
        let (c, inv) = try run(["510802,2022,4.C.1,waste_incineration,msw,100000,t,TV33,,continuous"], factors: factors)
        #expect(c.succeeded, "\(c.log.sorted.map(\.description))")
        #expect(close(value(inv, "4.C.1", "CO2"), 42_542.72, rel: 1e-9))
        #expect(close(value(inv, "4.C.1", "CO2", scope: "memo_biomass"), 5_170.88, rel: 1e-9))
        #expect(close(value(inv, "4.C.1", "N2O"), 5, rel: 1e-12))
        // TV33 names only the fossil components (0.19 of the waste): the rest is said to carry no carbon. Continuous
        // incineration has no CH4 default: not estimated, and said so.
        #expect(c.log.sorted.map(\.description) == ["activity/waste.csv:2:38: warning: the msw composition (3 "
            + "components of set county) sums to 0.19, not 1: the rest carries no carbon in this estimate; expected "
            + "shares that sum to 1, or the remainder as a component [missing-factor]",
            "activity/waste.csv:2:57: warning: CH4 of incineration of 'msw' "
            + "(technology 'continuous') is not estimated (NE): the stack has no 'ef_ch4' for it; expected the "
            + "incinerator's firing type in 'technology' (continuous_stoker, batch_fluidised_bed, continuous, …) or a "
            + "factor in the project's factors/ folder [missing-factor]"], "\(c.log.sorted.map(\.description))")
    }

    @Test("composting 1 000 t: CH4 4 t, N2O 0.24 t; anaerobic digestion 1 000 t: CH4 0.8 t, N2O not estimated (Table 4.1)")
    func biologicalTreatment() throws {
        // 1 000 t × 4 g CH4/kg (EFDB composting record) = 4 t; × 0.24 g N2O/kg = 0.24 t; digestion 0.8 g/kg = 0.8 t.
        let (c, inv) = try run(["510802,2022,4.B,biological_treatment,food,1000,t,s,,composting",
                                "510802,2022,4.B,biological_treatment,garden,1000,t,s,,anaerobic_digestion"])
        #expect(c.succeeded)
        #expect(close(value(inv, "4.B", "CH4"), 4.8, rel: 1e-12))
        #expect(close(value(inv, "4.B", "N2O"), 0.24, rel: 1e-12))
        #expect(c.log.sorted.map(\.description).contains { $0.hasPrefix("activity/waste.csv:3:")
            && $0.contains("N2O of anaerobic digestion of 'garden' is not estimated (NE)") })
        let (bad, _) = try run(["510802,2022,4.B,biological_treatment,food,1000,t,s,,"])
        #expect(bad.log.sorted.filter { $0.severity == .error }.map(\.description) == [
            "activity/waste.csv:2:53: error: biological_treatment needs the treatment in 'technology'; expected "
                + "composting (堆肥) or anaerobic_digestion (厌氧消化), not '' [empty-field]"])
    }

    @Test("open burning of 100 t plastics: 100 × 1.0 × 0.75 × 1.0 × 0.58 × 44/12 = 159.5 t fossil CO2 and 100 × 6 500 g/t = 0.65 t CH4")
    func openBurning() throws {
        // Shipped: plastics dm 1, CF 0.75, FCF 1 (Vol.5 Table 2.4), OF 0.58 for open burning, CH4 6 500 g/t (Ch.5).
        let (c, inv) = try run(["510802,2022,4.C.2,open_burning,plastics,100,t,s,,"])
        #expect(c.succeeded, "\(c.log.sorted.map(\.description))")
        #expect(close(value(inv, "4.C.2", "CO2"), 159.5, rel: 1e-12))
        #expect(close(value(inv, "4.C.2", "CH4"), 0.65, rel: 1e-12))
        #expect(c.log.sorted.contains { $0.message.hasPrefix("N2O of open burning of 'plastics' is not estimated (NE)") })
    }

    @Test("bulk msw with the shipped Eastern Asia composition: components without carbon data and the share sum are reported; CO2 is Σ WF × dm × CF × FCF over the rest")
    func eastAsianMSW() throws {
        let p = try TestProject(years: [2022], activity: ["waste.csv": [TestProject.header,
            "510802,2022,4.C.1,waste_incineration,msw,1000,t,s,,continuous_stoker"].joined(separator: "\n")],
            factors: ["set.json": #"{"id": "county", "version": "1"}"#,
                      "region-membership.csv": "region,member,year_from,year_to,source,note\n"
                          + "eastern_asia,510802,,,IPCC 2006 Vol.5 Table 2.3 region (test),\n"])
        defer { p.remove() }
        let (c, out) = try p.compileToDisk()
        #expect(c.succeeded, "\(c.log.sorted.map(\.description))")
        let warnings = c.log.sorted.map(\.message)
        #expect(warnings.contains("CO2 of the msw components 'food', 'glass', 'metal', 'wood' is not estimated (NE): the "
            + "stack lacks their dry_matter, carbon_fraction or fossil_carbon_fraction; expected them in the project's "
            + "factors/ folder (0 for a component without carbon, with its source)"), "\(warnings)")
        #expect(warnings.contains { $0.hasPrefix("the msw composition (9 components of set ipcc-2006) sums to 0.805, not 1") },
                "\(warnings)")
        // The expected fossil CO2 from the shipped rows themselves: Σ over the components with complete data.
        func shipped(_ file: String) throws -> [[String: String]] { try readCSV(factorLibrary + "/ipcc-2006/" + file) }
        let composition = try shipped("waste-solid.csv").filter { $0["parameter"] == "waste_composition" }
        let incineration = try shipped("waste-incineration.csv")
        func factor(_ parameter: String, _ item: String) -> Double? {
            incineration.first { $0["parameter"] == parameter && $0["item"] == item }.flatMap { Double($0["value"] ?? "") }
        }
        var fossilC = 0.0
        for row in composition {
            let item = row["item"]!, wf = Double(row["value"]!)!
            guard let dm = factor("dry_matter", item), let cf = factor("carbon_fraction", item),
                  let fcf = factor("fossil_carbon_fraction", item) else { continue }
            fossilC += wf * dm * cf * fcf
        }
        let inv = try readCSV(out + "/inventory.csv")
        #expect(fossilC > 0)
        #expect(close(value(inv, "4.C.1", "CO2"), 1000 * fossilC * 44 / 12, rel: 1e-9))
    }
}
