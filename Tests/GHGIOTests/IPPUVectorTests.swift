import GHGCore
import GHGIO
import GHGTestSupport
import Testing

/// IPPU test vectors of methodology.md §7 through the whole pipeline (activity file → inventory).
@Suite("IPPU test vectors (methodology.md §7)")
struct IPPUVectorTests {
    func compile(_ rows: [String]) throws -> Compilation {
        let p = try TestProject(years: [2022], activity: ["ippu.csv": ([TestProject.header] + rows)
                                                                       .joined(separator: "\n")])
        defer { p.remove() }
        return p.compile()
    }

    func mass(_ c: Compilation, _ category: String, _ gas: Gas, region: String = "510802") -> Double? {
        c.inventory?.row(InventoryKey(region: region, year: 2022, node: .category(CategoryCode(category)!),
                                      gas: .gas(gas), scope: .total))?.massTonnes
    }

    @Test("TV14: 100 000 t high-calcium lime × 0.75 t CO2/t (EFDB #23028) = 75 000 t CO2 in 2.A.2")
    func tv14() throws {
        let c = try compile(["510802,2022,2.A.2,lime_production,high_calcium_lime,100000,t,TV14,,"])
        let ok = c.succeeded
        #expect(ok, "\(c.log.sorted.prefix(3).map(\.description))")
        #expect(close(mass(c, "2.A.2", .co2), 75_000))
        // Rolled up: 2.A and 2 carry it, the city and province too.
        #expect(close(mass(c, "2", .co2), 75_000))
        #expect(close(mass(c, "2.A.2", .co2, region: "510000"), 75_000))
        let calc = try #require(c.calculation)
        let line = calc.describe(0)
        #expect(line.formula == "CO2 = M × EF = M 100000 t × EF 0.75 tCO2/t = 75000 t")
        #expect(line.factors.first?.source.contains("EFDB #23028") == true)
    }

    @Test("lime: dolomitic lime 2.5 万吨 × 0.77 (developing countries, EFDB #27514) = 19 250 t CO2; a fuel is refused")
    func dolomiticAndWrongItem() throws {
        let c = try compile(["510802,2022,2.A.2,lime_production,dolomitic_lime,2.5,万吨,s,,"])
        #expect(close(mass(c, "2.A.2", .co2), 25_000 * 0.77))
        let bad = try compile(["510802,2022,2.A.2,lime_production,raw_coal,10,t,s,,",
                               "510802,2022,1.A.2,lime_production,lime,10,t,s,,"])
        let messages = bad.log.sorted.map(\.description)
        #expect(messages.contains { $0.contains("ippu.csv:2:") && $0.contains("item 'raw_coal' is a fuel") })
        #expect(messages.contains { $0.contains("ippu.csv:3:") && $0.contains("category '1.A.2' cannot be used") })
    }
}
