/// `external-reference`: the report must open offline, from an e-mail attachment or a file
/// share, exactly as rendered. Checked: the URL attributes `src`, `href`, `xlink:href`,
/// `srcset`, `poster`, `action`, `formaction`, `manifest`, `background`, `ping`, `<object data>`,
/// CSS `url(…)`, `image-set(…)` and `@import` in `<style>` elements and `style` attributes (after
/// decoding CSS escapes, so `u\72l(` is `url(`), and `url(…)` in any other attribute (SVG
/// presentation attributes such as `fill` and `filter`).
/// Allowed: `#fragment`, `data:image/…` URIs, and on a *navigation link* (`<a href>`,
/// `<area href>`; a link is followed only when the reader clicks it, nothing is fetched to show
/// the page): `mailto:`, `http:`/`https:` pages, and a relative path below the document's folder
/// that names an existing file (`broken-link` when it does not exist).
/// `ping` is always external: it makes the browser send a request when a link is followed.
struct ExternalReferenceRule: DocumentRule {
    static let urlAttributes: Set<String> = [
        "src", "href", "xlink:href", "poster", "action", "formaction", "manifest", "background",
    ]

    func check(_ context: RuleContext) -> [ValidationFinding] {
        var findings: [ValidationFinding] = []
        for element in context.tree.elements {
            let name = element.localName
            for attribute in element.attributes {
                var urls: [String] = []
                if Self.urlAttributes.contains(attribute.name) {
                    urls = [attribute.value]
                } else if attribute.name == "srcset" || attribute.name == "imagesrcset" {
                    urls = URLReference.srcsetURLs(attribute.value)
                } else if attribute.name == "data" && name == "object" {
                    urls = [attribute.value]
                }
                if attribute.name == "ping" {
                    findings.append(context.finding("external-reference", at: attribute,
                        "ping=\"\(attribute.value)\" on <\(element.qualifiedName)> sends a request outside the file; remove it"))
                }
                let isLink = attribute.name == "href" && (name == "a" || name == "area")
                for url in urls where URLReference.classify(url, allowsMailto: isLink) == .external {
                    if isLink && URLReference.isWebPage(url) { continue }
                    if isLink && URLReference.isRelativePathBelow(url) {
                        let target = URLReference.filePath(of: url, besides: context.path)
                        if context.fileExists(target) { continue }
                        findings.append(context.finding("broken-link", at: attribute,
                            "href=\"\(url)\" on <\(element.qualifiedName)> points to no file (\(target) does not exist)"))
                        continue
                    }
                    findings.append(context.finding("external-reference", at: attribute,
                        "\(attribute.name)=\"\(url)\" on <\(element.qualifiedName)> refers to a resource outside the file; inline it or remove it"))
                }
                if attribute.name == "style" {
                    findings += cssFindings(attribute.value, context: context) { message, _ in
                        context.finding("external-reference", at: attribute, message + " in the style attribute of <\(element.qualifiedName)>" + Self.advice)
                    }
                } else if urls.isEmpty, CSSReferences.mayReference(attribute.value) {
                    // SVG presentation attributes (fill, stroke, filter, mask, clip-path, marker-*)
                    // take CSS values: fill="url(#gradient)" is fine, fill="url(https://…)" is not.
                    findings += cssFindings(attribute.value, context: context) { message, _ in
                        context.finding("external-reference", at: attribute, message + " in \(attribute.name) of <\(element.qualifiedName)>" + Self.advice)
                    }
                }
            }
            if name == "meta", element.value("http-equiv")?.asciiLowercased == "refresh",
               let content = element.attribute("content"), content.value.asciiLowercased.contains("url") {
                findings.append(context.finding("external-reference", at: content,
                    "<meta http-equiv=\"refresh\"> sends the reader to another page; remove it"))
            }
            if name == "style" {
                findings += cssFindings(element.text, context: context) { message, written in
                    context.finding("external-reference", text: written, inside: element, message + " in <style>" + Self.advice)
                }
            }
        }
        return findings
    }

    private static let advice = "; inline it or remove it"

    private func cssFindings(
        _ css: String, context: RuleContext,
        make: (_ message: String, _ written: String) -> ValidationFinding
    ) -> [ValidationFinding] {
        let references = CSSReferences(css)
        var findings: [ValidationFinding] = []
        for url in references.urls where URLReference.classify(url, allowsMailto: false) == .external {
            findings.append(make("url(\(url)) refers to a resource outside the file", url))
        }
        for url in references.imageSetURLs where URLReference.classify(url, allowsMailto: false) == .external {
            findings.append(make("image-set(\"\(url)\") refers to a resource outside the file", url))
        }
        for target in references.imports {
            findings.append(make("@import \"\(target)\" loads a stylesheet from outside the file", "@import"))
        }
        return findings
    }
}

/// `script`: no `<script>` element (HTML or SVG). A report is a document, never a program.
struct ScriptRule: DocumentRule {
    func check(_ context: RuleContext) -> [ValidationFinding] {
        context.tree.elements.filter { $0.localName.asciiLowercased == "script" }.map {
            context.finding("script", at: $0, "<\($0.qualifiedName)> is not allowed: reports must not run code")
        }
    }
}

/// `embedded-content`: no `<iframe>`, `<frame>`, `<object>`, `<embed>`, `<applet>`: each embeds
/// another document or plug-in (an `<iframe srcdoc>` can even carry its own scripts).
struct EmbeddedContentRule: DocumentRule {
    static let names: Set<String> = ["iframe", "frame", "frameset", "object", "embed", "applet"]

    func check(_ context: RuleContext) -> [ValidationFinding] {
        context.tree.elements.filter { Self.names.contains($0.localName.asciiLowercased) }.map {
            context.finding("embedded-content", at: $0,
                "<\($0.qualifiedName)> embeds another document; reports must be one self-contained page")
        }
    }
}

/// `event-handler`: no `on…` attributes (`onclick`, `onload`, SVG's `onbegin`, …), and no SVG
/// animation element (`<set>`, `<animate>`, …) whose `attributeName` is an `on…` attribute or
/// `href`/`xlink:href`/`src`: it would set a handler or retarget a link after validation.
struct EventHandlerRule: DocumentRule {
    static let animationElements: Set<String> = ["set", "animate", "animatetransform", "animatemotion", "animatecolor"]

    /// An event-handler attribute name: `on` and at least one more letter, ASCII letters only,
    /// in any case (`onclick`, `ONLOAD`; not `on`, `on-x`, `one1`). Read on the UTF-8 bytes:
    /// `b | 0x20` is in `a...z` exactly for the ASCII letters.
    static func isHandlerName(_ name: String) -> Bool {
        var position = 0
        for byte in name.utf8 {
            let folded = byte | 0x20
            guard folded &- 0x61 < 26 else { return false }
            if position == 0 && folded != 0x6F || position == 1 && folded != 0x6E { return false }
            position += 1
        }
        return position > 2
    }

    func check(_ context: RuleContext) -> [ValidationFinding] {
        var findings: [ValidationFinding] = []
        for element in context.tree.elements {
            for attribute in element.attributes {
                guard Self.isHandlerName(attribute.name) else { continue }
                findings.append(context.finding("event-handler", at: attribute,
                    "\(attribute.name) on <\(element.qualifiedName)> is an event handler: reports must not run code"))
            }
            if Self.animationElements.contains(element.localName.asciiLowercased), let target = element.attribute("attributeName") {
                let animated = target.value.trimmingASCIIWhitespace.asciiLowercased
                let local = animated.split(separator: ":").last.map(String.init) ?? animated
                if local.count > 2, local.hasPrefix("on") {
                    findings.append(context.finding("event-handler", at: target,
                        "<\(element.qualifiedName)> sets the event handler \(target.value) at run time: reports must not run code"))
                } else if local == "href" || local == "src" {
                    findings.append(context.finding("event-handler", at: target,
                        "<\(element.qualifiedName)> changes \(target.value) at run time (a link could become javascript: or external); remove it"))
                }
            }
        }
        return findings
    }
}

/// `javascript-url`: `javascript:` in any attribute value or `<style>` text, compared after
/// removing ASCII whitespace and ignoring case (as browsers read `java script:` in URLs).
/// Element text outside `<style>` is prose and is not checked.
struct JavaScriptURLRule: DocumentRule {
    func check(_ context: RuleContext) -> [ValidationFinding] {
        var findings: [ValidationFinding] = []
        for element in context.tree.elements {
            for attribute in element.attributes where Self.containsJavaScriptURL(attribute.value) {
                findings.append(context.finding("javascript-url", at: attribute,
                    "javascript: URL in \(attribute.name) on <\(element.qualifiedName)>: reports must not run code"))
            }
            if element.localName == "style", Self.containsJavaScriptURL(element.text) {
                findings.append(context.finding("javascript-url", at: element,
                    "javascript: URL in <style>: reports must not run code"))
            }
        }
        return findings
    }

    static func containsJavaScriptURL(_ text: String) -> Bool {
        let pattern = Array("javascript:".utf8)
        let utf8 = text.utf8
        return utf8.withContiguousStorageIfAvailable { matches(pattern, in: $0) }
            ?? matches(pattern, in: Array(utf8).withUnsafeBufferPointer { $0 })
    }

    /// Whether `pattern` (lower-case ASCII) occurs in `bytes` ignoring ASCII case and ASCII
    /// whitespace between its characters. Byte-level: this runs on every attribute value.
    private static func matches(_ pattern: [UInt8], in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = 0
        while start < bytes.count {
            if bytes[start] | 0x20 == pattern[0] {
                var matched = 1
                var index = start + 1
                while matched < pattern.count, index < bytes.count {
                    let byte = bytes[index]
                    if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C {
                        index += 1
                        continue
                    }
                    let folded = (65...90).contains(byte) ? byte | 0x20 : byte
                    if folded != pattern[matched] { break }
                    matched += 1
                    index += 1
                }
                if matched == pattern.count { return true }
            }
            start += 1
        }
        return false
    }
}
