import Foundation
import Testing
@testable import Validation

/// One broken document per rule, each derived from `PolyglotDocument.valid` by a single edit,
/// with the exact finding expected. Line numbers are those of `PolyglotDocument.valid`
/// (line 1 is `<!DOCTYPE html>`); columns count characters from 1.
@Suite struct ValidationRuleTests {
    func check(_ html: [UInt8]) -> [String] {
        ReportValidator().validate(html: html, path: "r.html").map(\.description)
    }

    @Test func validPolyglotReportHasNoFindings() {
        #expect(check(Array(PolyglotDocument.valid.utf8)) == [])
    }

    @Test func xmlParserErrorsAreReportedAtLibXML2Location() {
        // `<br>` is fine HTML but leaves an element open for XML; libxml2 notices at `</section>`
        // (line 16, after its 10 characters) and then at every later end tag.
        #expect(check(PolyglotDocument.replacing("<br />", with: "<br>")) == [
            "r.html:16:11: error: [xml] Opening and ending tag mismatch: br line 15 and section",
            "r.html:17:8: error: [xml] Opening and ending tag mismatch: section line 9 and body",
            "r.html:18:8: error: [xml] Opening and ending tag mismatch: body line 8 and html",
            "r.html:19:1: error: [xml] Premature end of data in tag html line 2",
        ])
    }

    @Test func undefinedEntityIsAnXMLErrorNotExpanded() {
        // &nbsp; is HTML-only; libxml2 reports it just after the `;` (`<h1>Retention&nbsp;`
        // puts `;` at column 38 of line 9) and never loads a DTD to define it.
        #expect(check(PolyglotDocument.replacing("<h1>Retention report", with: "<h1>Retention&nbsp;report")) == [
            "r.html:9:38: error: [xml] Entity 'nbsp' not defined",
        ])
    }

    @Test func unknownTagIsAnHTMLErrorButHTML5ElementsAreNot() {
        // <mark> (HTML5) is accepted; <sectoin> is reported at the `>` of its start tag:
        // 26 + 3 + 32 + 11 + 4 + 3 + 6 + 4 + 7 + 1 + 9 = 106 characters (café and · count once).
        #expect(check(PolyglotDocument.replacing("· café</p>", with: "· <mark>café</mark> <sectoin>x</sectoin></p>")) == [
            "r.html:10:106: error: [html] Tag sectoin invalid",
        ])
    }

    @Test func externalImageIsAnExternalReference() {
        // `<img ` is 5 characters, so `src` starts at column 6 of line 14.
        #expect(check(PolyglotDocument.replacing("data:image/png;base64,iVBORw0KGgo=", with: "https://cdn.example.com/logo.png")) == [
            "r.html:14:6: error: [external-reference] src=\"https://cdn.example.com/logo.png\" on <img> refers to a resource outside the file; inline it or remove it",
        ])
    }

    @Test func cssURLInStyleElementIsLocatedAtTheURL() {
        // `<style>body { color: #333; } .bar { fill: url(` is 47 characters: the URL starts at 48.
        #expect(check(PolyglotDocument.replacing("fill: url(#fade)", with: "fill: url('img/bar.png')")) == [
            "r.html:6:48: error: [external-reference] url(img/bar.png) refers to a resource outside the file in <style>; inline it or remove it",
        ])
    }

    @Test func cssImportAndStyleAttributeURLsAreExternalReferences() {
        let html = PolyglotDocument.replacing("<style>body", with: "<style>@import url(print.css); body")
        #expect(check(html) == [
            "r.html:6:8: error: [external-reference] @import \"print.css\" loads a stylesheet from outside the file in <style>; inline it or remove it",
        ])
        // `<p ` is 3 characters: the style attribute's name is at column 4 of line 10.
        let attribute = PolyglotDocument.replacing("<p><a href=\"#kpi\">", with: "<p style=\"background: URL( //cdn.example.com/x.png )\"><a href=\"#kpi\">")
        #expect(check(attribute) == [
            "r.html:10:4: error: [external-reference] url(//cdn.example.com/x.png) refers to a resource outside the file in the style attribute of <p>; inline it or remove it",
        ])
    }

    @Test func srcsetCandidatesAreCheckedOneByOne() {
        // The data: candidate (with its comma) is allowed; `big.png` is not. On line 14,
        // `<img ` (5) + `src="…"` (40) + ` ` + `alt=""` (6) + ` ` = 53 characters: srcset at 54.
        let html = PolyglotDocument.replacing("alt=\"\" />", with: "alt=\"\" srcset=\"data:image/png;base64,AA== 1x, big.png 2x\" />")
        #expect(check(html) == [
            "r.html:14:54: error: [external-reference] srcset=\"big.png\" on <img> refers to a resource outside the file; inline it or remove it",
        ])
    }

    @Test func mailtoIsAllowedOnlyOnLinksAndDataOnlyForImages() {
        let html = PolyglotDocument.replacing("<br />", with: "<br /><a href=\"data:text/html,hi\">x</a><img src=\"mailto:a@b.c\" alt=\"\" />")
        // `<br /><a ` is 9 characters (href at 10); `href="data:text/html,hi">x</a><img ` is 35
        // more, so the img's src is at 45.
        #expect(check(html) == [
            "r.html:15:10: error: [external-reference] href=\"data:text/html,hi\" on <a> refers to a resource outside the file; inline it or remove it",
            "r.html:15:45: error: [external-reference] src=\"mailto:a@b.c\" on <img> refers to a resource outside the file; inline it or remove it",
        ])
    }

    @Test func scriptElementIsReported() {
        #expect(check(PolyglotDocument.replacing("<br />", with: "<script>document.title = 1</script><br />")) == [
            "r.html:15:1: error: [script] <script> is not allowed: reports must not run code",
        ])
    }

    @Test func eventHandlerAttributeIsReported() {
        // `<details open="open" ` is 21 characters: `ontoggle` at column 22.
        #expect(check(PolyglotDocument.replacing("<details open=\"open\">", with: "<details open=\"open\" ontoggle=\"go()\">")) == [
            "r.html:11:22: error: [event-handler] ontoggle on <details> is an event handler: reports must not run code",
        ])
    }

    @Test func javascriptURLIsReportedEvenWhenSplitByATab() {
        // `&#9;` puts a tab inside the scheme, which browsers ignore; the link is then neither an
        // external reference nor a broken fragment. `<br /><a ` is 9 characters: href at 10.
        #expect(check(PolyglotDocument.replacing("<a href=\"#top\">", with: "<a href=\"java&#9;script:alert(1)\">")) == [
            "r.html:15:10: error: [javascript-url] javascript: URL in href on <a>: reports must not run code",
        ])
    }

    @Test func duplicateIDIsReportedAtTheSecondWithTheFirstLocation() {
        // `<section id="top">` is 18 characters; `<h1 ` 4 more: the second id at column 23.
        #expect(check(PolyglotDocument.replacing("<h1>", with: "<h1 id=\"top\">")) == [
            "r.html:9:23: error: [duplicate-id] duplicate id \"top\" (first defined at line 9, column 10)",
        ])
    }

    @Test func fragmentLinkToMissingIDIsBroken() {
        #expect(check(PolyglotDocument.replacing("href=\"#kpi\"", with: "href=\"#kpis\"")) == [
            "r.html:10:7: error: [broken-link] href=\"#kpis\" on <a> points to no element with id \"kpis\"",
        ])
    }

    @Test func missingOrEmptyLangIsReported() {
        #expect(check(PolyglotDocument.replacing(" lang=\"en\"", with: "")) == [
            "r.html:2:1: error: [lang] <html> has no lang attribute; add the report's language, e.g. lang=\"en\"",
        ])
        // `<html ` (6) + `xmlns="http://www.w3.org/1999/xhtml"` (36) + space: lang at column 44.
        #expect(check(PolyglotDocument.replacing(" lang=\"en\"", with: " lang=\"\"")) == [
            "r.html:2:44: error: [lang] <html lang> is empty; give the report's language, e.g. lang=\"en\"",
        ])
    }

    @Test func missingOrWrongCharsetIsReported() {
        #expect(check(PolyglotDocument.replacing("<meta charset=\"utf-8\" />", with: "<meta name=\"generator\" content=\"retention\" />")) == [
            "r.html:3:1: error: [charset] no <meta charset=\"utf-8\"> in the document; add it as the first element of <head>",
        ])
        #expect(check(PolyglotDocument.replacing("charset=\"utf-8\"", with: "charset=\"windows-1252\"")) == [
            "r.html:4:7: error: [charset] <meta charset=\"windows-1252\"> must be \"utf-8\"; reports are written in UTF-8",
        ])
    }

    @Test func missingOrEmptyTitleIsReported() {
        #expect(check(PolyglotDocument.replacing("<title>Retention &amp; churn, 2026-W47</title>", with: "<title> </title>")) == [
            "r.html:5:1: error: [title] <title> is empty; give the report a title",
        ])
        // The chart's <title> does not count as the document's.
        #expect(check(PolyglotDocument.replacing("<title>Retention &amp; churn, 2026-W47</title>\n", with: "")) == [
            "r.html:3:1: error: [title] no <title> in <head>; give the report a title",
        ])
    }

    @Test func svgWithoutRoleOrTitleIsReported() {
        #expect(check(PolyglotDocument.replacing(" role=\"img\"", with: "")) == [
            "r.html:12:1: error: [svg-role] <svg> has no role=\"img\"; charts need it to be announced as images",
        ])
        #expect(check(PolyglotDocument.replacing("<title>Churn by week</title>", with: "")) == [
            "r.html:12:1: error: [svg-title] <svg> has no <title> child; add one saying what the chart shows",
        ])
    }

    @Test func svgWithoutItsNamespaceIsReported() {
        #expect(check(PolyglotDocument.replacing("<svg xmlns=\"http://www.w3.org/2000/svg\" ", with: "<svg ")) == [
            "r.html:12:1: error: [namespace] <svg> must declare xmlns=\"http://www.w3.org/2000/svg\" (polyglot HTML)",
        ])
    }

    @Test func imageWithoutAltIsReported() {
        #expect(check(PolyglotDocument.replacing(" alt=\"\"", with: "")) == [
            "r.html:14:1: error: [img-alt] <img> has no alt attribute; describe the image (alt=\"\" if decorative)",
        ])
    }

    @Test func tableWithoutHeaderCellsIsReported() {
        #expect(check(PolyglotDocument.replacing("<thead><tr><th scope=\"col\">Metric</th></tr></thead>", with: "")) == [
            "r.html:13:1: error: [table-headers] <table> has no header cells (<th>); label its columns or rows",
        ])
    }

    @Test func rulesRunOnTheHTMLTreeWhenTheDocumentIsNotWellFormed() {
        // Not XML (unquoted attribute value), so the rules use the HTML parser's tree: the
        // missing alt is still found, at the located start tag.
        let html = PolyglotDocument.replacing("<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"\" />", with: "<img src=data:image/png;base64,iVBORw0KGgo= />")
        #expect(check(html) == [
            "r.html:14:1: error: [img-alt] <img> has no alt attribute; describe the image (alt=\"\" if decorative)",
            "r.html:14:10: error: [xml] AttValue: \" or ' expected",
            "r.html:14:10: error: [xml] Couldn't find end of Start Tag img line 14",
            "r.html:14:10: error: [xml] attributes construct error",
        ])
    }

    @Test func missingDoctypeIsReported() {
        #expect(check(PolyglotDocument.replacing("<!DOCTYPE html>\n", with: "\n")) == [
            "r.html:1:1: error: [doctype] the file does not start with <!DOCTYPE html>; browsers would render it in quirks mode",
        ])
        // A UTF-8 byte-order mark may come first.
        #expect(check([0xEF, 0xBB, 0xBF] + Array(PolyglotDocument.valid.utf8)) == [])
    }

    @Test func xmlLangMustMatchLang() {
        // `<html xmlns="…" lang="en" ` is 6 + 36 + 1 + 9 + 1 = 53 characters: xml:lang at 54.
        #expect(check(PolyglotDocument.replacing("xml:lang=\"en\"", with: "xml:lang=\"de\"")) == [
            "r.html:2:54: error: [lang] <html xml:lang=\"de\"> differs from lang=\"en\"; polyglot HTML needs the same value",
        ])
    }

    @Test func charsetDeclaredAfterTheFirst1024BytesIsReported() {
        // A comment pushes <meta> to byte 1,192: 16 (doctype line) + 68 (html line)
        // + 7 (head line) + 1,101 (4 + 1,093 + 3 for the comment, 1 for its line break).
        let comment = "<!--" + String(repeating: "x", count: 1093) + "-->\n"
        #expect(check(PolyglotDocument.replacing("<meta charset", with: comment + "<meta charset")) == [
            "r.html:5:1: error: [charset] <meta charset> starts at byte 1192; move it into the first 1024 bytes (first in <head>)",
        ])
    }

    @Test func findingsOnOneLineAfterMultibyteTextHaveCharacterColumns() {
        // Line 10 before the edit: 26 characters of the first link, ` · ` (3), the mailto link
        // (32 + 11 + 4), ` · café` (7) = 83; the first <img> starts at 84, the second 7 later.
        #expect(check(PolyglotDocument.replacing("café</p>", with: "café<img /><img /></p>")) == [
            "r.html:10:84: error: [img-alt] <img> has no alt attribute; describe the image (alt=\"\" if decorative)",
            "r.html:10:91: error: [img-alt] <img> has no alt attribute; describe the image (alt=\"\" if decorative)",
        ])
    }

    @Test func navigationLinksMayLeadToWebPagesAndExistingFilesBelowTheFolder() throws {
        // Issue 13, item 20: the archive index links to week folders; links are navigation,
        // not resources, so they pass when the file exists.
        let folder = NSTemporaryDirectory() + "validation-links-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: folder + "/2026-W46", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        FileManager.default.createFile(atPath: folder + "/2026-W46/index.html", contents: Data("x".utf8))
        let document = folder + "/r.html"
        let html = PolyglotDocument.replacing("<a href=\"#top\">", with: "<a href=\"2026-W46/index.html\">")
        #expect(ReportValidator().validate(html: html, path: document) == [])
        let page = PolyglotDocument.replacing("<a href=\"#top\">", with: "<a href=\"https://example.com/help\">")
        #expect(ReportValidator().validate(html: page, path: document) == [])
        // A relative link to a file that is not there is a broken link (href at 15:10).
        let missing = PolyglotDocument.replacing("<a href=\"#top\">", with: "<a href=\"2026-W45/index.html\">")
        #expect(ReportValidator().validate(html: missing, path: document).map(\.description) == [
            "\(document):15:10: error: [broken-link] href=\"2026-W45/index.html\" on <a> points to no file (\(folder)/2026-W45/index.html does not exist)",
        ])
        for outside in ["../secret.html", "/etc/passwd", "file:x.html", "ftp://example.com/x"] {
            let escaping = PolyglotDocument.replacing("<a href=\"#top\">", with: "<a href=\"\(outside)\">")
            #expect(ReportValidator().validate(html: escaping, path: document).map(\.rule) == ["external-reference"], "\(outside)")
        }
        // Resources stay forbidden, even when the file exists.
        let image = PolyglotDocument.replacing("data:image/png;base64,iVBORw0KGgo=", with: "2026-W46/index.html")
        #expect(ReportValidator().validate(html: image, path: document).map(\.rule) == ["external-reference"])
    }

    @Test func svgPresentationAttributeURLsAreChecked() {
        // `fill="url(#fade)"` in the valid document is a fragment; an http URL in `filter` is not.
        // The <path> starts at column 216 of line 12 (byte 215, all ASCII before it), and
        // `<path d="M0 0L10 10" fill="url(#fade)" ` is 39 characters: filter at 216 + 39 = 255.
        let html = PolyglotDocument.replacing("fill=\"url(#fade)\" />", with: "fill=\"url(#fade)\" filter=\"url(http://x.example/f.svg#blur)\" />")
        #expect(check(html) == [
            "r.html:12:255: error: [external-reference] url(http://x.example/f.svg#blur) refers to a resource outside the file in filter of <path>; inline it or remove it",
        ])
    }

    @Test func embeddedDocumentsAreReported() {
        #expect(check(PolyglotDocument.replacing("<br />", with: "<iframe srcdoc=\"&lt;p&gt;x&lt;/p&gt;\" title=\"x\"></iframe><br />")) == [
            "r.html:15:1: error: [embedded-content] <iframe> embeds another document; reports must be one self-contained page",
        ])
    }

    @Test func metaRefreshIsAnExternalReference() {
        // `<meta http-equiv="refresh" ` is 27 characters: `content` at column 28 of line 4.
        #expect(check(PolyglotDocument.replacing("<meta charset=\"utf-8\" />", with: "<meta http-equiv=\"refresh\" content=\"0; url=https://intranet.example/\" /><meta charset=\"utf-8\" />")) == [
            "r.html:4:28: error: [external-reference] <meta http-equiv=\"refresh\"> sends the reader to another page; remove it",
        ])
    }

    @Test func markupInsideCommentsDoesNotMisleadLocations() {
        // The commented-out <img> on line 14 is not the element; the real one follows the comment:
        // `<!-- <img src="x.png" /> -->` is 28 characters, so the real <img> is at column 29.
        #expect(check(PolyglotDocument.replacing("<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"\" />", with: "<!-- <img src=\"x.png\" /> --><img src=\"data:image/png;base64,iVBORw0KGgo=\" />")) == [
            "r.html:14:29: error: [img-alt] <img> has no alt attribute; describe the image (alt=\"\" if decorative)",
        ])
    }
}
