import ArgumentParser
import GHGCore
import GHGIO

/// `ghg factors list|show|diff`
struct Factors: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List, show and compare factor sets.",
        discussion: "Prints CSV to standard output; writes nothing. Exit status: 0 success, 1 a set that cannot be read, 2 usage errors.",
        subcommands: [List.self, Show.self, Diff.self])

    struct LibraryOptions: ParsableArguments {
        @Option(help: "The factor library folder.") var factors: String?

        func load() throws -> ReferenceData {
            guard let dir = Compiler.locateFactors(explicit: factors, executablePath: CommandLine.arguments[0]) else {
                throw ValidationError("cannot find the EmissionFactors folder; expected --factors DIR or $GHG_FACTORS")
            }
            var log = DiagnosticLog()
            let ref = ReferenceReader.load(root: dir, log: &log)
            if log.hasErrors { printDiagnostics(log); throw inputErrorStatus }
            return ref
        }

        func set(_ arg: String, in ref: ReferenceData) throws -> FactorSet {
            var log = DiagnosticLog()
            guard let s = FactorsTool.resolve(arg, reference: ref, log: &log), !log.hasErrors else {
                printDiagnostics(log)
                throw inputErrorStatus
            }
            return s
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Sets with version, row count and content hash.")
        @OptionGroup var library: LibraryOptions
        func run() throws { print(FactorsTool.list(try library.load()), terminator: "") }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The rows of a set (a shipped id or a folder).")
        @OptionGroup var library: LibraryOptions
        @Argument(help: "A set id or a folder with set.json.") var set: String
        @Option(help: "Only this parameter.") var parameter: String?
        @Option(help: "Only this item.") var item: String?
        func run() throws {
            let ref = try library.load()
            print(FactorsTool.show(try library.set(set, in: ref), parameter: parameter, item: item), terminator: "")
        }
    }

    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rows added, removed and changed between two sets or two editions of a set.")
        @OptionGroup var library: LibraryOptions
        @Argument(help: "The old set (id or folder).") var old: String
        @Argument(help: "The new set (id or folder).") var new: String
        func run() throws {
            let ref = try library.load()
            print(FactorsTool.diff(try library.set(old, in: ref), try library.set(new, in: ref)), terminator: "")
        }
    }
}
