import Foundation
import Testing

/// Golden files: outputs compared byte for byte with a reviewed copy in the repository.
///
/// Set `GHG_UPDATE_GOLDEN=1` to rewrite a golden file after an intended change; the test then fails anyway, naming
/// the file it recorded, so that a recording run can never pass for a checking run. Review the diff, commit it, and
/// run the tests again without the variable.
public enum Golden {
    /// Whether this run records instead of checking.
    public static var recording: Bool { ProcessInfo.processInfo.environment["GHG_UPDATE_GOLDEN"] == "1" }

    /// Compares `text` with the golden file at `path` (relative to the repository), or records it.
    public static func check(_ text: String, path: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let full = repositoryRoot + "/" + path
        if recording {
            do {
                try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent,
                                                        withIntermediateDirectories: true)
                try text.write(toFile: full, atomically: true, encoding: .utf8)
                Issue.record("recorded \(path) (GHG_UPDATE_GOLDEN=1): review the diff and run again without it",
                             sourceLocation: sourceLocation)
            } catch {
                Issue.record("cannot record \(path): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let expected = try? String(contentsOfFile: full, encoding: .utf8) else {
            Issue.record("no golden file \(path); record it with GHG_UPDATE_GOLDEN=1", sourceLocation: sourceLocation)
            return
        }
        guard text != expected else { return }
        let a = text.split(separator: "\n", omittingEmptySubsequences: false)
        let b = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let i = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
        Issue.record("""
            \(path) differs from its golden file at line \(i + 1):
              got:      \(i < a.count ? String(a[i]) : "<end>")
              expected: \(i < b.count ? String(b[i]) : "<end>")
            """, sourceLocation: sourceLocation)
    }
}
