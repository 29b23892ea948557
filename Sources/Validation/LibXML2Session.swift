import CLibXML2

/// `xmlInitParser()` exactly once per process, before the first parse from any thread
/// (a global `let` is initialised lazily and thread-safely by the Swift runtime).
private let libxml2Initialised: Void = { xmlInitParser() }()

/// A message libxml2 raised while parsing, copied out of its `xmlError` (no pointer kept).
struct ParserMessage: Sendable, Hashable {
    /// 0 = none, 1 = warning, 2 = error, 3 = fatal (libxml2's `xmlErrorLevel`).
    var level: Int
    /// libxml2's `xmlParserErrors` code, e.g. 801 = `XML_HTML_UNKNOWN_TAG`.
    var code: Int
    var line: Int
    var column: Int
    /// libxml2's message without the trailing newline.
    var message: String
    /// First extra string (for `XML_HTML_UNKNOWN_TAG` the tag name).
    var detail: String?
}

/// Receives libxml2's structured errors for one parse. Reached from C through the parser
/// context's `_private` field (or, for errors libxml2 raises without a context, through the
/// thread's structured-error context), never through a Swift global.
final class ParserMessageCollector {
    var messages: [ParserMessage] = []

    func append(_ error: xmlError) {
        var text = error.message.map { String(cString: $0) } ?? "unknown libxml2 error"
        while let last = text.last, last == "\n" || last == " " || last == "\r" { text.removeLast() }
        messages.append(ParserMessage(
            level: Int(error.level.rawValue),
            code: Int(error.code),
            line: max(1, Int(error.line)),
            column: max(1, Int(error.int2)),
            message: text,
            detail: error.str1.map { String(cString: $0) }
        ))
    }
}

/// Handler installed on each parser context as `ctxt->sax->serror`. libxml2 calls it with the
/// context's `userData`, which is the context itself; our collector sits in `ctxt->_private`.
private let contextErrorHandler: xmlStructuredErrorFunc = { userData, error in
    guard let userData, let error else { return }
    let context = userData.assumingMemoryBound(to: xmlParserCtxt.self)
    guard let collectorPointer = context.pointee._private else { return }
    Unmanaged<ParserMessageCollector>.fromOpaque(collectorPointer).takeUnretainedValue()
        .append(error.pointee)
}

/// Handler for the few errors libxml2 raises without a parser context (encoding conversion,
/// I/O); installed on the current thread only for the duration of one parse.
private let threadErrorHandler: xmlStructuredErrorFunc = { userData, error in
    guard let userData, let error else { return }
    Unmanaged<ParserMessageCollector>.fromOpaque(userData).takeUnretainedValue()
        .append(error.pointee)
}

/// Runs `body` with libxml2's per-thread error state prepared and restored afterwards:
/// the thread's structured error handler and its context, and the thread's "last error".
/// After the call libxml2's observable global state is what it was before.
func withLibXML2ErrorsCollected<Result>(
    into collector: ParserMessageCollector,
    _ body: () -> Result
) -> Result {
    _ = libxml2Initialised
    let savedHandler = __xmlStructuredError().pointee
    let savedContext = __xmlStructuredErrorContext().pointee
    var savedLastError = xmlError()
    let hadLastError: Bool
    if let last = xmlGetLastError() {
        hadLastError = xmlCopyError(last, &savedLastError) == 0
    } else {
        hadLastError = false
    }
    let collectorPointer = Unmanaged.passUnretained(collector).toOpaque()
    xmlSetStructuredErrorFunc(collectorPointer, threadErrorHandler)
    defer {
        xmlSetStructuredErrorFunc(savedContext, savedHandler)
        if hadLastError, let last = xmlGetLastError() {
            _ = xmlCopyError(&savedLastError, last)
        } else if !hadLastError {
            xmlResetLastError()
        }
        xmlResetError(&savedLastError)
    }
    return withExtendedLifetime(collector) { body() }
}

/// Reports on the current thread's libxml2 error state, for tests that pin "nothing changed".
struct LibXML2ErrorStateSnapshot: Equatable {
    var handler: UnsafeRawPointer?
    var context: UnsafeMutableRawPointer?
    var lastErrorCode: Int32

    static func current() -> LibXML2ErrorStateSnapshot {
        _ = libxml2Initialised
        let handler = __xmlStructuredError().pointee
        return LibXML2ErrorStateSnapshot(
            handler: handler.map { unsafeBitCast($0, to: UnsafeRawPointer.self) },
            context: __xmlStructuredErrorContext().pointee,
            lastErrorCode: xmlGetLastError()?.pointee.code ?? 0
        )
    }
}

/// Installs `contextErrorHandler` on a freshly created parser context.
/// `XML_SAX2_MAGIC` in `initialized` is what makes libxml2 consult `serror`; the HTML parser's
/// handler block is set to 1 by default, and setting the magic changes nothing else for it
/// (the HTML parser always calls the SAX1-style `startElement`). The handler block is owned by
/// this context alone, so no shared state is touched.
func installErrorHandler(on context: xmlParserCtxtPtr, collector: ParserMessageCollector) {
    context.pointee._private = Unmanaged.passUnretained(collector).toOpaque()
    if let sax = context.pointee.sax {
        sax.pointee.initialized = UInt32(XML_SAX2_MAGIC)
        sax.pointee.serror = contextErrorHandler
    }
}
