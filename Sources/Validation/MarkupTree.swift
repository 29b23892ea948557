/// A Swift copy of the element tree libxml2 built, so that the rules never touch a libxml2
/// pointer. Elements are stored flat in document (pre-)order; `parent` and `children` are indices
/// into `elements`.
struct MarkupTree: Sendable {
    var elements: [MarkupElement] = []

    var root: MarkupElement? { elements.first }

    func children(of element: MarkupElement) -> [MarkupElement] {
        element.children.map { elements[$0] }
    }

    /// True when some ancestor of `element` has one of `names` as its local name.
    func hasAncestor(_ element: MarkupElement, named names: Set<String>) -> Bool {
        var current = element.parent
        while let index = current {
            if names.contains(elements[index].localName) { return true }
            current = elements[index].parent
        }
        return false
    }

    /// Descendants of `element` in document order (pre-order), not including itself.
    func descendants(of element: MarkupElement) -> ArraySlice<MarkupElement> {
        let start = element.index + 1
        var end = start
        while end < elements.count, elements[end].depth > element.depth { end += 1 }
        return elements[start..<end]
    }
}

struct MarkupAttribute: Sendable, Hashable {
    /// Qualified name as written: `href`, `xlink:href`, `xml:lang`.
    var name: String
    var value: String
    /// Where the attribute name starts in the source; filled in by `SourceLocator`.
    var line: Int
    var column: Int
}

struct MarkupElement: Sendable {
    var index: Int
    var parent: Int?
    var depth: Int
    var children: [Int] = []
    /// Qualified name as it appears in the source (`svg`, `svg:rect`); lower-case in the HTML tree.
    var qualifiedName: String
    var localName: String
    /// Namespace URI in the XML tree; nil in the HTML tree.
    var namespace: String?
    var attributes: [MarkupAttribute]
    /// Concatenated text of the direct text/CDATA children.
    var text: String
    /// The line libxml2 recorded (where the start tag ended), then the located start tag's line.
    var line: Int
    var column: Int = 1
    /// Byte offset of the start tag's `<` in the source, when `SourceLocator` found it.
    var sourceOffset: Int?

    func attribute(_ name: String) -> MarkupAttribute? {
        attributes.first { $0.name == name }
    }

    func value(_ name: String) -> String? {
        attribute(name)?.value
    }
}
