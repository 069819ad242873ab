import Foundation
import GHGCore

/// Options for compiling a project.
public struct CompileOptions: Sendable {
    /// The factor library folder (`EmissionFactors`).
    public var factorsDirectory: String
    /// A GWP set overriding the project's.
    public var gwp: GWPSet?
    /// The most diagnostics kept.
    public var diagnosticLimit: Int
    /// A factor stack replacing the project's: set ids, `local` for the project's own `factors/` set, or folders in
    /// the set format. Nil uses the project's stack (its `factors/` set first, then `factor_stack`).
    public var stack: [String]?
    /// Threads for reading, planning, evaluating, aggregating and writing (outputs do not depend on it).
    public var threads: Int
    /// Activity files larger than this many bytes are split into several chunks per thread, parsed in parallel and
    /// merged in order (tests lower it to exercise the split on small files).
    public var chunkBytes = 1 << 22
    /// Only these regions and years are needed (`explain`): every row is still read, checked and planned (errors
    /// anywhere stop the compile, and lines keep their canonical numbers), but only their lines are evaluated and
    /// aggregated, and no energy accounts, indicators, targets or input hashes are computed.
    public var focus: CalculationFocus?
    /// Another settings file to read in place of the project's `ghg-project.json` (`audit --to-config`: the same
    /// project under another grid-year mapping, caliber or stack).
    public var configFile: String?

    /// Creates options.
    public init(factorsDirectory: String, gwp: GWPSet? = nil, diagnosticLimit: Int = 1000, stack: [String]? = nil,
                threads: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.factorsDirectory = factorsDirectory
        self.gwp = gwp
        self.diagnosticLimit = diagnosticLimit
        self.stack = stack
        self.threads = max(1, threads)
    }
}

/// Everything a compile produced: the inputs as read, the lines, the inventory and the diagnostics.
public struct Compilation: Sendable {
    /// The project, if `ghg-project.json` could be read.
    public var project: Project?
    /// The reference data.
    public var reference: ReferenceData
    /// The sets in stack order.
    public var stack: [FactorSet]
    /// The calculation result.
    public var calculation: CalculationResult?
    /// The inventory, when the calculation ran.
    public var inventory: Inventory?
    /// The GWP set used.
    public var gwp: GWPSet
    /// Indicators of every region and year.
    public var indicators: [IndicatorValue] = []
    /// The energy accounting rolled up like the inventory.
    public var energy: EnergyAccounts?
    /// Factors the indicators use (the coal-equivalent coefficient of non-fossil electricity).
    public var indicatorFactors: [IndicatorFactor] = []
    /// The threads the compilation used.
    public var threads = 1
    /// Target statuses.
    public var targets: [TargetResult] = []
    /// The findings of every quality check (``InventoryChecks``), as `checks.csv` lists them.
    public var checks: [CheckResult] = []
    /// Every diagnostic (bounded).
    public var log: DiagnosticLog
    /// Names the activity files wrote that resolved to ids (`原煤` → `raw_coal`).
    public var aliases: [NameAlias] = []
    /// Every region's and year's categories at the level of the key category analysis, with their Approach 1
    /// uncertainties (`key_categories.csv`, `uncertainty_approach1.csv`).
    public var categoryCells: [String: [Int: [CategoryAssessment.Cell]]] = [:]

    /// Whether an inventory can be written: no errors.
    public var succeeded: Bool { !log.hasErrors && inventory != nil }
}

/// The lines of a compile, evaluated: what ``Compiler/compile(projectAt:options:reference:afterEvaluation:alongsideChecks:)``
/// hands over before it aggregates them.
public struct Evaluation: Sendable {
    /// The plan, the lines and their masses.
    public let calculation: CalculationResult
    /// The GWP set the outputs name.
    public let gwp: GWPSet
    /// The names the activity files wrote and the ids they resolved to.
    public let aliases: [NameAlias]
}

/// Reads a project and its factor library and compiles the inventory.
public enum Compiler {
    /// Compiles the project at `root`; `reference` is the factor library already read (many compiles against one
    /// library, as the fuzz test does), else it is read from `options.factorsDirectory`.
    ///
    /// `alongsideChecks` is handed the compilation as soon as everything but the checks is known (the inventory,
    /// energy accounts, indicators, targets, key-category cells; the log without the checks' warnings) and returns
    /// work to run on the compile's threads side by side with the checks, such as writing the outputs that do not
    /// list findings (``OutputWriter/compileAndWrite(projectAt:options:to:skipping:excel:templates:)``). It is not
    /// called for a focused compile or when the project cannot be read.
    ///
    /// `afterEvaluation` is handed the evaluated lines as soon as they are known, when no error has been reported so
    /// far and the compile is not focused: what depends on the lines alone (the first part of `lineage.jsonl`) can
    /// be written from then on, beside the aggregation. Later errors are still possible.
    public static func compile(projectAt root: String, options: CompileOptions,
                               reference preloaded: ReferenceData? = nil,
                               afterEvaluation: ((Evaluation) -> Void)? = nil,
                               alongsideChecks: ((Compilation) -> [() -> Void])? = nil) -> Compilation {
        var log = DiagnosticLog(limit: options.diagnosticLimit)
        var timer = PhaseTimer()
        let reference = preloaded ?? ReferenceReader.load(root: options.factorsDirectory, log: &log)
        timer.mark("reference data")
        guard let project = ProjectReader.load(root: root, configFile: options.configFile, threads: options.threads,
                                                     chunkBytes: options.chunkBytes,
                                                     hashActivity: options.focus == nil, log: &log) else {
            return Compilation(project: nil, reference: reference, stack: [], calculation: nil, inventory: nil,
                               gwp: options.gwp ?? .ar5, log: log)
        }
        timer.mark("project read")
        let gwp = options.gwp ?? project.config.gwp
        let stack = options.stack.map { overrideStack($0, project: project, reference: reference, log: &log) }
            ?? projectStack(project: project, reference: reference, log: &log)
        for custom in project.config.indicators.custom {
            for (i, c) in custom.categories.enumerated() {
                if !reference.categories.contains(c) {
                    log.report(.error(.unknownCategory, at: InputLocation(file: "ghg-project.json"),
                        "indicator '\(custom.key)': unknown category '\(c)'; expected a code of categories.csv"))
                }
                for other in custom.categories[..<i] where other.isPrefix(of: c) || c.isPrefix(of: other) {
                    log.report(.error(.projectFile, at: InputLocation(file: "ghg-project.json"),
                        "indicator '\(custom.key)': categories '\(other)' and '\(c)' overlap and would be counted "
                            + "twice; expected categories that do not contain each other"))
                }
            }
            for g in custom.gases where !reference.gwp.gases.contains(g) {
                log.report(.error(.unknownGas, at: InputLocation(file: "ghg-project.json"),
                    "indicator '\(custom.key)': unknown gas '\(g)'; expected one of "
                        + reference.gwp.gases.sorted().map(\.rawValue).joined(separator: ", ")))
            }
        }
        let items = ItemCatalog(reference.items + (project.localSet?.items ?? []), diagnostics: &log)
        let library = FactorLibrary(sets: stack, regions: project.regions, overrides: project.config.factorLookup,
                                    calibers: project.config.calibers)
        for (item, caliber) in project.config.calibers.sorted(by: { $0.key < $1.key }) {
            let known = FactorParameter.caliberParameters.sorted().flatMap { library.technologies(of: $0, item: item) }
            if known.isEmpty {
                log.report(.warning(.caliber, at: InputLocation(file: "ghg-project.json"),
                    "calibers.\(item): the stack has no '\(item)' rows in calibers, so '\(caliber)' chooses nothing; "
                        + "expected the entry only with a set that has them (china-energy-statistics)"))
            } else if !known.contains(caliber) {
                log.report(.error(.caliber, at: InputLocation(file: "ghg-project.json"),
                    "calibers.\(item): '\(caliber)' is not a caliber of '\(item)' in the stack; expected one of "
                        + Set(known).sorted().map { "'\($0)'" }.joined(separator: ", ")))
            }
        }
        var context = PlanningContext(factors: library, items: items, categories: reference.categories,
                                      knownGases: reference.gwp.gases)
        context.landfillMethod = project.config.landfillMethod
        // Items and activity kinds written by their Chinese names resolve to their ids; the lineage records each.
        var activity = project.activity
        let aliases = activity.resolveNames(items: items)
        let result = Calculator.run(activity, context: context, years: Set(project.config.years),
                                    regions: project.regions, threads: options.threads, focus: options.focus,
                                    log: &log, mark: { timer.mark($0) })
        timer.mark("validate, plan, evaluate")
        if let afterEvaluation, options.focus == nil, !log.hasErrors {
            afterEvaluation(Evaluation(calculation: result, gwp: gwp, aliases: aliases))
        }
        let inventory = Inventory(result, gwp: reference.gwp, set: gwp, regions: project.regions,
                                  threads: options.threads, diagnostics: &log)
        timer.mark("aggregate")
        if options.focus != nil {
            return Compilation(project: project, reference: reference, stack: stack, calculation: result,
                               inventory: inventory, gwp: gwp, log: log)
        }
        let socio = SocioEconomicData(project.socio, regions: project.regions, diagnostics: &log)
        var d: [Diagnostic] = []
        // Declines are computed against the project's base years and every other inventory year a target uses.
        var settings = project.config.indicators
        let targetBases = project.targets.compactMap(\.baseYear).filter { project.config.years.contains($0) }
        settings.baseYears = Set(settings.baseYears + targetBases).sorted()
        let energy = EnergyAccounts(result, regions: project.regions, threads: options.threads)
        timer.mark("  energy accounts")
        let (indicators, indicatorFactors) = IndicatorCalculator.compute(
            inventory: inventory, calculation: result, energy: energy, socio: socio, regions: project.regions,
            years: project.config.years, settings: settings, threads: options.threads, diagnostics: &d)
        let targets = TargetTracker.evaluate(project.targets, indicators: indicators, socio: socio,
                                             catalogue: reference.indicators, regions: project.regions,
                                             projectYears: project.config.years, settings: settings,
                                             diagnostics: &d)
        timer.mark("  indicators and targets")
        // A series that no indicator, target or custom indicator reads is reported, not silently ignored
        // (a misspelt 'populaton' would otherwise just make ghg_per_capita disappear).
        let read = Set(SocioEconomicData.knownSeries.keys).union(project.config.indicators.custom.map(\.series))
            .union(project.targets.map(\.indicator)).union(reference.indicators.keys)
        for series in socio.seriesNames where !read.contains(series) {
            let first = project.socio.filter { $0.series == series }.map(\.location).min()!
            d.append(.warning(.unusedInput, at: first,
                "series '\(series)' is not read by any indicator or target; expected one of the known series ("
                    + SocioEconomicData.knownSeries.keys.sorted().joined(separator: ", ")
                    + "), a custom indicator's series, or a target's indicator key"))
        }
        // The same chain-link problem is found once per region and year that needs it: report it once.
        var seen = Set<Diagnostic>()
        log.report(contentsOf: d.filter { seen.insert($0).inserted })
        var c = Compilation(project: project, reference: reference, stack: stack, calculation: result,
                            inventory: inventory, gwp: gwp, log: log)
        c.indicators = indicators
        c.indicatorFactors = indicatorFactors
        c.energy = energy
        c.threads = options.threads
        c.targets = targets
        c.aliases = aliases
        c.categoryCells = KeyCategoryWriter.cells(c)
        timer.mark("  key-category cells")
        let groups = InventoryChecks.groups(
            result, inventory: inventory, regions: project.regions, categories: reference.categories,
            items: Dictionary(reference.items.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }),
            years: project.config.years, gwp: { reference.gwp.value(of: $0, in: gwp)?.gwp100 },
            settings: InventoryChecks.Settings(rollupTolerance: project.config.rollupTolerance,
                                               yearOnYear: project.config.yearOnYear))
        // The checks' groups and the caller's work share the threads, the caller's first (writing an output takes
        // longer than any group); every task is independent, so the order they finish in changes nothing.
        let beside = alongsideChecks?(c) ?? []
        var parts: [InventoryChecks.Part] = []
        if options.threads <= 1 {
            for task in beside { task() }
            if !beside.isEmpty { timer.mark("outputs written beside the checks") }
            for g in groups {
                parts.append(g())
                timer.mark(parts[parts.count - 1].name)
            }
        } else {
            let tasks = beside.count + groups.count
            var slots = [InventoryChecks.Part?](repeating: nil, count: groups.count)
            slots.withUnsafeMutableBufferPointer { buffer in
                let out = UnsafeSendable(buffer)
                Parallel.forEach(tasks, threads: options.threads) { i in
                    if i < beside.count { beside[i]() } else { out.value[i - beside.count] = groups[i - beside.count]() }
                }
            }
            parts = slots.map { $0! }
            timer.mark(beside.isEmpty ? "  checks (\(options.threads) threads)"
                                      : "  checks and \(beside.count) outputs (\(options.threads) threads)")
        }
        let (checks, checkDiagnostics) = InventoryChecks.join(parts)
        log.report(contentsOf: checkDiagnostics.filter { seen.insert($0).inserted })
        c.log = log
        c.checks = checks
        timer.mark("checks joined")
        return c
    }

    /// The project's own stack: its `factors/` set first, then `factor_stack` (where `local` may only come first).
    static func projectStack(project: Project, reference: ReferenceData, log: inout DiagnosticLog) -> [FactorSet] {
        var stack: [FactorSet] = []
        if let local = project.localSet { stack.append(local) }
        for (i, id) in project.config.factorStack.enumerated() {
            if id == "local" || id == project.localSet?.info.id {
                if i != 0 || project.localSet == nil {
                    log.report(.error(.projectFile, at: InputLocation(file: "ghg-project.json"),
                        project.localSet == nil
                            ? "factor_stack names '\(id)' but the project has no factors/ folder"
                            : "factor_stack names the project's own set '\(id)' at position \(i + 1); it is always "
                                + "first, so name it first or not at all"))
                }
                continue
            }
            guard let set = reference.sets[id] else {
                log.report(.error(.projectFile, at: InputLocation(file: "ghg-project.json"),
                    "unknown factor set '\(id)' in factor_stack; expected one of "
                        + reference.sets.keys.sorted().joined(separator: ", ")))
                continue
            }
            stack.append(set)
        }
        return stack
    }

    /// A stack given on the command line: set ids, `local` (the project's `factors/` set) or set folders, in order.
    static func overrideStack(_ entries: [String], project: Project, reference: ReferenceData,
                              log: inout DiagnosticLog) -> [FactorSet] {
        var stack: [FactorSet] = []
        for entry in entries {
            if entry == "local" || entry == project.localSet?.info.id {
                if let local = project.localSet { stack.append(local) } else {
                    log.report(.error(.projectFile, at: InputLocation(file: "--stack"),
                        "stack names '\(entry)' but the project has no factors/ folder"))
                }
            } else if let set = reference.sets[entry] {
                stack.append(set)
            } else if FileSystem.exists(FileSystem.join(entry, "set.json")) {
                if let set = ReferenceReader.loadSet(folder: entry, label: entry, isProject: false, log: &log) {
                    stack.append(set)
                }
            } else {
                log.report(.error(.projectFile, at: InputLocation(file: "--stack"),
                    "unknown factor set '\(entry)'; expected a set id (" + reference.sets.keys.sorted()
                        .joined(separator: ", ") + "), 'local', or a folder with set.json"))
            }
        }
        return stack
    }

    /// Finds the factor library: an explicit path, then `$GHG_FACTORS`, then an `EmissionFactors` folder in the
    /// current directory or a parent of it, then one beside or above the executable.
    public static func locateFactors(explicit: String?, executablePath: String) -> String? {
        if let e = explicit { return e }
        if let env = ProcessInfo.processInfo.environment["GHG_FACTORS"], !env.isEmpty { return env }
        func search(from start: String) -> String? {
            var dir = URL(fileURLWithPath: start).standardizedFileURL
            for _ in 0..<8 {
                let candidate = dir.appendingPathComponent("EmissionFactors")
                if FileSystem.exists(candidate.appendingPathComponent("gwp.csv").path) { return candidate.path }
                let parent = dir.deletingLastPathComponent()
                if parent.path == dir.path { break }
                dir = parent
            }
            return nil
        }
        return search(from: FileManager.default.currentDirectoryPath)
            ?? search(from: URL(fileURLWithPath: executablePath).deletingLastPathComponent().path)
    }
}
