import Foundation
import GHGCore
import GHGIO
import GHGTestSupport
import Testing

/// The demo mutated a few thousand times on a fixed seed (issue 9): no case may crash or hang, a compile either
/// succeeds or reports errors, and a failed compile writes nothing but `diagnostics.csv`. A crash stops the test
/// process (a failure); a slow case is reported with its mutation.
@Suite("Fuzzing the demo")
struct FuzzTests {
    /// SplitMix64: a small deterministic generator, the same sequence on every machine.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
    }

    /// Values that have broken parsers before: empty, signs, huge and tiny numbers, non-numbers, notation keys,
    /// years out of range, codes Excel mangles, Chinese, quotes and line breaks, control characters.
    static let nasty = ["", " ", "-1", "0", "1e308", "1e305", "-1e308", "NaN", "inf", "0x10", "1,000", "１２３", "NE", "IE",
                        "99999999999", "-9223372036854775808", "true", "null", "2020.5", "519902.0", "5.19902E+05",
                        "519902\u{A0}", "原煤", "燃料燃烧", "万度", "\"", "\"a,b\"", "a\nb", "\u{1B}[31m", "\t", "3.B.1.a",
                        "1.A", "IND.1", "9.Z", "亩", "t/ha", "%", "yr", "gs_41_80+agb_lt125", "roundwood+", "+", "_to_"]

    /// One mutation of the demo's files (relative path → bytes), with a description for messages.
    static func mutate(_ files: [String: [UInt8]], _ g: inout Generator) -> ([String: [UInt8]], String) {
        var files = files
        let names = files.keys.sorted()
        let name = names[g.below(names.count)]
        var bytes = files[name]!
        var text = String(decoding: bytes, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let what: String
        switch g.below(9) {
        case 0:
            // A field of a line replaced by a nasty value.
            let l = g.below(lines.count)
            var fields = lines[l].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let f = g.below(fields.count)
            let v = nasty[g.below(nasty.count)]
            fields[f] = v
            lines[l] = fields.joined(separator: ",")
            text = lines.joined(separator: "\n")
            bytes = Array(text.utf8)
            what = "\(name):\(l + 1) field \(f + 1) = \(v.debugDescription)"
        case 1:
            let l = g.below(lines.count)
            lines.remove(at: l)
            bytes = Array(lines.joined(separator: "\n").utf8)
            what = "\(name): line \(l + 1) deleted"
        case 2:
            let l = g.below(lines.count)
            lines.insert(lines[l], at: l)
            bytes = Array(lines.joined(separator: "\n").utf8)
            what = "\(name): line \(l + 1) duplicated"
        case 3:
            let cut = g.below(bytes.count + 1)
            bytes = Array(bytes.prefix(cut))
            what = "\(name): truncated at byte \(cut)"
        case 4:
            let n = 1 + g.below(8)
            for _ in 0..<n where !bytes.isEmpty { bytes[g.below(bytes.count)] = UInt8(truncatingIfNeeded: g.next()) }
            what = "\(name): \(n) random bytes"
        case 5:
            // A JSON number, bracket or quote of ghg-project.json changed.
            let json = "ghg-project.json"
            var t = Array(files[json]!)
            let marks = t.indices.filter { [0x5B, 0x5D, 0x7B, 0x7D, 0x22, 0x3A, 0x2C].contains(t[$0]) || (0x30...0x39).contains(t[$0]) }
            let i = marks[g.below(marks.count)]
            let replacement = [UInt8]("]}[{\":,-9e".utf8)
            t[i] = replacement[g.below(replacement.count)]
            files[json] = t
            return (files, "ghg-project.json: byte \(i) = \(Character(UnicodeScalar(t[i])))")
        case 6:
            // A column of the header renamed or dropped.
            var header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let c = g.below(header.count)
            if g.below(2) == 0 { header.remove(at: c) } else { header[c] = nasty[g.below(nasty.count)] }
            lines[0] = header.joined(separator: ",")
            bytes = Array(lines.joined(separator: "\n").utf8)
            what = "\(name): header column \(c + 1) changed"
        case 7:
            // The file replaced by another encoding's bytes.
            bytes = [0xFF, 0xFE] + bytes.flatMap { [$0, 0] }
            what = "\(name): bytes spread as UTF-16"
        default:
            // A line of another file pasted in.
            let other = names[g.below(names.count)]
            let otherLines = String(decoding: files[other]!, as: UTF8.self).split(separator: "\n").map(String.init)
            if !otherLines.isEmpty { lines.insert(otherLines[g.below(otherLines.count)], at: g.below(lines.count + 1)) }
            bytes = Array(lines.joined(separator: "\n").utf8)
            what = "\(name): a line of \(other) pasted"
        }
        files[name] = bytes
        return (files, what)
    }

    /// How many cases: a few thousand, on a fixed seed.
    static let count = 2000

    /// A value the worker threads read.
    struct UnsafeSendable<T>: @unchecked Sendable { var value: T; init(_ v: T) { value = v } }

    @Test("2 000 mutations of the demo: no crash, no hang, a failed compile writes only diagnostics.csv")
    func fuzzDemo() throws {
        let fm = FileManager.default
        let demo = repositoryRoot + "/Templates/demo-city"
        var files: [String: [UInt8]] = [:]
        let enumerator = fm.enumerator(atPath: demo)!
        while let rel = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if fm.fileExists(atPath: demo + "/" + rel, isDirectory: &isDirectory), !isDirectory.boolValue, rel.hasSuffix(".csv") || rel.hasSuffix(".json") {
                files[rel] = [UInt8](fm.contents(atPath: demo + "/" + rel)!)
            }
        }
        var log = DiagnosticLog()
        let reference = ReferenceReader.load(root: factorLibrary, log: &log)
        #expect(!log.hasErrors)
        var g = Generator(state: 20_261_202)
        let cases = (0..<Self.count).map { _ in Self.mutate(files, &g) }
        let root = NSTemporaryDirectory() + "ghg-fuzz-" + UUID().uuidString
        defer { try? fm.removeItem(atPath: root) }
        // Cases run on every core; each result is kept at its index, so the report does not depend on the order.
        struct Outcome: Sendable { var succeeded: Bool, seconds: Double, problems: [String] }
        final class Results: @unchecked Sendable {
            var items: [Outcome?]
            let lock = NSLock()
            init(_ n: Int) { items = Array(repeating: nil, count: n) }
        }
        let results = Results(cases.count)
        let library = UnsafeSendable(reference)
        DispatchQueue.concurrentPerform(iterations: cases.count) { n in
            let (mutated, what) = cases[n]
            let fm = FileManager.default
            let dir = root + "/p\(n)", out = root + "/o\(n)"
            var problems: [String] = []
            for (rel, bytes) in mutated {
                let path = dir + "/" + rel
                try? fm.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try? Data(bytes).write(to: URL(fileURLWithPath: path))
            }
            let start = Date()
            let c = Compiler.compile(projectAt: dir, options: CompileOptions(factorsDirectory: factorLibrary),
                                     reference: library.value)
            // A failed compile writes diagnostics.csv alone (a successful one is the golden tests' business).
            if !c.succeeded {
                _ = try? OutputWriter.write(c, to: out)
                let written = (try? fm.contentsOfDirectory(atPath: out)) ?? []
                if written != ["diagnostics.csv"] { problems.append("case \(n) (\(what)) failed but wrote \(written.sorted())") }
                if !c.log.hasErrors { problems.append("case \(n) (\(what)) failed without an error") }
            }
            let seconds = Date().timeIntervalSince(start)
            if seconds > 10 { problems.append("case \(n) (\(what)) took \(seconds) s") }
            try? fm.removeItem(atPath: dir)
            try? fm.removeItem(atPath: out)
            results.lock.lock()
            results.items[n] = Outcome(succeeded: c.succeeded, seconds: seconds, problems: problems)
            results.lock.unlock()
        }
        let outcomes = results.items.map { $0! }
        let problems = (0..<cases.count).flatMap { outcomes[$0].problems }
        let succeeded = (0..<cases.count).filter { outcomes[$0].succeeded }.count, failed = cases.count - succeeded
        let slowest = (0..<cases.count).max { outcomes[$0].seconds < outcomes[$1].seconds }!
        #expect(problems.isEmpty, "\(problems.prefix(10))")
        #expect(succeeded > 100 && failed > 100, "succeeded \(succeeded), failed \(failed)")
        print("fuzz: \(cases.count) cases, \(succeeded) compiled, \(failed) rejected with errors; slowest "
            + "\(outcomes[slowest].seconds) s (\(cases[slowest].1))")
    }
}
