import ArgumentParser
import GHGCore
import GHGIO

/// `ghg explain PROJECT --region R --year Y [--category C] [--gas G] [--scope S] [--format text|json]`
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the calculation behind a total: categories, lines, activity rows, factors and formulas.",
        discussion: """
            Prints to standard output; text rounds numbers to six significant digits for reading, --format json \
            keeps full precision. Each line shows its activity file and line. Exit status: 0 success, 1 input \
            errors, 2 usage errors (a region, year, category, scope or gas the project does not have).
            """)

    @OptionGroup var options: ProjectOptions

    @Option(help: "Region code.") var region: String
    @Option(help: "Year.") var year: Int
    @Option(help: "IPCC category code (default: the total).") var category: String?
    @Option(help: "Gas (CO2, CH4, N2O, …; default: all gases in CO2e).") var gas: String?
    @Option(help: "Scope: total, indirect, total_with_indirect, memo_biomass, memo_nonenergy, reference_approach.")
    var scope: String = "total"
    @Flag(help: "Only the rows given for the region itself (not allocated to a sub-region).") var own = false
    @Option(help: "Output format: text or json.") var format: String = "text"

    func run() throws {
        guard format == "text" || format == "json" else {
            throw ValidationError("unknown format '\(format)'; expected text or json")
        }
        var node = InventoryNode.total
        if let category {
            guard let c = CategoryCode(category) else {
                throw ValidationError("malformed category '\(category)'; expected a code such as 1.A.1")
            }
            node = .category(c)
        }
        var gasKey = InventoryGas.all
        if let gas {
            guard let g = Gas(parsing: gas) else { throw ValidationError("malformed gas '\(gas)'; expected e.g. CO2") }
            gasKey = .gas(g)
        }
        var compileOptions = CompileOptions(factorsDirectory: try options.factorsDirectory(),
                                            diagnosticLimit: options.maxDiagnostics, threads: options.threadCount)
        // Only the region's lines (with its sub-regions') in the year are evaluated and aggregated.
        compileOptions.focus = CalculationFocus(region: region, year: year)
        var timer = PhaseTimer()
        let c = Compiler.compile(projectAt: options.project, options: compileOptions)
        timer.mark("compile (focused)")
        guard c.succeeded, let inv = c.inventory, let project = c.project, let calc = c.calculation else {
            printDiagnostics(c.log)
            throw inputErrorStatus
        }
        // A region, year, category, scope or gas the project does not have is a usage error naming what it has.
        guard project.regions.contains(region) else {
            throw ValidationError("unknown region '\(region)'; expected a code of regions.csv such as "
                + project.regions.all.prefix(3).map(\.code).joined(separator: ", "))
        }
        guard project.config.years.contains(year) else {
            throw ValidationError("year \(year) is not an inventory year; expected one of "
                + project.config.years.sorted().map(String.init).joined(separator: ", "))
        }
        if case let .category(code) = node, c.reference.categories[code] == nil {
            throw ValidationError("unknown category '\(code)'; expected a code of EmissionFactors/categories.csv such as 1.A.1")
        }
        let scopes = Set(inv.rows.map(\.key.scope.rawValue)).sorted()
        guard scopes.contains(scope) else {
            throw ValidationError("scope '\(scope)' has no rows; expected one of " + scopes.joined(separator: ", "))
        }
        if case let .gas(g) = gasKey, !c.reference.gwp.gases.contains(g) {
            throw ValidationError("unknown gas '\(g)'; expected one of "
                + c.reference.gwp.gases.sorted().map(\.rawValue).joined(separator: ", "))
        }
        let key = InventoryKey(region: region, extent: own ? .own : .all, year: year, node: node, gas: gasKey,
                               scope: EmissionScope(rawValue: scope))
        let table = c.reference.gwp, set = inv.gwpSet
        guard let tree = Explainer.tree(inv, calc, key: key, gwp: { table.value(of: $0, in: set)?.gwp100 }) else {
            var err = StandardError()
            print("no total for region \(region), year \(year), \(node), \(gasKey), scope \(scope); expected a row of "
                + "inventory.csv (check the region code, year, category and scope)", to: &err)
            throw inputErrorStatus
        }
        timer.mark("tree")
        // Written to standard output as bytes (a province's explanation is tens of megabytes).
        // A failed write stops the output and is reported (exit status 2), not left as a truncated file.
        var failure: EnvironmentError?
        if format == "json" {
            ExplainRenderer.writeJSON(tree, key: key, inventory: inv, calculation: calc, threads: options.threadCount) {
                if failure == nil { failure = writeToStandardOutput($0) }
            }
            timer.mark("rendered and written")
        } else {
            var text = ExplainRenderer.text(tree, key: key, inventory: inv, calculation: calc,
                                            categories: c.reference.categories, regions: project.regions,
                                            threads: options.threadCount)
            timer.mark("rendered")
            failure = text.withUTF8 { writeToStandardOutput($0) }
            timer.mark("printed")
        }
        if let failure { throw failure }
    }
}
