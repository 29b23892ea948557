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
        let findings = ReportValidator().validate(html: broken, path: "b.html")
            + ReportValidator().validate(html: Array("\u{FF}\u{FE}<x".utf8) + [0xC3, 0x28], path: "c.html")
        fflush(nil)
        dup2(saved, STDERR_FILENO)
        close(saved)
        let printed = ftell(capture)
        fclose(capture)
        #expect(findings.count > 3)
        #expect(printed == 0)
    }
}
