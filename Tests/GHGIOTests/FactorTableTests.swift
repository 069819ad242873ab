import GHGTestSupport
import Foundation
import GHGCore
import GHGIO
import Testing

/// Every shipped reference table is tested: it parses, every row has a source, units and gases are known, items and
/// categories exist, and no two rows share a key.
@Suite("Shipped factor tables")
struct FactorTableTests {
    static let reference: (ReferenceData, DiagnosticLog) = {
        var log = DiagnosticLog(limit: .max)
        let ref = ReferenceReader.load(root: factorLibrary, log: &log)
        return (ref, log)
    }()

    static var setIDs: [String] { reference.0.sets.keys.sorted() }

    @Test("the library loads without a single diagnostic")
    func loadsCleanly() {
        let (_, log) = Self.reference
        #expect(log.diagnostics.map(\.description) == [])
    }

    @Test("the four energy sets are shipped with set.json identity and a content hash")
    func setsPresent() throws {
        let sets = Self.reference.0.sets
        #expect(Set(sets.keys).isSuperset(of: ["ipcc-2006", "china-energy-statistics", "china-provincial-2011",
                                                "china-grid"]))
        for (id, set) in sets {
            #expect(set.info.id == id)
            #expect(!set.info.version.isEmpty && !set.info.title.isEmpty && !set.info.publisher.isEmpty)
            #expect(set.info.contentHash.count == 64, "set \(id)")
            #expect(!set.rows.isEmpty, "set \(id) has no rows")
        }
    }

    @Test("every IPCC default names its volume and its table, equation, section or page (or its EFDB record)")
    func ipccSourcesLocated() throws {
        let (ref, _) = Self.reference
        let set = try #require(ref.sets["ipcc-2006"])
        for row in set.rows {
            let s = row.source
            let located = ["Table", "Eq.", "§", " p."].contains { s.contains($0) }
            // A value the EFDB states only in a record's conditions cites the record; one without a record says
            // UNVERIFIED in its note.
            let accounted = s.contains("EFDB #") || row.note.contains("UNVERIFIED")
            #expect(s.contains("IPCC 2006 Vol.") && (located || (s.contains("Ch.") && accounted)),
                    "\(row.location): source '\(s)' names no volume and table, equation, section or page")
        }
    }

    @Test("every factor row has a source, a known item, a known category and a finite value", arguments: setIDs)
    func rowsAreComplete(_ id: String) throws {
        let (ref, _) = Self.reference
        let set = try #require(ref.sets[id])
        let items = Set(ref.items.map(\.id))
        for row in set.rows {
            #expect(row.source.count >= 10, "\(row.location): source '\(row.source)' too short to find the number")
            #expect(row.item.isEmpty || items.contains(row.item), "\(row.location): unknown item '\(row.item)'")
            if let c = row.category { #expect(ref.categories.contains(c), "\(row.location): unknown category \(c)") }
            #expect(row.value.isFinite, "\(row.location)")
            if let lo = row.low { #expect(lo <= row.value, "\(row.location): low \(lo) > value") }
            if let hi = row.high { #expect(hi >= row.value, "\(row.location): high \(hi) < value") }
        }
    }

    @Test("every parameter is known and its unit has an accepted dimension", arguments: setIDs)
    func unitsKnown(_ id: String) throws {
        let set = try #require(Self.reference.0.sets[id])
        for row in set.rows {
            let spec = try #require(row.parameter.spec, "\(row.location): unknown parameter '\(row.parameter)'")
            #expect(spec.accepts(row.unit),
                    "\(row.location): \(row.parameter) in '\(row.unit.symbol)' (\(row.unit.dimension))")
            #expect(spec.range.contains(row.baseValue), "\(row.location): \(row.parameter) out of range")
            if row.parameter == "carbon_content" { #expect(row.unit.species == .carbon, "\(row.location)") }
        }
    }

    @Test("no two rows of a set share a key", arguments: setIDs)
    func noDuplicateKeys(_ id: String) throws {
        let set = try #require(Self.reference.0.sets[id])
        var seen: [String: GHGCore.InputLocation] = [:]
        for row in set.rows {
            #expect(seen[row.key] == nil, "\(row.location) repeats \(seen[row.key].map { $0.description } ?? "")")
            seen[row.key] = row.location
        }
    }

    @Test("values marked as not verified say so in the note")
    func unverifiedMarked() throws {
        // methodology.md §3.3(b): every provincial-guideline carbon content is UNVERIFIED against the primary text.
        let set = try #require(Self.reference.0.sets["china-provincial-2011"])
        for row in set.rows where row.parameter == "carbon_content" {
            #expect(row.note.contains("UNVERIFIED"), "\(row.location)")
        }
        // ipcc-2006-wastewater: none of its values could be checked against the EFDB export or the Guidelines' text,
        // so every row is UNVERIFIED, names the secondary source it was checked against, and the set says so.
        let wastewater = try #require(Self.reference.0.sets["ipcc-2006-wastewater"])
        #expect(wastewater.info.title.contains("UNVERIFIED"))
        #expect(!wastewater.rows.isEmpty)
        for row in wastewater.rows {
            #expect(row.note.contains("UNVERIFIED (secondary: "), "\(row.location)")
            #expect(row.source.contains("IPCC 2006 Vol.5 Ch.6"), "\(row.location)")
            #expect(!row.source.contains("EFDB #"), "\(row.location): an EFDB record would make the row verified")
        }
    }

    @Test("categories: parents present, both names present, sectors as in the provincial guideline")
    func categories() {
        let cats = Self.reference.0.categories
        #expect(cats.count > 250)
        let sectors: Set<String> = ["能源活动", "工业生产过程", "农业", "土地利用变化和林业", "废弃物处理", "电力调入调出间接排放", ""]
        for c in cats.all {
            #expect(!c.nameEN.isEmpty && !c.nameZH.isEmpty, "\(c.location)")
            #expect(sectors.contains(c.chinaSector), "\(c.location): sector '\(c.chinaSector)'")
            if let p = c.code.parent { #expect(cats.contains(p), "\(c.location)") }
        }
        for code in ["1.A.1.a.i", "1.B.1.a.i.1", "1.B.2.b.iii.5", "IND.1", "IND.2", "2.A.1", "4.D"] {
            #expect(cats.contains(CategoryCode(code)!), "\(code)")
        }
        #expect(cats[CategoryCode("1")!]?.chinaSector == "能源活动")
        #expect(cats[CategoryCode("4")!]?.chinaSector == "废弃物处理")
    }

    @Test("GWP: TV37 (SAR 581.7), TV37b (AR5 540.4), TV37c (AR6 567.5) and CO2 = 1 everywhere")
    func gwp() throws {
        // methodology.md §7.5: 1 t CH4 + 1 t N2O + 0.01 t SF6 + 0.001 t HFC-23.
        let gwp = Self.reference.0.gwp
        func basket(_ set: GWPSet) throws -> Double {
            let v = { (g: Gas) throws -> Double in try #require(gwp.value(of: g, in: set)).gwp100 }
            // Each basket: Σ mass × GWP.
            return try v(.ch4) + v(.n2o) + 0.01 * v(.sf6) + 0.001 * v(.hfc23)
        }
        let sar = try basket(.sar), ar5 = try basket(.ar5), ar6 = try basket(.ar6)
        #expect(close(sar, 581.7))   // 21 + 310 + 239 + 11.7
        #expect(close(ar5, 540.4))   // 28 + 265 + 235 + 12.4
        #expect(close(ar6, 567.5))   // 27.9 + 273 + 252 + 14.6
        for set in GWPSet.all { #expect(gwp.value(of: .co2, in: set)?.gwp100 == 1) }
        #expect(gwp.value(of: .nf3, in: .sar) == nil)
        #expect(gwp.value(of: .nf3, in: .ar5)?.gwp100 == 16_100)
        for set in GWPSet.all { for row in gwp.rows(of: set) { #expect(row.source.count >= 10, "\(row.location)") } }
    }

    @Test("items: every fuel has a group; biomass is classified in the data")
    func items() {
        let items = Self.reference.0.items
        #expect(Set(items.map(\.id)).count == items.count)
        for i in items where i.kind == .fuel { #expect(!i.group.isEmpty, "\(i.location)") }
        let biomass = Set(items.filter(\.isBiomass).map(\.id))
        #expect(biomass.isSuperset(of: ["wood", "straw", "charcoal", "biogas"]))
        #expect(!biomass.contains("raw_coal") && !biomass.contains("natural_gas"))
    }

    @Test("grid membership: Sichuan is in 华中 for the 2012 factors and in 西南 from 2021; never silently national")
    func membership() throws {
        let set = try #require(Self.reference.0.sets["china-grid"])
        #expect(set.regionChain(["510000"], year: 2012) == ["510000", "central_china"])
        #expect(set.regionChain(["510000"], year: 2022) == ["510000", "southwest_china"])
        #expect(set.regionChain(["310000"], year: 2022) == ["310000", "east_china"])
        // The national factor (CN) is reached only by an explicit factor_lookup region, so a missing regional factor
        // (西南 2021) is an error, not the national 0.5568.
        #expect(set.membership.allSatisfy { $0.region != "CN" })
    }

    @Test("the content hash changes when a set's file changes")
    func hashChanges() throws {
        let tmp = NSTemporaryDirectory() + "ghg-set-" + UUID().uuidString
        try FileManager.default.copyItem(atPath: factorLibrary + "/china-grid", toPath: tmp)
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        var log = DiagnosticLog()
        let before = try #require(ReferenceReader.loadSet(folder: tmp, label: "x", isProject: false, log: &log))
        #expect(before.info.contentHash == Self.reference.0.sets["china-grid"]?.info.contentHash)
        let path = tmp + "/grid_ef.csv"
        let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "0.5617", with: "0.5618")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let after = try #require(ReferenceReader.loadSet(folder: tmp, label: "x", isProject: false, log: &log))
        #expect(after.info.contentHash != before.info.contentHash)
    }
}
