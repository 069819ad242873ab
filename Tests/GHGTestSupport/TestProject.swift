import Foundation
import GHGCore
import GHGIO

/// The repository root, found from this file's path.
public let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    while url.path != "/" {
        url.deleteLastPathComponent()
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
    }
    fatalError("repository root not found above \(#filePath)")
}()

/// The shipped factor library.
public let factorLibrary = repositoryRoot + "/EmissionFactors"

/// The shipped report templates (`Templates/reports`), read once.
public let reportTemplates: ReportTemplates = {
    var log = DiagnosticLog()
    let reference = ReferenceReader.load(root: factorLibrary, log: &log)
    var d: [Diagnostic] = []
    guard let t = ReportTemplates.load(directory: repositoryRoot + "/Templates/reports",
                                       categories: reference.categories, diagnostics: &d) else {
        preconditionFailure("the report templates do not load: \(d.map(\.description))")
    }
    return t
}()

/// A throwaway project folder on disk, written from strings, compiled against the shipped factor library.
public struct TestProject {
    /// The folder.
    public let root: String

    public static let defaultRegions = """
        code,name_zh,name_en,level,parent
        510000,四川省,Sichuan,province,
        510800,广元市,Guangyuan,city,510000
        510802,利州区,Lizhou,county,510800
        310000,上海市,Shanghai,province,
        """

    /// Writes the project. `activity` maps file names (in `activity/`) to contents; `factors` (if given) maps file
    /// names in `factors/` to contents. With china-energy-statistics in the stack, natural gas is on the
    /// oilfield-gas caliber (the yearbook's 38 931 kJ/m3) unless `calibers` says otherwise.
    public init(config: String? = nil, stack: [String] = ["china-provincial-2011", "china-energy-statistics", "china-grid",
                                                   "ipcc-2006"],
         years: [Int] = [2005, 2020, 2022, 2023], lookup: String = "{}", regions: String = TestProject.defaultRegions,
         activity: [String: String], factors: [String: String]? = nil, socio: [String]? = nil,
         targets: [String]? = nil, calibers: [String: String]? = nil) throws {
        root = NSTemporaryDirectory() + "ghg-test-" + UUID().uuidString
        let fm = FileManager.default
        try fm.createDirectory(atPath: root + "/activity", withIntermediateDirectories: true)
        let stackJSON = stack.map { "\"\($0)\"" }.joined(separator: ", ")
        let calibers = calibers ?? (stack.contains("china-energy-statistics") ? ["natural_gas": "oilfield_gas"] : [:])
        let caliberJSON = calibers.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \"\($0.value)\"" }
            .joined(separator: ", ")
        let json = config ?? """
            {"name": "test", "years": [\(years.map(String.init).joined(separator: ", "))], "gwp": "AR5",
             "factor_stack": [\(stackJSON)], "factor_lookup": \(lookup), "calibers": {\(caliberJSON)}}
            """
        try json.write(toFile: root + "/ghg-project.json", atomically: true, encoding: .utf8)
        try (regions + "\n").write(toFile: root + "/regions.csv", atomically: true, encoding: .utf8)
        for (name, text) in activity {
            try text.write(toFile: root + "/activity/" + name, atomically: true, encoding: .utf8)
        }
        if let socio {
            try ([TestProject.socioHeader] + socio).joined(separator: "\n")
                .write(toFile: root + "/socioeconomic.csv", atomically: true, encoding: .utf8)
        }
        if let targets {
            try ([TestProject.targetHeader] + targets).joined(separator: "\n")
                .write(toFile: root + "/targets.csv", atomically: true, encoding: .utf8)
        }
        if let factors {
            try fm.createDirectory(atPath: root + "/factors", withIntermediateDirectories: true)
            for (name, text) in factors {
                try text.write(toFile: root + "/factors/" + name, atomically: true, encoding: .utf8)
            }
        }
    }

    /// The standard activity header.
    public static let header = "region,year,category,activity,item,value,unit,source,note,technology"
    /// The socio-economic header.
    public static let socioHeader = "region,year,series,value,unit,base_year,source,note"
    /// The targets header.
    public static let targetHeader = "region,indicator,base_year,target_year,comparison,value,unit,source,note"

    /// Compiles the project.
    public func compile(gwp: GWPSet? = nil, threads: Int = 1) -> Compilation {
        Compiler.compile(projectAt: root, options: CompileOptions(factorsDirectory: factorLibrary, gwp: gwp,
                                                                  threads: threads))
    }

    /// Compiles, writes the outputs to a folder beside the project (never inside it) and returns that folder.
    /// With `reports`, `summary.csv`, `report.html` and `report.md` too; with `excel`, CSV files with a byte-order mark.
    public func compileToDisk(gwp: GWPSet? = nil, threads: Int = 1, reports: Bool = true,
                              excel: Bool = false) throws -> (Compilation, String) {
        let c = compile(gwp: gwp, threads: threads)
        let out = root + "-out"
        _ = try OutputWriter.write(c, to: out, templates: reports ? reportTemplates : nil, excel: excel)
        return (c, out)
    }

    /// Deletes the folder and its output folder.
    public func remove() {
        try? FileManager.default.removeItem(atPath: root)
        try? FileManager.default.removeItem(atPath: root + "-out")
    }
}

/// Reads a CSV output file into rows of named fields.
public func readCSV(_ path: String) throws -> [[String: String]] {
    var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    if bytes.starts(with: OutputWriter.byteOrderMark) { bytes.removeFirst(3) }
    let (records, diagnostics) = CSVReader.parse(bytes, file: path)
    precondition(diagnostics.isEmpty, "output CSV does not parse: \(diagnostics)")
    guard let header = records.first?.fields else { return [] }
    return records.dropFirst().map { r in
        Dictionary(uniqueKeysWithValues: zip(header, r.fields))
    }
}

/// The mass (or CO2e) of one inventory.csv row, read back from the file as written.
public func inventoryValue(_ rows: [[String: String]], region: String, year: Int, category: String, gas: String,
                    scope: String = "total", column: String = "mass_t") -> Double? {
    rows.first {
        $0["region"] == region && $0["year"] == String(year) && $0["category"] == category && $0["gas"] == gas
            && $0["scope"] == scope
    }.flatMap { Double($0[column] ?? "") }
}

