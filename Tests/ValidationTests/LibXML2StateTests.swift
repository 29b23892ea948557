#if canImport(Glibc)
import Glibc
#endif
import CLibXML2
import Testing
@testable import Validation

/// A handler another part of a program might have installed; it must survive our parses.
private let foreignHandler: xmlStructuredErrorFunc = { _, _ in }

/// libxml2 must not print, and must not be left changed, by a validation.
/// `.serialized`: these tests redirect the process's stderr and read libxml2's thread state.
@Suite(.serialized) struct LibXML2StateTests {
    let broken = Array("<html><body><p>&nbsp;<sectoin></body><br></html>".utf8)

    @Test func structuredErrorHandlerAndLastErrorAreRestored() {
        let before = LibXML2ErrorStateSnapshot.current()
        _ = ReportValidator().validate(html: broken, path: "b.html")
        #expect(LibXML2ErrorStateSnapshot.current() == before)

        // With a foreign handler and context installed, both are put back exactly.
        var marker = 0
        withUnsafeMutablePointer(to: &marker) { pointer in
            xmlSetStructuredErrorFunc(pointer, foreignHandler)
            let installed = LibXML2ErrorStateSnapshot.current()
            #expect(installed.context == UnsafeMutableRawPointer(pointer))
            let findings = ReportValidator().validate(html: broken, path: "b.html")
            #expect(!findings.isEmpty)
            #expect(LibXML2ErrorStateSnapshot.current() == installed)
            xmlSetStructuredErrorFunc(nil, nil)
        }
        #expect(LibXML2ErrorStateSnapshot.current().handler == nil)
    }

    @Test func previousLastErrorIsKeptNotOverwritten() {
        // A parse error of the caller's own (through the public xmlReadMemory, printing is
        // silenced with the NOERROR option) leaves a "last error"; validating must keep it.
        let own = Array("<a>".utf8)
        own.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { base in
                let options = Int32(XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
                if let document = xmlReadMemory(base, Int32(buffer.count), nil, nil, options) { xmlFreeDoc(document) }
            }
        }
        let before = LibXML2ErrorStateSnapshot.current()
        #expect(before.lastErrorCode != 0)
        _ = ReportValidator().validate(html: broken, path: "b.html")
        #expect(LibXML2ErrorStateSnapshot.current() == before)
        xmlResetLastError()
    }

    @Test func libxml2PrintsNothingToStandardError() throws {
        let capture = tmpfile()
        let saved = dup(STDERR_FILENO)
        try #require(capture != nil && saved >= 0)
        fflush(nil)
        dup2(fileno(capture), STDERR_FILENO)
        let awkward: [[UInt8]] = [
            broken,
            Array("\u{FF}\u{FE}<x".utf8) + [0xC3, 0x28],
            [0xFF, 0xFE, 0x3C, 0x00, 0x78, 0x00, 0xD8],
            Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><html><head><meta charset=\"iso-8859-1\" /></head><body>caf".utf8) + [0xE9, 0x80] + Array("</body></html>".utf8),
            Array("<!DOCTYPE html [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><html>&x;</html>".utf8),
        ]
        let findings = awkward.flatMap { ReportValidator().validate(html: $0, path: "c.html") }
        fflush(nil)
        dup2(saved, STDERR_FILENO)
        close(saved)
        // Other tests of the process may write to stderr meanwhile, so look for libxml2's own
        // report format ("…parser error : …", "…parser warning : …") rather than for silence.
        var captured: [UInt8] = []
        rewind(capture)
        while case let byte = fgetc(capture), byte != EOF { captured.append(UInt8(byte)) }
        fclose(capture)
        let printed = String(decoding: captured, as: UTF8.self)
        #expect(findings.count > 3)
        #expect(!printed.contains("error : ") && !printed.contains("warning : "), "libxml2 printed: \(printed)")
    }

    @Test func externalEntitiesAreNeverLoaded() {
        // An XXE attempt: with no entity substitution and no DTD loading, libxml2 never tries to
        // open the entity (a missing file would otherwise raise "failed to load external
        // entity"), and nothing reaches the tree. The XML parser has nothing to say; the HTML
        // parser, which does not know internal subsets, does.
        let html = PolyglotDocument.replacing("<!DOCTYPE html>", with: "<!DOCTYPE html [<!ENTITY x SYSTEM \"file:///nonexistent/x.txt\">]>")
        let withReference = Array(String(decoding: html, as: UTF8.self).replacing("Retention report</h1>", with: "&x;</h1>").utf8)
        let findings = ReportValidator().validate(html: withReference, path: "x.html")
        #expect(findings.filter { $0.rule == "xml" } == [])
        #expect(findings.map(\.description).prefix(2) == [
            "x.html:1:1: error: [doctype] the file does not start with <!DOCTYPE html>; browsers would render it in quirks mode",
            "x.html:1:16: error: [html] DOCTYPE improperly terminated",
        ])
        #expect(MarkupParser.parseXML(withReference).tree.elements.first { $0.localName == "h1" }?.text == "")
    }
}
