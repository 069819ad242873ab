import Foundation
import GHGCore
import GHGIO
import GHGTestSupport
import Testing

/// Every IPCC default shipped in `EmissionFactors/ipcc-2006` against the IPCC Emission Factor Database record its
/// `source` cites, `(EFDB #id[, #id …][; low #id][; high #id])`. The records are a fixture of exactly the cited
/// ones (`Fixtures/efdb-cited.csv`, verbatim lines of the EFDB export), not the whole database.
@Suite("IPCC defaults against their EFDB records")
struct EFDBCitationTests {
    /// A record of the fixture: its value (or range), unit, gas and description.
    struct Record {
        var value: String, unit: String, gas: String, description: String, fuel: String, conditions: String
    }

    static let records: [String: Record] = {
        let path = repositoryRoot + "/Tests/GHGIOTests/Fixtures/efdb-cited.csv"
        let bytes = [UInt8](FileManager.default.contents(atPath: path) ?? Data())
        let (rows, _) = CSVReader.parse(bytes, file: path)
        guard let header = rows.first?.fields else { return [:] }
        func column(_ name: String) -> Int { header.firstIndex(of: name)! }
        let id = column("EF ID"), value = column("Value"), unit = column("Unit"), gas = column("Gas"),
            description = column("Description"), fuel = column("Fuel 2006"), conditions = column("Parameters / Conditions")
        var out: [String: Record] = [:]
        for r in rows.dropFirst() {
            out[r.fields[id]] = Record(value: r.fields[value], unit: r.fields[unit], gas: r.fields[gas],
                                       description: r.fields[description], fuel: r.fields[fuel],
                                       conditions: r.fields[conditions])
        }
        return out
    }()

    /// Row unit → the EFDB unit it equals (a factor of 1 in every case the energy rows use), by prefix.
    static let sameUnit: [(row: String, efdb: String)] = [
        ("TJ/Gg", "TJ/Gg"), ("tC/TJ", "kg/GJ"), ("1", "fraction"), ("kg/TJ", "kg/TJ"),
        ("Gg/10^6 m3", "Gg per 10^6 m^3"), ("Gg/10^3 m3", "Gg per 10^3 m^3"), ("m3/t", "m^3/tonne"),
    ]
    /// EFDB unit → (row unit, divisor): the IPPU records' units, each a rescaling of the same quantity (tonne = t,
    /// % = 1/100).
    static let efdbUnits: [String: (row: String, divisor: Double)] = [
        "tonne CO2/tonne clinker produced": ("tCO2/t", 1), "% (by weight)": ("1", 100), "%": ("1", 100),
        "tonne CO2/tonne high calcium lime produced": ("tCO2/t", 1), "tonnes CO2/tonnes dolomitic lime": ("tCO2/t", 1),
        "tonne CO2/tonne lime produced": ("tCO2/t", 1), "tonne CO2/tonne glass": ("tCO2/t", 1),
        "tonne CO2/tonne carbonate": ("tCO2/t", 1), "GJ[NCV]/tonne NH3": ("GJ/t", 1),
        "kg N2O/tonne nitric acid produced": ("kg N2O/t", 1), "kg/tonne adipic acid produced": ("kg N2O/t", 1),
        "tonne CO2/tonne carbide produced": ("tCO2/t", 1), "kg CH4/tonne silicon carbide produced": ("kg CH4/t", 1),
        "kg HFC-23/kg HCFC-22 manufactured": ("kg HFC-23/kg", 1), "tonne CO2/tonne sinter produced": ("tCO2/t", 1),
        "tonne CO2/tonne pig iron produced": ("tCO2/t", 1), "tonne CO2/tonne DRI produced": ("tCO2/t", 1),
        "tonne CO2/tonne pellet produced": ("tCO2/t", 1), "tonne CO2/tonne steel produced": ("tCO2/t", 1),
        "kg CH4/tonne sinter produced": ("kg CH4/t", 1), "tonne CO2/tonne coke produced": ("tCO2/t", 1),
        "g CH4/tonne coke produced": ("g CH4/t", 1), "tonne CO2/tonne ferroalloy produced": ("tCO2/t", 1),
        "kg CH4/tonne ferroalloy produced": ("kg CH4/t", 1), "tonne CO2/tonne Al": ("tCO2/t", 1),
        "kg CF4 /tonne Al": ("kg CF4/t", 1), "kg C2F6 /tonne Al": ("kg C2F6/t", 1),
        "tonne CO2/tonne primary Mg produced": ("tCO2/t", 1), "kg SF6/tonne magnesium casting": ("kg SF6/t", 1),
        "tonne CO2/tonne lead produced": ("tCO2/t", 1), "tonne CO2/tonne zinc produced": ("tCO2/t", 1),
        "fraction [amount of gas emitted per year per nameplate capacity of all equipment": ("1/yr", 1),
        // Agriculture (Vol.4 Ch.10, 11, 5; 2019 Refinement).
        "kg N2O-N/kg N input": ("1", 1), "Kg N2O-N/kg N leaching/runoff": ("1", 1),
        "kg N2O-N/kg N excreted": ("1", 1), "No dimension": ("1", 1), "": ("1", 1),
        "kg N/[kg N additions or deposition by grazing animals]": ("1", 1), "kg d.m./kg d.m.": ("1", 1),
        "kg d.m./kg fresh weight": ("1", 1), "kg CH4/ha/day": ("kg CH4/ha/d", 1),
        "kg CH4/head/yr": ("kg CH4/head/yr", 1), "kg N/kg of dry biomass": ("kg N/kg", 1),
        "kg N/1000 kg animal mass/day": ("kg N/t/d", 1), "kg VS/1000 kg animal mass/day": ("kg/t/d", 1),
        "g CH4/kg VS": ("g CH4/kg", 1),
        // LULUCF (Vol.4 Ch.4-6; 2013 Wetlands Supplement Ch.4).
        "tonnes C/tonne dry matter": ("tC/t", 1), "tonne root d.m./tonne shoot d.m.": ("1", 1),
        "tonnes biomass/m^3 of wood volume": ("t/m3", 1), "tonnes dm/ha/year": ("t/ha/yr", 1),
        "tonnes dry matter/ha": ("t/ha", 1), "t dm/ha": ("t/ha", 1), "tonnes C/ha": ("tC/ha", 1),
        "tonnes C/ha/yr": ("tC/ha/yr", 1),
        // Waste (Vol.5 Ch.2-5).
        "fraction": ("1", 1), "1/year": ("1/yr", 1), "kg/Gg waste wet weight": ("kg CH4/Gg", 1),
        "g/ton MSW wet weight": ("g CH4/t", 1), "g N2O/t MSW incinerated on a wet weight basis": ("g N2O/t", 1),
        "g N2O /tonne waste": ("g N2O/t", 1), "g CH4/kg waste treated": ("g CH4/kg", 1),
        "g N2O/kg waste treated": ("g N2O/kg", 1),
    ]
    /// EFDB unit → a second row unit it equals: a carbon fraction printed in % by weight, a mangrove growth whose
    /// record's unit field reads "No dimension" (an EFDB artefact its note names: the sibling records read
    /// tonnes dm/ha/year).
    static let alsoUnits: [(efdb: String, row: String, divisor: Double)] = [
        ("% (by weight)", "tC/t", 100), ("No dimension", "t/ha/yr", 1), ("%", "tC/t", 100),
    ]
    /// The label of a component in the MSW composition record (Vol.5 Table 2.3, all components in one value string:
    /// "food waste = 26.2, paper and cardboard = 18.8, …").
    static let compositionLabel = [
        "food": "food waste", "paper": "paper and cardboard", "wood": "wood", "textiles": "textiles",
        "rubber_leather": "rubber and leather", "plastics": "plastics", "metal": "metal", "glass": "glass",
        "other_inert": "other",
    ]
    /// The value of one component in a composition record's value string.
    static func component(_ label: String, in value: String) -> String? {
        for part in value.split(separator: ",") {
            let pair = part.split(separator: "=")
            guard pair.count == 2 else { continue }
            if pair[0].trimmingCharacters(in: .whitespaces).lowercased().hasPrefix(label) {
                return pair[1].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }

    /// The divisor that turns the EFDB value into the row's unit, or nil when the units are not the same quantity.
    static func divisor(row: String, efdb: String) -> Double? {
        if let u = alsoUnits.first(where: { $0.efdb == efdb && $0.row == row }) { return u.divisor }
        if let u = efdbUnits[efdb] { return u.row == row ? u.divisor : nil }
        return sameUnit.contains { $0.row == row && efdb.hasPrefix($0.efdb) } ? 1 : nil
    }
    static let gas = ["ef_ch4": "METHANE", "ef_n2o": "NITROUS OXIDE", "ef_co2": "CARBON DIOXIDE"]
    static let kind = ["ncv": "Net Calorific Value", "carbon_content": "Carbon Content",
                       "oxidation": "oxidation factor"]

    /// `"30"` → (30, nil); `"0.00038-0.024"` → (nil, (0.00038, 0.024)); `"0.003 (0.000 - 0.006)"`,
    /// `"0.16 (+/- 35%)"` → (the value, nil): the value is what a row must equal (its uncertainty is not compared).
    static func parse(_ v: String) -> (Double?, (Double, Double)?) {
        let t = v.trimmingCharacters(in: .whitespaces)
        if let x = Double(t) { return (x, nil) }
        if let open = t.firstIndex(of: "("), let x = Double(t[..<open].trimmingCharacters(in: .whitespaces)) {
            return (x, nil)
        }
        let parts = t.split(separator: "-", omittingEmptySubsequences: false)
        // A range `a-b` (the numbers carry no sign; an exponent is written with E and a digit, e.g. 2.4E-02).
        for k in 1..<parts.count {
            let a = parts[..<k].joined(separator: "-"), b = parts[k...].joined(separator: "-")
            if let x = Double(a), let y = Double(b), x < y { return (nil, (x, y)) }
        }
        return (nil, nil)
    }

    static let citation = try! NSRegularExpression(
        pattern: #"\(EFDB (#\d+(?:, #\d+)*)(?:; low #(\d+))?(?:; high #(\d+))?\)"#)

    /// The problems of one factor file: every row cites a record whose value is the row's (or says it has none).
    static func problems(file: String) throws -> (checked: Int, problems: [String]) {
        let rows = try readCSV(file)
        var out: [String] = []
        var checked = 0
        for (i, r) in rows.enumerated() {
            let at = "\((file as NSString).lastPathComponent):\(i + 2)"
            let source = r["source"] ?? "", note = r["note"] ?? "", parameter = r["parameter"] ?? ""
            let ns = source as NSString
            guard let m = citation.firstMatch(in: source, range: NSRange(location: 0, length: ns.length)) else {
                // A row without a record says why: none exists, or the value is derived or unverified.
                if !["no EFDB record", "DERIVED", "UNVERIFIED"].contains(where: { note.contains($0) }) {
                    out.append("\(at): no EFDB citation, and the note does not say \"no EFDB record found\", "
                        + "DERIVED or UNVERIFIED")
                }
                continue
            }
            // A value derived from, not equal to, the record it cites (an explicit zero for "no abatement") says so.
            if note.contains("not an EFDB value") { continue }
            var roles = ns.substring(with: m.range(at: 1)).split(separator: ",")
                .map { ("value", $0.trimmingCharacters(in: .whitespaces).dropFirst().description) }
            if m.range(at: 2).location != NSNotFound { roles.append(("low", ns.substring(with: m.range(at: 2)))) }
            if m.range(at: 3).location != NSNotFound { roles.append(("high", ns.substring(with: m.range(at: 3)))) }
            for (role, id) in roles {
                checked += 1
                guard let rec = records[id] else {
                    out.append("\(at): EFDB #\(id) is not in the fixture")
                    continue
                }
                let unit = r["unit"] ?? ""
                // A live weight printed in the conditions of the VS-rate record it goes with.
                if parameter == "animal_mass" {
                    let weight = rec.conditions.range(of: #"Live weight:\s*[0-9.]+"#, options: .regularExpression)
                        .map { rec.conditions[$0].split(separator: ":").last!.trimmingCharacters(in: .whitespaces) }
                    if weight.flatMap(Double.init) != Double(r["value"] ?? "") {
                        out.append("\(at): animal_mass \(r["value"] ?? "") is not the live weight of EFDB #\(id)")
                    }
                    continue
                }
                guard let divisor = divisor(row: unit, efdb: rec.unit) else {
                    out.append("\(at): no documented conversion from EFDB unit '\(rec.unit)' to '\(unit)'")
                    continue
                }
                if let g = gas[parameter], rec.gas != g { out.append("\(at): EFDB #\(id) is for \(rec.gas)") }
                if let k = kind[parameter], !rec.description.lowercased().contains(k.lowercased()) {
                    out.append("\(at): EFDB #\(id) is not a \(k) record")
                }
                let value = Double(r["value"] ?? ""), low = Double(r["low"] ?? ""), high = Double(r["high"] ?? "")
                let recordValue = parameter == "waste_composition"
                    ? compositionLabel[r["item"] ?? ""].flatMap { component($0, in: rec.value) } ?? rec.value : rec.value
                let (parsedSingle, parsedRange) = parse(recordValue)
                // A removal factor the EFDB prints as a negative emission factor (EF_RE of rewetted mangrove), shipped
                // as the positive accumulation the method subtracts; the note says so.
                let sign: Double = note.contains("the EFDB emission factor negated") ? -1 : 1
                let single = parsedSingle.map { sign * $0 / divisor }
                let range = parsedRange.map { ($0.0 / divisor, $0.1 / divisor) }
                if let x = single {
                    let mine: Double? = role == "value" ? value : role == "low" ? low : high
                    // A rescaled value (% → fraction) is compared to the last bits of a Double (14.3 / 100 is
                    // 0.14300000000000002).
                    let equal = mine == x || (divisor != 1 && mine.map { abs($0 - x) <= 1e-12 * abs(x) } == true)
                    if !equal {
                        out.append("\(at): \(parameter) \(r["item"] ?? "") \(role) \(r[role] ?? "") ≠ EFDB #\(id) \(rec.value)")
                    }
                } else if let (a, b) = range {
                    // A range: the value is one end (an uncertainty range) or the midpoint (a typical composition,
                    // as the note says), low/high are the range.
                    let midpoint = note.lowercased().contains("midpoint") && value.map { abs($0 - (a + b) / 2) <= 1e-12 * (a + b) } == true
                    if role != "value" || !(value == a || value == b || midpoint) || low != a || high != b {
                        out.append("\(at): \(parameter) \(r["item"] ?? "") value \(r["value"] ?? "") (low "
                            + "\(r["low"] ?? ""), high \(r["high"] ?? "")) is not an end of EFDB #\(id)'s range \(rec.value)")
                    }
                } else {
                    out.append("\(at): EFDB #\(id) value '\(rec.value)' is not a number")
                }
            }
        }
        return (checked, out)
    }

    /// Every factor file of the IPCC sets, as `set/file`.
    static let files = [
        "ipcc-2006/fuel-properties.csv", "ipcc-2006/stationary-combustion.csv",
        "ipcc-2006/stationary-combustion-china-items.csv", "ipcc-2006/mobile-combustion.csv", "ipcc-2006/fugitive.csv",
        "ipcc-2006/ippu-minerals.csv", "ipcc-2006/ippu-chemicals.csv", "ipcc-2006/ippu-metals.csv",
        "ipcc-2006/ippu-product-use.csv", "ipcc-2006/livestock.csv", "ipcc-2006/managed-soils.csv", "ipcc-2006/rice.csv",
        "ipcc-2006/crop-residues.csv", "ipcc-2006/liming-urea.csv", "ipcc-2006/forest.csv",
        "ipcc-2006/land-conversion.csv", "ipcc-2013-wetlands/coastal-wetlands.csv", "ipcc-2006/waste-solid.csv",
        "ipcc-2006/waste-incineration.csv", "ipcc-2006/waste-biological.csv",
        "ipcc-2019-high-productivity/manure-vs-route.csv", "ipcc-2019-high-productivity/manure-system-shares.csv",
        "ipcc-2019-low-productivity/manure-vs-route.csv", "ipcc-2019-low-productivity/manure-system-shares.csv",
    ]

    @Test("every IPCC row's value equals the EFDB record it cites", arguments: files)
    func citedRecordsMatch(_ file: String) throws {
        let (checked, problems) = try Self.problems(file: factorLibrary + "/" + file)
        #expect(problems.isEmpty, "\(problems.prefix(10))")
        // Urea and liming carbon fractions have no EFDB record (stoichiometric, UNVERIFIED); every other file cites.
        #expect(checked > 0 || file == "ipcc-2006/liming-urea.csv")
    }

    @Test("every file of the IPCC sets is checked, and the fixture holds exactly the cited records")
    func fixtureComplete() throws {
        var found: [String] = []
        for set in ["ipcc-2006", "ipcc-2013-wetlands", "ipcc-2019-high-productivity", "ipcc-2019-low-productivity"] {
            found += try FileManager.default.contentsOfDirectory(atPath: factorLibrary + "/" + set)
                .filter { $0.hasSuffix(".csv") && $0 != "region-membership.csv" }.map { set + "/" + $0 }
        }
        #expect(found.sorted() == Self.files.sorted())
        var cited = Set<String>()
        let id = try NSRegularExpression(pattern: #"#(\d{5,6})\b"#)
        for f in found {
            for r in try readCSV(factorLibrary + "/" + f) {
                let text = (r["source"] ?? "") + " " + (r["note"] ?? "")
                for m in id.matches(in: text, range: NSRange(location: 0, length: (text as NSString).length)) {
                    cited.insert((text as NSString).substring(with: m.range(at: 1)))
                }
            }
        }
        #expect(Set(Self.records.keys) == cited)
    }

    @Test("a wrong value is caught: the corrected rows put back to their old values fail")
    func checkCanFail() throws {
        // Copy stationary-combustion.csv and fugitive.csv with the two corrections of methodology-corrections.md
        // undone: other primary solid biomass CH4 in 1.A.2 back to 20 kg/TJ (EFDB #117865 says 30), gas-production
        // CH4 back to 3.4E-04 (EFDB #124745: 0.00038-0.024).
        let dir = NSTemporaryDirectory() + "ghg-efdb-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for (file, old, new) in [
            ("stationary-combustion.csv", "ef_ch4,other_primary_solid_biomass,1.A.2,,,,,30,", "ef_ch4,other_primary_solid_biomass,1.A.2,,,,,20,"),
            ("fugitive.csv", ",3.8E-04,", ",3.4E-04,"),
        ] {
            let text = try String(contentsOfFile: factorLibrary + "/ipcc-2006/" + file, encoding: .utf8)
            #expect(text.contains(old), "\(file): \(old)")
            try text.replacingOccurrences(of: old, with: new).write(toFile: dir + "/" + file, atomically: true, encoding: .utf8)
            let (_, problems) = try Self.problems(file: dir + "/" + file)
            #expect(problems.count == 1, "\(problems)")
        }
    }
}
