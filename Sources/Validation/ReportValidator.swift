import FileAccess

/// Checks that a rendered report is a self-contained, accessible, polyglot HTML5 document.
///
/// The bytes are parsed twice with libxml2 2.9, by its two parsers, at the same time on two
/// threads for a document of report size (no network, no entity expansion, no DTD loading;
/// libxml2 prints nothing and each thread's libxml2 error state is restored afterwards):
/// - **`xml`**: the XML parser. Polyglot HTML must be well-formed XML, so every message it
///   raises (warnings included) is a finding, at libxml2's own line and column.
/// - **`html`**: the HTML parser. Its errors are findings too, except
///   "Tag X invalid" for an element in ``HTML5ElementNames`` — libxml2 2.9 parses HTML 4 and
///   does not know `<section>`, `<details>`, `<svg>` and its children, etc. — and "ID x already
///   defined", which `duplicate-id` reports better. HTML parser warnings are ignored.
///
/// The rules then run on the XML parser's tree when the document is well-formed, otherwise on
/// the HTML parser's tree (what a browser would build): `external-reference`, `script`,
/// `embedded-content`,
/// `event-handler`, `javascript-url`, `duplicate-id`, `broken-link` (fragments, and relative
/// links to files),  `doctype`, `lang`, `charset`, `title`,
/// `namespace`, `svg-role`, `svg-title`, `img-alt`, `table-headers` (each rule type documents
/// its definition).
///
/// Locations: parser findings are at libxml2's own line and column. A rule finding points at
/// the element's start tag `<` or at the offending attribute's name: libxml2 tree nodes only
/// know the line where their start tag *ended* (`xmlGetLineNo`), so `SourceLocator` finds the
/// start tag in the source, on or before that line. When it cannot (an element the HTML parser
/// implied) the finding keeps libxml2's line with column 1. Columns count Unicode scalars from
/// 1, as libxml2's do. Findings are sorted by line, column, rule, message, without duplicates.
public struct ReportValidator: Sendable {
    /// The validator for every file the tool writes and for `retention validate`: nothing the
    /// page *shows* may come from outside the file; navigation links may lead to web pages and
    /// to existing files below the document's folder (see ``ExternalReferenceRule``).
    public init() {}

    private static let rules: [any DocumentRule] = [
        ExternalReferenceRule(), ScriptRule(), EmbeddedContentRule(), EventHandlerRule(), JavaScriptURLRule(),
        DuplicateIDRule(), BrokenLinkRule(), DoctypeRule(), LanguageRule(), CharsetRule(), TitleRule(),
        NamespaceRule(), SVGAccessibilityRule(), ImageAltRule(), TableHeadersRule(),
    ]

    /// Documents from this size on are parsed by the two parsers at the same time (below it a
    /// thread hop costs more than it saves). The tool's reports are 40 KB to a few MB.
    static let sideBySideMinimumBytes = 32 * 1024

    /// All findings for `html` (the file's bytes), reported under `path`. Empty means valid.
    public func validate(html: [UInt8], path: String) -> [ValidationFinding] {
        validate(html: html, path: path, sideBySide: html.count >= Self.sideBySideMinimumBytes)
    }

    /// The findings of ``validate(html:path:)``. With `sideBySide` the HTML parser runs on
    /// another thread while the XML parser and the rules on its tree run on this one; each side
    /// depends on the bytes alone, so the findings are the same either way.
    ///
    /// The HTML parser's tree is only needed when the document is not well-formed XML: its
    /// messages come from a parse that builds no tree, and for such a document the HTML parser
    /// runs a second time, with its tree, for the rules.
    func validate(html: [UInt8], path: String, sideBySide: Bool) -> [ValidationFinding] {
        let source = SourceLocator(html)
        let xmlSide = { Self.checkXML(html, path: path, source: source) }
        let htmlSide = { MarkupParser.parseHTML(html, keepingTree: false).messages }
        let (xml, htmlMessages) = sideBySide ? SideBySide.run(xmlSide, htmlSide) : (xmlSide(), htmlSide())
        var findings: [ValidationFinding] = xml.messages.map {
            ValidationFinding(path: path, line: $0.line, column: $0.column, rule: "xml", message: $0.message)
        }
        for message in htmlMessages where message.level >= 2 && !Self.isIgnoredHTMLMessage(message) {
            findings.append(ValidationFinding(path: path, line: message.line, column: message.column,
                                              rule: "html", message: message.message))
        }
        findings += xml.ruleFindings
            ?? Self.checkRules(MarkupParser.parseHTML(html).tree, isXMLTree: false, path: path, source: source)

        var seen: Set<ValidationFinding> = []
        return findings
            .filter { seen.insert($0).inserted }
            .sorted { ($0.line, $0.column, $0.rule, $0.message) < ($1.line, $1.column, $1.rule, $1.message) }
    }

    /// The XML parser's messages and, when the document is well-formed (with a root element),
    /// the rules' findings on its tree; nil findings when the rules must run on the HTML
    /// parser's tree instead.
    private static func checkXML(_ html: [UInt8], path: String, source: SourceLocator)
        -> (messages: [ParserMessage], ruleFindings: [ValidationFinding]?) {
        let xml = MarkupParser.parseXML(html)
        guard xml.wellFormed, xml.tree.root != nil else { return (xml.messages, nil) }
        return (xml.messages, checkRules(xml.tree, isXMLTree: true, path: path, source: source))
    }

    /// Every rule's findings on `tree`, each at its start tag's line and column.
    private static func checkRules(_ tree: MarkupTree, isXMLTree: Bool, path: String, source: SourceLocator) -> [ValidationFinding] {
        var tree = tree
        // A rule finding points at its start tag's line and column, which only `SourceLocator`
        // knows. A valid report (the usual case) has no rule finding, so the rules first run on
        // a tree located only up to its last `<meta charset>` (`CharsetRule` is the one rule
        // that decides on a position: the byte offset of that start tag); only when a rule finds
        // something is the whole tree located and every rule run again (the first run's findings
        // are dropped).
        let charsetEnd = (tree.elements.lastIndex { $0.localName == "meta" && $0.attribute("charset") != nil } ?? -1) + 1
        source.locate(&tree, caseInsensitive: !isXMLTree, count: charsetEnd)
        var ruleFindings = check(tree, path: path, source: source, isXMLTree: isXMLTree)
        if !ruleFindings.isEmpty {
            source.locate(&tree, caseInsensitive: !isXMLTree)
            ruleFindings = check(tree, path: path, source: source, isXMLTree: isXMLTree)
        }
        return ruleFindings
    }

    /// Every rule's findings on `tree`, in the order of `rules`.
    private static func check(_ tree: MarkupTree, path: String, source: SourceLocator, isXMLTree: Bool) -> [ValidationFinding] {
        let context = RuleContext(path: path, tree: tree, source: source, isXMLTree: isXMLTree)
        return rules.flatMap { $0.check(context) }
    }

    /// Reads the file and validates it. An unreadable file gives exactly one finding, rule `io`,
    /// at 1:1, with the system's reason (e.g. "No such file or directory").
    public func validate(fileAt path: String) -> [ValidationFinding] {
        let bytes: [UInt8]
        do {
            bytes = try RegularFile.read(path)
        } catch {
            return [ValidationFinding(path: path, line: 1, column: 1, rule: "io",
                                      message: "cannot read the file: \(error.reasonText)")]
        }
        return validate(html: bytes, path: path)
    }

    /// HTML parser messages that are not findings: code 801 `XML_HTML_UNKNOWN_TAG` (first string
    /// = tag name) for a known HTML5/SVG/MathML element, and code 513 `XML_DTD_ID_REDEFINED`,
    /// which the `duplicate-id` rule reports with both locations.
    private static func isIgnoredHTMLMessage(_ message: ParserMessage) -> Bool {
        if message.code == 513 { return true }
        return message.code == 801 && HTML5ElementNames.unknownToLibXML2.contains(message.detail ?? "")
    }
}
