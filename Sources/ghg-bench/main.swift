// ghg-bench: a release-mode benchmark of `ghg compile` on a synthetic city with many counties.
//
//     swift run -c release ghg-bench [--counties N] [--repeat R]
//
// It builds a project from the demo's activity rows replicated over N synthetic counties, then times
//   baseline: reading every input file and parsing it with the CSV reader (the floor any compile pays), and
//   compile:  Compiler.compile + OutputWriter.render (read, resolve, calculate, aggregate, render),
// and reports medians and the ratio compile / baseline, so figures compare across machines.
import Foundation
import GHGCore
import GHGIO

var counties = 1000
var repeats = 5
var args = CommandLine.arguments.dropFirst().makeIterator()
while let a = args.next() {
    switch a {
    case "--counties": counties = Int(args.next() ?? "") ?? counties
    case "--repeat": repeats = Int(args.next() ?? "") ?? repeats
    default:
        FileHandle.standardError.write(Data("usage: ghg-bench [--counties N] [--repeat R]\n".utf8))
        exit(2)
    }
}

let root = FileManager.default.currentDirectoryPath
let demo = root + "/Templates/demo-city"
let factors = root + "/EmissionFactors"
guard FileManager.default.fileExists(atPath: demo + "/ghg-project.json") else {
    FileHandle.standardError.write(Data("run from the repository root (Templates/demo-city not found)\n".utf8))
    exit(2)
}

// Build the synthetic project.
let project = NSTemporaryDirectory() + "ghg-bench-\(counties)"
try? FileManager.default.removeItem(atPath: project)
try FileManager.default.createDirectory(atPath: project + "/activity", withIntermediateDirectories: true)
try FileManager.default.copyItem(atPath: demo + "/ghg-project.json", toPath: project + "/ghg-project.json")
try FileManager.default.copyItem(atPath: demo + "/factors", toPath: project + "/factors")
var regions = "code,name_zh,name_en,level,parent\n510000,四川省,Sichuan,province,\n519900,基准市,Bench City,city,510000\n"
let demoRows = try String(contentsOfFile: demo + "/activity/energy.csv", encoding: .utf8)
    .split(separator: "\n").dropFirst().map(String.init)
let templates = ["519902", "519921", "519981"]
var activity = "region,year,category,activity,item,value,unit,source,note,technology\n"
for i in 0..<counties {
    let code = "59\(String(format: "%05d", i))"
    regions += "\(code),县\(i),County \(i),county,519900\n"
    let template = templates[i % templates.count]
    for row in demoRows where row.hasPrefix(template + ",") {
        activity += code + row.dropFirst(template.count) + "\n"
    }
}
try regions.write(toFile: project + "/regions.csv", atomically: true, encoding: .utf8)
try activity.write(toFile: project + "/activity/energy.csv", atomically: true, encoding: .utf8)
let rowCount = activity.split(separator: "\n").count - 1

func median(_ xs: [Duration]) -> Duration { xs.sorted()[xs.count / 2] }
func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}
let clock = ContinuousClock()

// Baseline: read and parse every input the compile reads.
var baseline: [Duration] = []
var inputFiles = [project + "/ghg-project.json", project + "/regions.csv", project + "/activity/energy.csv"]
for name in ["categories.csv", "gwp.csv", "items.csv"] { inputFiles.append(factors + "/" + name) }
for set in (try FileManager.default.contentsOfDirectory(atPath: factors)).sorted() {
    let dir = factors + "/" + set
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else { continue }
    for f in (try FileManager.default.contentsOfDirectory(atPath: dir)).sorted() where f.hasSuffix(".csv") {
        inputFiles.append(dir + "/" + f)
    }
}
var sink = 0
for _ in 0..<repeats {
    baseline.append(clock.measure {
        for path in inputFiles {
            let bytes = [UInt8](FileManager.default.contents(atPath: path) ?? Data())
            sink &+= CSVReader.parse(bytes, file: path).records.count
        }
    })
}

// Full compile and render.
var full: [Duration] = []
var lines = 0
var hash = ""
for _ in 0..<repeats {
    full.append(clock.measure {
        let c = Compiler.compile(projectAt: project, options: CompileOptions(factorsDirectory: factors))
        precondition(c.succeeded, "benchmark project has errors: \(c.log.sorted.prefix(3))")
        let files = OutputWriter.render(c)
        lines = c.calculation?.lines.count ?? 0
        hash = SHA256.hex(Array(files.first { $0.0 == "inventory.csv" }!.1.utf8))
    })
}

let b = seconds(median(baseline)), f = seconds(median(full))
print("ghg-bench: \(counties) counties, \(rowCount) activity rows, \(lines) emission lines, \(repeats) runs")
print("  baseline (read + CSV-parse all inputs): median \(String(format: "%.3f", b)) s")
print("  compile + render:                       median \(String(format: "%.3f", f)) s "
    + "(\(String(format: "%.0f", Double(rowCount) / f)) rows/s)")
print("  ratio compile / baseline: \(String(format: "%.1f", f / b))×")
print("  inventory.csv sha256 \(hash.prefix(16))… (identical on every run)")
_ = sink
try? FileManager.default.removeItem(atPath: project)
