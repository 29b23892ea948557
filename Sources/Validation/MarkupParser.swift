import CLibXML2

/// What one libxml2 parser made of a document: its messages and (when it built one) the tree.
struct MarkupParse: Sendable {
    var messages: [ParserMessage]
    var tree: MarkupTree
    var wellFormed: Bool
}

/// The two libxml2 parsers, configured for untrusted, self-contained documents:
/// no network (`NONET`), no entity substitution (`replaceEntities = 0`, `NOENT` not set),
/// no DTD loading or validation (`loadsubset = 0`, `validate = 0`), the input treated as UTF-8
/// whatever the document declares (`IGNORE_ENC`: polyglot HTML must be UTF-8, and no
/// iconv conversion runs). Every libxml2 pointer is freed before these functions return.
///
/// Errors go to a handler installed on each parser context (`sax->serror`), so libxml2 never
/// prints them; `HTML_PARSE_NOERROR`/`XML_PARSE_NOERROR` are therefore not needed (they would
/// only silence the printing path, which is not taken) and not set, since we want every error.
/// The contexts are created with `xmlCreateMemoryParserCtxt`/`htmlCreateMemoryParserCtxt` and
/// parsed with `xmlParseDocument`/`htmlParseDocument` rather than `xmlCtxtReadMemory`, which
/// resets the context first: everything set up here (handler, `_private`, flags) is set on the
/// context that actually parses.
///
/// `XML_PARSE_HUGE` is deliberately not set: the files checked may be anyone's, and libxml2's
/// safety limits (a text node of at most 10 MB, nesting depth, name lengths) stay on. The tool's
/// own reports never come near them — every displayed value is capped by `MarkupText` — so a
/// "huge text node" finding means a file this tool did not write that way.
enum MarkupParser {
    /// The XML parser; an empty document gives libxml2's own "Document is empty" (error 4).
    static func parseXML(_ bytes: [UInt8]) -> MarkupParse {
        let empty = ParserMessage(level: 3, code: 4, line: 1, column: 1, message: "Document is empty", detail: nil)
        return parse(bytes, ifEmpty: [empty], create: xmlCreateMemoryParserCtxt, free: xmlFreeParserCtxt) { context in
            let options = XML_PARSE_NONET.rawValue | XML_PARSE_IGNORE_ENC.rawValue | XML_PARSE_BIG_LINES.rawValue
            _ = xmlCtxtUseOptions(context, Int32(options))
            context.pointee.replaceEntities = 0
            context.pointee.loadsubset = 0
            context.pointee.validate = 0
            context.pointee.linenumbers = 1
            _ = xmlParseDocument(context)
        }
    }

    /// The HTML parser (what a browser would build); an empty document gives no message.
    /// Without `keepingTree` only its messages are kept (the tree is empty).
    static func parseHTML(_ bytes: [UInt8], keepingTree: Bool = true) -> MarkupParse {
        parse(bytes, ifEmpty: [], keepingTree: keepingTree, create: htmlCreateMemoryParserCtxt, free: htmlFreeParserCtxt) { context in
            let options = HTML_PARSE_NONET.rawValue | HTML_PARSE_IGNORE_ENC.rawValue
            _ = htmlCtxtUseOptions(context, Int32(options))
            context.pointee.replaceEntities = 0
            context.pointee.linenumbers = 1
            _ = xmlSwitchEncoding(context, XML_CHAR_ENCODING_UTF8)
            _ = htmlParseDocument(context)
        }
    }

    /// What both parsers share: a context over `bytes` from `create` (none for an empty or a
    /// larger than 2 GiB document: `ifEmpty` is then the only message), messages collected by
    /// the installed handler, `configureAndParse` run, the document copied into a
    /// ``MarkupTree`` (unless not `keepingTree`), and the document and context freed before returning.
    private static func parse(_ bytes: [UInt8], ifEmpty: [ParserMessage], keepingTree: Bool = true,
                              create: (UnsafePointer<CChar>, Int32) -> xmlParserCtxtPtr?,
                              free: (xmlParserCtxtPtr) -> Void,
                              configureAndParse: (xmlParserCtxtPtr) -> Void) -> MarkupParse {
        let collector = ParserMessageCollector()
        return withLibXML2ErrorsCollected(into: collector) {
            bytes.withUnsafeBufferPointer { buffer -> MarkupParse in
                let base = buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
                guard let base, buffer.count > 0, buffer.count <= Int(Int32.max),
                      let context = create(base, Int32(buffer.count))
                else {
                    return MarkupParse(messages: ifEmpty, tree: MarkupTree(), wellFormed: false)
                }
                defer {
                    if let document = context.pointee.myDoc {
                        xmlFreeDoc(document)
                        context.pointee.myDoc = nil
                    }
                    context.pointee._private = nil
                    free(context)
                }
                installErrorHandler(on: context, collector: collector)
                configureAndParse(context)
                var tree = MarkupTree()
                if keepingTree, let document = context.pointee.myDoc {
                    tree = MarkupTreeBuilder.copy(document)
                }
                return MarkupParse(messages: collector.messages, tree: tree, wellFormed: context.pointee.wellFormed != 0)
            }
        }
    }
}
