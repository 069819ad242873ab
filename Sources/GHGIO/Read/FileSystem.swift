import Foundation
import GHGCore

/// The few file operations the readers need, with errors turned into diagnostics.
enum FileSystem {
    /// The bytes of a regular file, as an array (nil when it cannot be read).
    static func read(_ path: String) -> [UInt8]? {
        FileBytes(path: path).map { Array($0.buffer) }
    }

    /// An input file as UTF-8 bytes, the SHA-256 of the file as it is on disk, and the encoding it was converted
    /// from (nil when it was UTF-8); nil when it cannot be read.
    static func readInput(_ path: String) -> (bytes: [UInt8], sha256: String, converted: InputEncoding.Found?)? {
        guard let f = FileBytes(path: path) else { return nil }
        let bytes = Array(f.buffer)
        return (bytes, f.originalSHA256 ?? SHA256.hex(bytes), f.converted)
    }

    /// The diagnostic that says a file was converted from another encoding.
    static func conversionNote(_ found: InputEncoding.Found, file: String) -> Diagnostic {
        .warning(.fileFormat, at: InputLocation(file: file), "\(file) was " + found.note)
    }

    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    static func isDirectory(_ path: String) -> Bool {
        var d: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &d) && d.boolValue
    }

    /// Entries of a directory, sorted by name (byte order), or [] when it does not exist.
    static func list(_ path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter { !$0.hasPrefix(".") }
            .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    static func join(_ a: String, _ b: String) -> String {
        a.isEmpty ? b : (a.hasSuffix("/") ? a + b : a + "/" + b)
    }

    static func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    static func makeDirectory(_ path: String) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
}
