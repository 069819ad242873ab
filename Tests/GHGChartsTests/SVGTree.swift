#if canImport(FoundationXML)
import FoundationXML
#endif
import Foundation

/// One element of a parsed SVG document.
struct SVGNode {
    /// The element name, e.g. "rect".
    var name: String
    /// The attributes as the XML parser reports them (entities resolved).
    var attributes: [String: String]
    /// The character data directly inside the element (entities resolved).
    var text: String
    /// The child elements in document order.
    var children: [SVGNode]

    /// The `class` attribute, or "".
    var className: String { attributes["class"] ?? "" }

    /// A numeric attribute, or `.nan` when it is missing or not a number.
    func number(_ attribute: String) -> Double {
        guard let text = attributes[attribute], let value = Double(text) else { return .nan }
        return value
    }

    /// The text of the `<title>` child (the tooltip), or "".
    var tooltip: String { children.first { $0.name == "title" }?.text ?? "" }

    /// This node and all its descendants in document order.
    var flattened: [SVGNode] { [self] + children.flatMap(\.flattened) }
}

/// Why a document did not parse.
struct SVGParseFailure: Error, CustomStringConvertible {
    /// The parser's message.
    var description: String
}

/// Builds an `SVGNode` tree from `XMLParser` callbacks.
private final class TreeBuilder: NSObject, XMLParserDelegate {
    var stack: [SVGNode] = []
    var root: SVGNode?

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        stack.append(SVGNode(name: elementName, attributes: attributeDict, text: "", children: []))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if !stack.isEmpty { stack[stack.count - 1].text += string }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?) {
        let node = stack.removeLast()
        if stack.isEmpty { root = node } else { stack[stack.count - 1].children.append(node) }
    }
}

/// A chart's output parsed with Foundation's XML parser.
struct ParsedSVG {
    /// The root element.
    let root: SVGNode

    /// Parses `svg`; throws when it is not well-formed XML.
    init(_ svg: String) throws {
        let parser = XMLParser(data: Data(svg.utf8))
        let builder = TreeBuilder()
        parser.delegate = builder
        let ok = parser.parse()
        guard ok, let root = builder.root else {
            throw SVGParseFailure(description: parser.parserError.map { "\($0)" } ?? "no root element")
        }
        self.root = root
    }

    /// All elements named `name` (and with class `className` if given), in document order.
    func elements(_ name: String, class className: String? = nil) -> [SVGNode] {
        root.flattened.filter { $0.name == name && (className == nil || $0.className == className) }
    }

    /// The texts of all `<text>` elements with class `className`, in document order.
    func texts(class className: String) -> [String] {
        elements("text", class: className).map(\.text)
    }
}

/// The entity and character references in `svg` that are not `&amp; &lt; &gt; &quot; &#39;` (each cut to 12
/// characters; a bare "&" without ";" is reported too).
func disallowedReferences(in svg: String) -> [String] {
    let allowed: Set<String> = ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"]
    var found: [String] = []
    var index = svg.startIndex
    while let ampersand = svg[index...].firstIndex(of: "&") {
        let end = svg[ampersand...].firstIndex(of: ";").map { svg.index(after: $0) } ?? svg.endIndex
        let reference = String(svg[ampersand..<end].prefix(12))
        if !allowed.contains(reference) { found.append(reference) }
        index = svg.index(after: ampersand)
    }
    return found
}
