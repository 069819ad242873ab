import Foundation
import GHGTestSupport
import Testing

/// The front door (issue 9): inputs that used to crash the compiler or endanger the project's own files.
@Suite("Front door: no crash, inputs never touched")
struct FrontDoorTests {
    let cli = CommandLineTests()

    /// A copy of the demo with `ghg-project.json`'s "years" replaced.
    func demo(years: String) throws -> String {
        let dir = NSTemporaryDirectory() + "ghg-door-" + UUID().uuidString
        try FileManager.default.copyItem(atPath: repositoryRoot + "/Templates/demo-city", toPath: dir)
        let path = dir + "/ghg-project.json"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let range = try #require(text.range(of: #""years": \[[^\]]*\]"#, options: .regularExpression))
        try text.replacingCharacters(in: range, with: "\"years\": \(years)").write(toFile: path, atomically: true,
                                                                                   encoding: .utf8)
        return dir
    }

    @Test("years that used to crash are located errors with exit 1", arguments: [
        ("[2005, 99999999999]", "99999999999"), ("[2005, -9223372036854775808]", "-9223372036854775808"),
        ("[true, 2020]", "true"), ("[2005, 2020.5]", "2020.5"),
    ])
    func crashReproducers(_ years: String, _ shown: String) throws {
        let dir = try demo(years: years)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let out = cli.tempDir()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let r = try cli.ghg(["compile", dir, "--out", out])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("ghg-project.json: error: 'years': \(shown) is not a year; expected years between "
            + "1900 and 2100 such as [2005, 2020] [project-file]"), "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out) == ["diagnostics.csv"])
    }

    @Test("--out equal to, inside or containing the project is a usage error, and nothing is written")
    func outputFolderGuard() throws {
        let dir = try demo(years: "[2005, 2020, 2021, 2022, 2023, 2024]")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        func listing() throws -> [String] {
            try FileManager.default.subpathsOfDirectory(atPath: dir).sorted()
        }
        let before = try listing()
        for (out, words) in [(dir, "is the input folder"), (dir + "/out", "lies inside the input folder"),
                             ((dir as NSString).deletingLastPathComponent, "contains the input folder")] {
            let r = try cli.ghg(["compile", dir, "--out", out])
            #expect(r.status == 2, "\(out)")
            #expect(r.stderr.hasPrefix("Error: the output folder '\(out)' \(words) '\(dir)'"), "\(r.stderr)")
        }
        #expect(try listing() == before)
        // The factor library is an input too.
        let r = try cli.ghg(["compile", dir, "--out", "EmissionFactors/out"])
        #expect(r.status == 2 && r.stderr.contains("lies inside the input folder"))
    }

    @Test("a new compile removes only what the folder's previous manifest lists as outputs")
    func cleanupOnlyOwnOutputs() throws {
        let out = cli.tempDir()
        defer { try? FileManager.default.removeItem(atPath: out) }
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        // A user's files in the folder, one with an output's name but no manifest of ours listing it.
        try "mine\n".write(toFile: out + "/notes.txt", atomically: true, encoding: .utf8)
        try "mine\n".write(toFile: out + "/checks.csv", atomically: true, encoding: .utf8)
        let bad = try demo(years: "[true, 2020]")
        defer { try? FileManager.default.removeItem(atPath: bad) }
        #expect(try cli.ghg(["compile", bad, "--out", out]).status == 1)
        #expect(try String(contentsOfFile: out + "/checks.csv", encoding: .utf8) == "mine\n")
        #expect(FileManager.default.fileExists(atPath: out + "/notes.txt"))
        // After a successful compile (which writes its manifest), a failed one removes its outputs.
        #expect(try cli.ghg(["compile", "Templates/demo-city", "--out", out]).status == 0)
        #expect(try cli.ghg(["compile", bad, "--out", out]).status == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == ["diagnostics.csv", "notes.txt"])
    }
}
