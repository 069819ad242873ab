import Foundation
import GHGCore

/// The city project templates shipped under `Templates/cities/` and `ghg init`.
public enum ProjectTemplates {
    /// The template folder names, sorted (`dazhou`, `guangyuan`, …).
    public static func cities(in templatesDirectory: String) -> [String] {
        FileSystem.list(templatesDirectory + "/cities").filter {
            FileSystem.exists(templatesDirectory + "/cities/" + $0 + "/ghg-project.json")
        }
    }

    /// Finds `Templates/`: beside the factor library (they ship together in the repository).
    public static func locate(factorsDirectory: String) -> String? {
        let dir = URL(fileURLWithPath: factorsDirectory).deletingLastPathComponent().appendingPathComponent("Templates")
        return FileSystem.isDirectory(dir.path) ? dir.path : nil
    }

    /// Why `initialize` failed.
    public enum InitError: Error, CustomStringConvertible {
        /// No template of that name.
        case unknownCity(String, available: [String])
        /// The destination exists and is not empty.
        case destinationNotEmpty(String)

        /// A message saying what was expected.
        public var description: String {
            switch self {
            case let .unknownCity(name, available):
                "unknown city '\(name)'; expected one of " + available.joined(separator: ", ")
            case let .destinationNotEmpty(path):
                "'\(path)' exists and is not empty; expected a new or empty folder"
            }
        }
    }

    /// Creates a project folder from a city template: the template's files copied as they are (regions with
    /// county-level units and zones, every quantified target of the plan, empty activity and socio-economic files
    /// with their headers). City names match case-insensitively, in pinyin or Chinese (`guangyuan`, `广元`).
    ///
    /// - Returns: the files written, relative to `destination`.
    public static func initialize(city: String, destination: String, templatesDirectory: String) throws -> [String] {
        let available = cities(in: templatesDirectory)
        let chinese = ["广元": "guangyuan", "南充": "nanchong", "绵阳": "mianyang", "达州": "dazhou", "汕尾": "shanwei"]
        let key = chinese[String(city.prefix(2))] ?? city.lowercased()
        guard available.contains(key) else { throw InitError.unknownCity(city, available: available) }
        if FileSystem.exists(destination) && !FileSystem.list(destination).isEmpty {
            throw InitError.destinationNotEmpty(destination)
        }
        let source = templatesDirectory + "/cities/" + key
        var written: [String] = []
        func copy(_ rel: String) throws {
            let from = source + (rel.isEmpty ? "" : "/" + rel)
            if FileSystem.isDirectory(from) {
                try FileSystem.makeDirectory(destination + (rel.isEmpty ? "" : "/" + rel))
                for name in FileSystem.list(from) { try copy(rel.isEmpty ? name : rel + "/" + name) }
            } else if let bytes = FileSystem.read(from) {
                try Data(bytes).write(to: URL(fileURLWithPath: destination + "/" + rel))
                written.append(rel)
            }
        }
        try copy("")
        // The guide to filling in the activity files (items, units and categories in Chinese and English, per file),
        // beside them rather than in activity/, whose every file the compiler reads.
        if let guide = FileSystem.read(templatesDirectory + "/cities/README.md") {
            try Data(guide).write(to: URL(fileURLWithPath: destination + "/GUIDE.md"))
            written.append("GUIDE.md")
        }
        return written
    }
}
