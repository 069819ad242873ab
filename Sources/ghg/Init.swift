import ArgumentParser
import GHGIO

/// `ghg init DIR --city NAME`
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a project folder from a city template (regions, zones, plan targets, empty activity files).",
        discussion: """
            Writes the template's files (ghg-project.json, regions.csv, targets.csv, socioeconomic.csv, activity/*.csv \
            and GUIDE.md, the guide to filling in each activity file) into the new folder. Exit status: 0 success, 2 usage errors (an \
            unknown city, a non-empty folder).
            """)

    @Argument(help: "The new project folder (must not exist or be empty).")
    var directory: String

    @Option(help: "The city: guangyuan, nanchong, mianyang, dazhou or shanwei (or 广元, 南充, 绵阳, 达州, 汕尾).")
    var city: String

    @Option(help: "The factor library folder; the templates are found beside it.")
    var factors: String?

    func run() throws {
        guard let lib = Compiler.locateFactors(explicit: factors, executablePath: CommandLine.arguments[0]),
              let templates = ProjectTemplates.locate(factorsDirectory: lib) else {
            throw ValidationError("cannot find the Templates folder; expected it beside EmissionFactors (--factors DIR)")
        }
        do {
            let files = try ProjectTemplates.initialize(city: city, destination: directory, templatesDirectory: templates)
            print("created \(directory) from the \(city) template: \(files.count) files; fill activity/*.csv and "
                + "socioeconomic.csv, then run: ghg compile \(directory) --out \(directory)/out")
        } catch let e as ProjectTemplates.InitError {
            throw ValidationError(e.description)
        }
    }
}
