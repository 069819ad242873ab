import Foundation
import GHGCore
import GHGIO
import GHGTestSupport
import Testing

/// `OutputWriter.compileAndWrite` (what `ghg compile` runs) writes the outputs that do not list the checks' findings
/// while the checks run: the files must be exactly those of compiling first and writing after.
@Suite("Compile and write: outputs beside the checks")
struct CompileAndWriteTests {
    /// The files of a folder and their bytes.
    static func contents(_ dir: String) throws -> [String: [UInt8]] {
        var out: [String: [UInt8]] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: dir) {
            out[name] = try [UInt8](Data(contentsOf: URL(fileURLWithPath: dir + "/" + name)))
        }
        return out
    }

    @Test("the demo: the same files, byte for byte, as compile then write, with 1 and 2 threads", arguments: [1, 2])
    func demo(threads: Int) throws {
        let demo = repositoryRoot + "/Templates/demo-city"
        let base = NSTemporaryDirectory() + "ghg-caw-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: base) }
        let options = CompileOptions(factorsDirectory: factorLibrary, threads: threads)
        var asked = 0
        let (c, written) = try OutputWriter.compileAndWrite(projectAt: demo, options: options,
                                                            to: base + "/a") { partial in
            asked += 1
            // Everything the outputs beside the checks read is known; the findings are not.
            #expect(partial.inventory != nil && !partial.indicators.isEmpty && partial.checks.isEmpty)
            return reportTemplates
        }
        #expect(asked == 1)
        #expect(c.succeeded && !c.checks.isEmpty)
        let reference = Compiler.compile(projectAt: demo, options: options)
        let writtenB = try OutputWriter.write(reference, to: base + "/b", templates: reportTemplates)
        #expect(written == writtenB)
        let a = try Self.contents(base + "/a"), b = try Self.contents(base + "/b")
        #expect(a.keys.sorted() == b.keys.sorted())
        #expect(a.keys.sorted() == written.sorted(), "the folder holds exactly the files said to be written")
        for (name, bytes) in b.sorted(by: { $0.key < $1.key }) {
            #expect(a[name] == bytes, "\(name) differs from compile-then-write")
        }
        #expect(c.checks == reference.checks)
        #expect(c.log.sorted == reference.log.sorted)
    }

    @Test("a project with errors: only diagnostics.csv, and the outputs of an earlier run are removed")
    func errors() throws {
        let p = try TestProject(years: [2022], activity: ["energy.csv": TestProject.header + "\n"
            + "510802,2022,1.A.1.a.i,fuel_combustion,raw_coal,100,万吨,coal,,\n"])
        defer { p.remove() }
        let out = p.root + "-out"
        let options = CompileOptions(factorsDirectory: factorLibrary, threads: 2)
        let first = try OutputWriter.compileAndWrite(projectAt: p.root, options: options, to: out) { _ in
            reportTemplates
        }
        #expect(first.compilation.succeeded)
        #expect(FileManager.default.fileExists(atPath: out + "/inventory.csv"))
        // Now break the project: an unknown region.
        try (TestProject.header + "\n" + "999999,2022,1.A.1.a.i,fuel_combustion,raw_coal,100,万吨,coal,,\n")
            .write(toFile: p.root + "/activity/energy.csv", atomically: true, encoding: .utf8)
        let second = try OutputWriter.compileAndWrite(projectAt: p.root, options: options, to: out) { _ in
            reportTemplates
        }
        #expect(!second.compilation.succeeded)
        #expect(second.written == ["diagnostics.csv"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == ["diagnostics.csv"])
    }

    /// `lineage.jsonl` is begun as soon as the lines are evaluated; an error found after that (here a socio-economic
    /// row of an unknown region, read after the calculation) must not leave it behind.
    @Test("an error found after the lines are evaluated: the lineage begun early is removed", arguments: [1, 2])
    func errorAfterEvaluation(threads: Int) throws {
        let p = try TestProject(years: [2022], activity: ["energy.csv": TestProject.header + "\n"
            + "510802,2022,1.A.1.a.i,fuel_combustion,raw_coal,100,万吨,coal,,\n"],
            socio: ["999999,2022,gdp,10,亿元,,test,"])
        defer { p.remove() }
        let out = p.root + "-out"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let options = CompileOptions(factorsDirectory: factorLibrary, threads: threads)
        let result = try OutputWriter.compileAndWrite(projectAt: p.root, options: options, to: out) { _ in
            reportTemplates
        }
        #expect(!result.compilation.succeeded)
        #expect(result.compilation.calculation?.lines.count == 3, "the lines were evaluated before the error")
        #expect(result.compilation.log.diagnostics.contains { $0.code == .unknownRegion && $0.location.file == "socioeconomic.csv" })
        #expect(result.written == ["diagnostics.csv"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == ["diagnostics.csv"])
    }
}
