import GHGTestSupport
import Foundation
import GHGCore
import GHGIO
import Testing

/// Indicators, GDP chain-linking, roll-up and targets through the whole pipeline (methodology.md §6, §7.5).
@Suite("Indicators, roll-up and targets")
struct IndicatorTests {

    /// Writes a project with activity, socio-economic data and targets, compiles it to disk and returns the outputs.
    func run(activity: [String], socio: [String] = [], targets: [String] = [], years: [Int] = [2005, 2020],
             regions: String = TestProject.defaultRegions, extraConfig: String = "",
             factors: [String: String]? = nil) throws -> (Compilation, String) {
        let config = """
            {"name": "t", "years": [\(years.map(String.init).joined(separator: ", "))], "gwp": "AR5",
             "factor_stack": ["china-provincial-2011", "china-energy-statistics", "ipcc-2006"],
             "calibers": {"natural_gas": "oilfield_gas"}\(extraConfig)}
            """
        let p = try TestProject(config: config, regions: regions,
                                activity: ["a.csv": ([TestProject.header] + activity).joined(separator: "\n")],
                                factors: factors, socio: socio, targets: targets)
        return try p.compileToDisk()
    }

    func indicator(_ rows: [[String: String]], _ region: String, _ year: Int, _ key: String, base: Int? = nil)
        -> Double?
    {
        rows.first {
            $0["region"] == region && $0["year"] == String(year) && $0["indicator"] == key
                && $0["base_year"] == (base.map(String.init) ?? "")
        }.flatMap { Double($0["value"] ?? "") }
    }

    @Test("TV38 through the pipeline: 10 → 5 t CO2 per 10^4 yuan is a 50 % decline vs 2005")
    func tv38() throws {
        // 2005: 100 Mt CO2 (a measured energy-sector emission), GDP 1 000 亿元 = 10^7 万元 → 10 t/万元.
        // 2020: 150 Mt, GDP 3 000 亿元 at 2005 prices (given as gdp_constant) → 5 t/万元. Decline 50 %.
        let (c, out) = try run(
            activity: ["510802,2005,1.A.1.a.i,direct_emission,CO2,100,Mt,TV38,,",
                       "510802,2020,1.A.1.a.i,direct_emission,CO2,150,Mt,TV38,,"],
            socio: ["510802,2005,gdp,1000,亿元,,TV38,", "510802,2020,gdp_constant,3000,亿元,2005,TV38,"],
            extraConfig: #", "co2_intensity_scope": "energy""#)
        #expect(c.log.errorCount == 0, "\(c.log.sorted.map(\.description))")
        let rows = try readCSV(out + "/indicators.csv")
        #expect(indicator(rows, "510802", 2005, "co2_intensity") == 10)
        #expect(indicator(rows, "510802", 2020, "co2_intensity") == 5)
        #expect(indicator(rows, "510802", 2020, "co2_intensity_decline", base: 2005) == 50)
        // TV38b's formula on the same pair: (1 − 0.5^(1/15)) × 100 = 4.515839608958327 %/yr.
        let rate = try #require(indicator(rows, "510802", 2020, "co2_intensity_annual_decline", base: 2005))
        #expect(close(rate, 4.515839608958327, rel: 1e-12))
    }

    @Test("chain-linked constant-price GDP, worked by hand, forwards and backwards")
    func chainLinking() throws {
        // Price base 2020: GDP 2020 (current) = 100 亿元; index 2021 = 108 %, 2022 = 103 % → 2022 at 2020 prices =
        // 100 × 1.08 × 1.03 = 111.24 亿元 = 1 112 400 万元. Index 2020 = 102 % → 2019 = 100 / 1.02 = 98.0392157 亿元.
        let (c, out) = try run(
            activity: ["510802,2019,1.A.1.a.i,direct_emission,CO2,1,t,x,,",
                       "510802,2022,1.A.1.a.i,direct_emission,CO2,1,t,x,,"],
            socio: ["510802,2020,gdp,100,亿元,,s,", "510802,2020,gdp_index,102,%,,s,",
                    "510802,2021,gdp_index,108,%,,s,", "510802,2022,gdp_index,103,%,,s,"],
            years: [2019, 2020, 2022], extraConfig: #", "gdp_price_base": 2020"#)
        #expect(c.log.errorCount == 0, "\(c.log.sorted.map(\.description))")
        let rows = try readCSV(out + "/indicators.csv")
        #expect(close(indicator(rows, "510802", 2022, "gdp_constant"), 1_112_400))
        #expect(close(indicator(rows, "510802", 2019, "gdp_constant"), 980_392.156862745))
        #expect(indicator(rows, "510802", 2020, "gdp_constant") == 1_000_000)
        let method = try #require(rows.first { $0["year"] == "2022" && $0["indicator"] == "gdp_constant" }?["method"])
        #expect(method == "chain-linked: GDP 2020 (current) 10000000000 yuan × Π index 2021–2022 (1.08 × 1.03)")
    }

    @Test("TV39: energy intensity 5 000 000 tce / 3×10^7 万元 = 0.1666667 tce per 10^4 yuan")
    func tv39() throws {
        let (c, out) = try run(
            activity: ["510802,2020,1.A.1.a.i,direct_emission,CO2,1,t,x,,"],
            socio: ["510802,2020,energy_tce,500,万吨标准煤,,TV39,", "510802,2020,gdp_constant,3000,亿元,2005,TV39,"],
            years: [2020])
        #expect(c.log.errorCount == 0, "\(c.log.sorted.map(\.description))")
        let rows = try readCSV(out + "/indicators.csv")
        #expect(close(indicator(rows, "510802", 2020, "energy_intensity"), 0.16666666666666666))
    }

    @Test("TV40: non-fossil share 10 TWh × 300 gce/kWh = 3 Mtce of 20 Mtce = 15 %")
    func tv40() throws {
        let local = ["set.json": #"{"id": "tv40", "version": "1"}"#,
                     "f.csv": ReferenceReader.factorColumns.joined(separator: ",") + "\n"
                        + "tce_coefficient,electricity,,coal_equivalent,,2020,2020,300,gce/kWh,,,,TV40 input coal rate,\n"]
        let (c, out) = try run(
            activity: ["510802,2020,1.A.1.a.i,direct_emission,CO2,1,t,x,,"],
            socio: ["510802,2020,energy_tce,2000,万吨标准煤,,TV40,", "510802,2020,non_fossil_electricity,10,TWh,,TV40,"],
            years: [2020], factors: local)
        #expect(c.log.errorCount == 0, "\(c.log.sorted.map(\.description))")
        let rows = try readCSV(out + "/indicators.csv")
        #expect(close(indicator(rows, "510802", 2020, "non_fossil_share"), 15))
    }

    static let rollupRegions = """
        code,name_zh,name_en,level,parent
        510000,四川省,Sichuan,province,
        510800,广元市,Guangyuan,city,510000
        510802,利州区,Lizhou,county,510800
        510811,昭化区,Zhaohua,county,510800
        510800-Z01,广元经开区,Guangyuan ETDZ,zone,510802
        """

    @Test("roll-up: a city is the sum of its counties plus its remainder; a zone counts once, in its host county")
    func rollUpInvariants() throws {
        let (c, _) = try run(activity: [
            "510802,2020,1.A.2.f,fuel_combustion,raw_coal,10,万吨,s,,",
            "510811,2020,1.A.4.b,fuel_combustion,natural_gas,500,万立方米,s,,",
            "510800-Z01,2020,1.A.2.f,fuel_combustion,raw_coal,3,万吨,s,,",
            "510800,2020,1.A.3.b,fuel_combustion,diesel,2,万吨,city-level transport not allocated to counties,,",
        ], years: [2020], regions: Self.rollupRegions)
        #expect(c.log.errorCount == 0, "\(c.log.sorted.map(\.description))")
        let inv = try #require(c.inventory)
        func v(_ region: String, _ extent: InventoryExtent, _ key: InventoryKey) -> Double {
            var k = key
            k.region = region
            k.extent = extent
            return inv.row(k).flatMap { $0.massTonnes ?? $0.co2eTonnes } ?? 0
        }
        // Every key of the city: city(all) = Σ counties(all) + city(own).
        var checked = 0
        for row in inv.rows where row.key.region == "510800" && row.key.extent == .all {
            let parts = v("510802", .all, row.key) + v("510811", .all, row.key) + v("510800", .own, row.key)
            #expect(close(v("510800", .all, row.key), parts, rel: 1e-12), "\(row.key)")
            checked += 1
        }
        #expect(checked > 20)
        // The zone's coal counts in the zone and once in its host county: 利州 = own 10 万吨 + zone 3 万吨.
        let coal = InventoryKey(region: "", year: 2020, node: .category(CategoryCode("1.A.2.f")!), gas: .gas(.co2),
                                scope: .total)
        let zone = v("510800-Z01", .all, coal), lizhou = v("510802", .all, coal), city = v("510800", .all, coal)
        #expect(zone > 0)
        #expect(close(lizhou, zone * 13 / 3, rel: 1e-12))
        #expect(close(city, lizhou, rel: 1e-12))
        #expect(close(v("510000", .all, coal), city, rel: 1e-12))
    }

    @Test("a city with its own totals: counties are a breakdown and the residual is reported")
    func ownTotals() throws {
        let regions = Self.rollupRegions.replacingOccurrences(of: "code,name_zh,name_en,level,parent",
                                                              with: "code,name_zh,name_en,level,parent,totals")
            .replacingOccurrences(of: "510800,广元市,Guangyuan,city,510000", with: "510800,广元市,Guangyuan,city,510000,own")
            .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).count == 5 ? $0 + "," : $0 }
            .joined(separator: "\n")
        // The city's statistics say 12 万吨 of coal in 1.A.2.f; its counties report 10 + 1.
        let (c, out) = try run(activity: [
            "510800,2020,1.A.2.f,fuel_combustion,raw_coal,12,万吨,city statistics,,",
            "510802,2020,1.A.2.f,fuel_combustion,raw_coal,10,万吨,county,,",
            "510811,2020,1.A.2.f,fuel_combustion,raw_coal,1,万吨,county,,",
        ], years: [2020], regions: regions)
        let inv = try #require(c.inventory)
        let key = InventoryKey(region: "510800", year: 2020, node: .category(CategoryCode("1.A.2.f")!), gas: .gas(.co2),
                               scope: .total)
        let city = try #require(inv.row(key)?.massTonnes)
        var k2 = key
        k2.region = "510802"
        let lizhou = try #require(inv.row(k2)?.massTonnes)
        #expect(close(city, lizhou * 12 / 10, rel: 1e-12))  // the city is its own 12 万吨, not 10 + 1
        let checks = try readCSV(out + "/checks.csv").filter { $0["check"] == "rollup_residual" }
        let row = try #require(checks.first { $0["subject"] == "1.A.2.f CO2" && $0["year"] == "2020" })
        #expect(close(Double(row["difference_pct"] ?? ""), (12.0 - 11) / 11 * 100, rel: 1e-9))
        #expect(row["status"] == "large" && row["code"] == "rollup-residual" && row["severity"] == "warning")
        // The finding points at the city's line in regions.csv.
        #expect(row["location"] == "regions.csv:3")
        #expect(row["detail"] == "the region's own total against the sum of its sub-regions; expected within 1%")
        #expect(c.log.diagnostics.contains { $0.code.rawValue == "rollup-residual" && $0.severity == .warning })
    }

    @Test("target statuses: met, on track, off track, pending and no data, with the numbers behind them")
    func statuses() throws {
        // GDP flat at 100 亿元; CO2 100 → 90 → 80 kt in 2020 → 2022 → 2024: declines 10 % (2022) and 20 % (2024).
        let (c, out) = try run(
            activity: ["510802,2020,1.A.1.a.i,direct_emission,CO2,100,kt,x,,",
                       "510802,2022,1.A.1.a.i,direct_emission,CO2,90,kt,x,,",
                       "510802,2024,1.A.1.a.i,direct_emission,CO2,80,kt,x,,"],
            socio: ["510802,2020,gdp,100,亿元,,s,", "510802,2021,gdp_index,100,%,,s,",
                    "510802,2022,gdp_index,100,%,,s,", "510802,2023,gdp_index,100,%,,s,",
                    "510802,2024,gdp_index,100,%,,s,",
                    "510802,2020,forest_coverage,50,%,,s,", "510802,2024,forest_coverage,51,%,,s,"],
            targets: [
                "510802,co2_intensity_decline,2020,2025,≥,19,%,met: 20 ≥ 19,",
                "510802,co2_intensity_decline,2020,2025,>=,24,%,on track: path 0 → 24 stands at 19.2 in 2024,",
                "510802,co2_intensity_decline,2020,2030,>=,60,%,off track: path stands at 24 in 2024,",
                "510802,co2_intensity_decline,,2025,≥,,%,pending (省下达),",
                "510802,forest_coverage,,2025,≥,56,%,off track: path 50 → 56 stands at 54.8,",
                "510802,forest_stock,,2025,≥,6500,10^4 m3,no data,",
            ],
            years: [2020, 2022, 2024], extraConfig: #", "gdp_price_base": 2020, "co2_intensity_scope": "energy""#)
        #expect(c.log.errorCount == 0, "\(c.log.sorted.map(\.description))")
        let t = try readCSV(out + "/targets.csv")
        #expect(t.map { $0["status"] ?? "" } == ["met", "on track", "off track", "pending", "off track", "no data"])
        #expect(close(Double(t[0]["actual"] ?? ""), 20, rel: 1e-12))
        #expect(close(Double(t[1]["path_value"] ?? ""), 19.2, rel: 1e-12))   // 24 × (2024 − 2020)/(2025 − 2020)
        #expect(close(Double(t[2]["path_value"] ?? ""), 24, rel: 1e-12))     // 60 × 4/10
        #expect(close(Double(t[4]["path_value"] ?? ""), 54.8, rel: 1e-12))   // 50 + (56 − 50) × 4/5
        #expect(t[4]["explanation"]?.contains("path starts at 2020") == true)
    }

    @Test("bad targets and socio-economic data get located errors")
    func badInputs() throws {
        let (c, _) = try run(
            activity: ["510802,2020,1.A.1.a.i,direct_emission,CO2,1,t,x,,",
                       "510802,2022,1.A.1.a.i,direct_emission,CO2,1,t,x,,"],
            socio: ["510802,2020,gdp,100,亿元,,s,", "510802,2022,gdp_index,104,%,,s,"],
            targets: ["510802,co2_intensity_drop,2020,2025,≥,19,%,s,",
                      "510802,co2_intensity_decline,2010,2025,≥,19,%,s,"],
            years: [2020, 2022], extraConfig: #", "gdp_price_base": 2020"#)
        #expect(c.log.sorted.map(\.description) == [
            "socioeconomic.csv:2: error: GDP index ('gdp_index') missing for region 510802 in 2021: constant-price GDP "
                + "is chain-linked from the price base year 2020 (ghg-project.json gdp_price_base) to each inventory "
                + "year; expected one row per year, e.g. 510802,2021,gdp_index,<value>,% (or gdp_constant at 2020 "
                + "prices) [empty-field]",
            "targets.csv:2: error: unknown indicator 'co2_intensity_drop'; expected a key of "
                + "EmissionFactors/indicators.csv or a custom indicator of ghg-project.json (e.g. co2_intensity_decline, "
                + "non_fossil_share, forest_stock) [unknown-indicator]",
            "targets.csv:3: error: base year 2010 of target 'co2_intensity_decline' has no data: it is not an inventory "
                + "year of the project; expected one of 2020, 2022 [base-year-without-data]",
        ])
        #expect(!c.succeeded)
    }

    @Test("bad region trees get located errors: unknown level, zone without host, cycle")
    func badRegions() throws {
        let regions = """
            code,name_zh,name_en,level,parent
            510000,四川省,Sichuan,province,
            510800,广元市,Guangyuan,prefecture,510000
            510802,利州区,Lizhou,county,
            Z1,园区,Park,zone,
            A,甲,A,county,B
            B,乙,B,county,A
            """
        let (c, _) = try run(activity: ["510000,2020,1.A.1.a.i,direct_emission,CO2,1,t,x,,"], years: [2020],
                             regions: regions)
        #expect(c.log.sorted.map(\.description) == [
            "regions.csv:3:22: error: unknown region level 'prefecture'; expected province, city, county or zone "
                + "[unknown-region]",
            "regions.csv:5: error: zone 'Z1' has no host; expected its host county's code in 'parent' [unknown-region]",
            "regions.csv:6: error: county 'A' has parent 'B' of level county; expected a city [unknown-region]",
            "regions.csv:6: error: region 'A' is in a cycle of parents (A, B) [unknown-region]",
            "regions.csv:7: error: county 'B' has parent 'A' of level county; expected a city [unknown-region]",
        ])  // the cycle is reported once, at its first row; reporting it cuts it
    }
}

/// The five city templates: each initialises with `ProjectTemplates.initialize` and compiles with its empty activity.
@Suite("City templates")
struct CityTemplateTests {
    static let templates = repositoryRoot + "/Templates"
    static let expectedTargets = ["guangyuan": 41, "nanchong": 58, "mianyang": 39, "dazhou": 15, "shanwei": 40]
    static let planCity = ["guangyuan": "Guangyuan", "nanchong": "Nanchong", "mianyang": "Mianyang",
                           "dazhou": "Dazhou", "shanwei": "Shanwei"]

    @Test("the five templates are shipped")
    func shipped() {
        #expect(ProjectTemplates.cities(in: Self.templates) == ["dazhou", "guangyuan", "mianyang", "nanchong",
                                                                 "shanwei"])
    }

    @Test("init and compile with empty activity, every plan target tracked", arguments: expectedTargets.keys.sorted())
    func initAndCompile(_ city: String) throws {
        let dir = NSTemporaryDirectory() + "ghg-init-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let files = try ProjectTemplates.initialize(city: city, destination: dir, templatesDirectory: Self.templates)
        #expect(files.contains("activity/energy.csv") && files.contains("targets.csv") && files.contains("regions.csv"))
        let c = Compiler.compile(projectAt: dir, options: CompileOptions(factorsDirectory: factorLibrary))
        #expect(c.log.errorCount == 0, "\(c.log.sorted.map(\.description))")
        #expect(c.succeeded)
        #expect(c.project?.targets.count == Self.expectedTargets[city])
        #expect(c.targets.count == Self.expectedTargets[city])
        // With no data yet, every target is pending (省下达) or has no data.
        #expect(c.targets.allSatisfy { $0.status == .pending || $0.status == .noData })
        // Shanwei's mangrove rows stand as not estimated (NE) until the forestry bureau's areas are filled in: used
        // as notation keys, never as numbers, and without a warning.
        if city == "shanwei" {
            #expect(c.calculation?.plan.notationRows.count == 10 && c.log.diagnostics.isEmpty,
                    "\(c.log.sorted.map(\.description))")
        }
        // Every target of the plan in the shared reference appears, with its year, comparison and value.
        let reference = try readCSV(repositoryRoot + "/Tests/GHGIOTests/Fixtures/city-targets.csv")
            .filter { $0["city"] == Self.planCity[city] }
        #expect(reference.count == Self.expectedTargets[city])
        for (r, t) in zip(reference, c.project!.targets) {
            #expect(t.indicator == r["indicator_key"])
            #expect(t.targetYear.map(String.init) ?? "" == r["target_year"])
            #expect(t.comparison.rawValue == r["comparison"])
            let expectedValue = (r["value"] ?? "").isEmpty ? nil : Double(r["value"]!)
            #expect(t.value == expectedValue)
        }
        // Regions: the city and its county-level units, zones hosted by counties.
        let regions = c.project!.regions.all
        #expect(regions.filter { $0.level == .city }.count == 1)
        #expect(regions.filter { $0.level == .county }.count >= 4)
        for z in regions where z.level == .zone {
            #expect(c.project!.regions[z.parent ?? ""]?.level == .county, "\(z.code)")
        }
    }

    @Test("init refuses an unknown city and a non-empty folder")
    func refusals() throws {
        #expect(throws: ProjectTemplates.InitError.self) {
            try ProjectTemplates.initialize(city: "beijing", destination: NSTemporaryDirectory() + UUID().uuidString,
                                            templatesDirectory: Self.templates)
        }
        #expect(throws: ProjectTemplates.InitError.self) {
            try ProjectTemplates.initialize(city: "guangyuan", destination: repositoryRoot,
                                            templatesDirectory: Self.templates)
        }
    }
}
