import Foundation
import GHGCore

/// `ghg verify`: does an output folder still match its manifest, and does the project still reproduce it?
public enum Verifier {
    /// The problems found, each naming the file and, where it can, the input that changed; empty when everything
    /// matches.
    /// The report templates are `templatesDirectory` (as `compile --templates` was given) or, by default, those beside
    /// the factor library; where there are none, the report outputs are checked against their hashes only.
    public static func verify(outputDirectory out: String, projectAt root: String, factorsDirectory: String,
                              templatesDirectory: String? = nil) -> [String] {
        guard let bytes = FileSystem.read(FileSystem.join(out, "manifest.json")),
              let m = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
            return ["\(out)/manifest.json: cannot be read; expected the output folder of ghg compile"]
        }
        func entries(_ key: String, _ id: String = "path") -> [String: String] {
            var d: [String: String] = [:]
            for e in m[key] as? [[String: Any]] ?? [] {
                if let p = e[id] as? String, let h = e["sha256"] as? String { d[p] = h }
            }
            return d
        }
        var problems: [String] = []
        // 1. The outputs on disk against the manifest.
        let outputs = entries("outputs")
        for (name, hash) in outputs.sorted(by: { $0.key < $1.key }) {
            guard let b = FileSystem.read(FileSystem.join(out, name)) else {
                problems.append("\(out)/\(name): missing; the manifest lists it")
                continue
            }
            let h = SHA256.hex(b)
            if h != hash {
                problems.append("\(out)/\(name): edited after compilation (sha256 \(h.prefix(12))…, manifest "
                    + "\(hash.prefix(12))…)")
            }
        }
        // 2. The inputs now against the manifest.
        let gwp = (m["gwp"] as? String).flatMap(GWPSet.init(parsing:))
        let c = Compiler.compile(projectAt: root, options: CompileOptions(factorsDirectory: factorsDirectory, gwp: gwp))
        var changedInputs: [String] = []
        let inputs = entries("inputs")
        let current = Dictionary((c.project?.files ?? []).map { ($0.path, $0.sha256) }, uniquingKeysWith: { a, _ in a })
        for path in Set(inputs.keys).union(current.keys).sorted() {
            switch (inputs[path], current[path]) {
            case let (old?, new?) where old != new: changedInputs.append("\(path) (sha256 \(old.prefix(12))… → \(new.prefix(12))…)")
            case (nil, _?): changedInputs.append("\(path) (new)")
            case (_?, nil): changedInputs.append("\(path) (removed)")
            default: break
            }
        }
        let sets = entries("factor_stack", "id")
        let nowSets = Dictionary(c.stack.map { ($0.info.id, $0.info.contentHash) }, uniquingKeysWith: { a, _ in a })
        for id in Set(sets.keys).union(nowSets.keys).sorted() where sets[id] != nowSets[id] {
            changedInputs.append("factor set \(id) (sha256 \(sets[id]?.prefix(12) ?? "none")… → "
                + "\(nowSets[id]?.prefix(12) ?? "none")…)")
        }
        let refs = entries("reference")
        for f in c.reference.files where refs[f.path] != f.sha256 {
            changedInputs.append("\(f.path) (sha256 \(refs[f.path]?.prefix(12) ?? "none")… → \(f.sha256.prefix(12))…)")
        }
        // The report templates, when the outputs include reports: beside the factor library, as compile finds them.
        let usedTemplates = entries("report_templates")
        var templates: ReportTemplates?
        if !usedTemplates.isEmpty {
            var d: [Diagnostic] = []
            let dir = templatesDirectory ?? ReportTemplates.locate(factorsDirectory: factorsDirectory)
            templates = dir.flatMap {
                ReportTemplates.load(directory: $0, label: templatesDirectory ?? "Templates/reports",
                                     categories: c.reference.categories, diagnostics: &d)
            }
            // No templates beside a library copied elsewhere: the report files were checked against their hashes
            // above, and are not re-rendered.
            if templates == nil && dir != nil {
                problems.append("the report templates (\(dir ?? "Templates/reports beside \(factorsDirectory)")) cannot "
                    + "be read; the manifest lists them" + (d.isEmpty ? "" : ": " + d.map(\.description).joined(separator: "; ")))
            }
            for f in templates?.files ?? [] where usedTemplates[f.path] != f.sha256 {
                changedInputs.append("\(f.path) (sha256 \(usedTemplates[f.path]?.prefix(12) ?? "none")… → "
                    + "\(f.sha256.prefix(12))…)")
            }
        }
        let excel = m["csv_byte_order_mark"] as? Bool ?? false
        // 3. The recompiled outputs against the manifest.
        guard c.succeeded else {
            return problems + ["the project no longer compiles (\(c.log.errorCount) errors)"
                + (changedInputs.isEmpty ? "" : "; changed inputs: " + changedInputs.joined(separator: ", "))]
        }
        for (name, text) in OutputWriter.render(c, templates: templates, excel: excel) where name != "manifest.json" {
            if let hash = outputs[name], SHA256.hex(Array(text.utf8)) != hash {
                problems.append("\(name): recompiling gives a different file"
                    + (changedInputs.isEmpty ? " (no input changed: the tool or its environment did)"
                        : "; changed inputs: " + changedInputs.joined(separator: ", ")))
            }
        }
        if problems.isEmpty && !changedInputs.isEmpty {
            problems.append("outputs reproduce, but inputs changed: " + changedInputs.joined(separator: ", "))
        }
        return problems
    }
}
