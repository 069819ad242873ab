import GHGCore
import Mustache

/// The report templates and the summary layout, read from `Templates/reports/`: `summary-layout.csv` (the rows of
/// the summary table), `report.html.mustache` with `report.css` (inlined), `report.md.mustache` and
/// `audit.html.mustache`. They are data: a province's own layout or a translated report is a file edit.
public struct ReportTemplates: Sendable {
    /// The summary table's rows.
    public var layout: SummaryLayout
    /// `report.html.mustache`.
    var html: MustacheTemplate
    /// `report.md.mustache`.
    var markdown: MustacheTemplate
    /// `audit.html.mustache`.
    var audit: MustacheTemplate
    /// `report.css`, inlined into both HTML files.
    var style: String
    /// Every file read, with its hash (listed in `manifest.json`).
    public var files: [InputFile]

    /// The files a templates folder must hold.
    public static let fileNames = ["summary-layout.csv", "report.html.mustache", "report.md.mustache",
                                   "audit.html.mustache", "report.css"]

    /// Reads the templates under `directory`; every problem (a missing file, a template that does not parse, a bad
    /// layout row) is a located diagnostic, and the result is nil after errors. Files are named `label/NAME` in
    /// diagnostics and in the manifest: `Templates/reports` for the shipped folder, the path as given for another.
    public static func load(directory: String, label: String = "Templates/reports", categories: CategoryTable,
                            diagnostics d: inout [Diagnostic]) -> ReportTemplates? {
        var files: [InputFile] = []
        var texts: [String: String] = [:]
        let before = d.filter { $0.severity == .error }.count
        for name in fileNames {
            guard let bytes = FileSystem.read(FileSystem.join(directory, name)) else {
                d.append(.error(.fileFormat, at: InputLocation(file: label + "/" + name),
                    "cannot read \(name) in '\(directory)'; expected the report templates shipped in Templates/reports"))
                continue
            }
            files.append(InputFile(path: label + "/" + name, sha256: SHA256.hex(bytes)))
            texts[name] = String(decoding: bytes, as: UTF8.self)
        }
        func template(_ name: String) -> MustacheTemplate? {
            guard let t = texts[name] else { return nil }
            do { return try MustacheTemplate(string: t) } catch {
                d.append(.error(.fileFormat, at: InputLocation(file: label + "/" + name),
                    "cannot parse the template \(name): \(error); expected Mustache syntax ({{name}}, {{#list}}…{{/list}})"))
                return nil
            }
        }
        let layout = texts["summary-layout.csv"].map {
            SummaryLayout.parse(bytes: Array($0.utf8), file: label + "/summary-layout.csv", categories: categories,
                                diagnostics: &d)
        }
        let html = template("report.html.mustache"), md = template("report.md.mustache")
        let audit = template("audit.html.mustache")
        guard d.filter({ $0.severity == .error }).count == before, let layout, let html, let md, let audit,
              let style = texts["report.css"] else { return nil }
        return ReportTemplates(layout: layout, html: html, markdown: md, audit: audit, style: style, files: files)
    }

    /// Finds `Templates/reports` beside the factor library (they ship together in the repository).
    public static func locate(factorsDirectory: String) -> String? {
        ProjectTemplates.locate(factorsDirectory: factorsDirectory).map { FileSystem.join($0, "reports") }
            .flatMap { FileSystem.isDirectory($0) ? $0 : nil }
    }
}

/// The rendered reports of a compilation.
public enum ReportWriter {
    /// Escapes a text for a Markdown table cell: `|` would end the cell and a line break the row. HTML characters
    /// are escaped by the template engine (`{{name}}`), so `<script>` stays text in both files.
    static func markdownCell(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "|": out += "\\|"
            case "\n", "\r", "\r\n": out += " "
            case "`": out += "\\`"
            // Brackets would make a link of `[x](url)`.
            case "[": out += "\\["
            case "]": out += "\\]"
            default: out.append(ch)
            }
        }
        return out
    }

    /// `report.html`: self-contained (inline CSS and SVG, no scripts, no network), for the city with a section per
    /// county; a page saying so when the compilation has no emission lines.
    public static func html(_ c: Compilation, templates: ReportTemplates) -> String {
        guard var model = ReportModel.build(c, layout: templates.layout, text: { $0 }) else {
            return "<!DOCTYPE html>\n<html lang=\"zh-CN\" xmlns=\"http://www.w3.org/1999/xhtml\">\n<head><meta charset=\"utf-8\"/>"
                + "<title>ghg-inventory</title></head>\n<body><p>无排放行，无报告。No emission lines: nothing to report.</p>"
                + "</body>\n</html>\n"
        }
        model.style = templates.style
        return templates.html.render(model)
    }

    /// `report.md`: the same content as Markdown tables (no charts); a line saying so without emission lines.
    public static func markdown(_ c: Compilation, templates: ReportTemplates) -> String {
        guard let model = ReportModel.build(c, layout: templates.layout, text: markdownCell) else {
            return "# ghg-inventory\n\n无排放行，无报告。No emission lines: nothing to report.\n"
        }
        return templates.markdown.render(model)
    }
}
