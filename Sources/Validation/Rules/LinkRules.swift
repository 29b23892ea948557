/// `duplicate-id`: every `id` value occurs once (HTML and the SVG inside it share one id space,
/// so two charts with the same gradient id collide). Reported at the later occurrence, naming
/// where the first one is.
struct DuplicateIDRule: DocumentRule {
    func check(_ context: RuleContext) -> [ValidationFinding] {
        var first: [String: MarkupAttribute] = [:]
        var findings: [ValidationFinding] = []
        for element in context.tree.elements {
            guard let id = element.attribute("id") else { continue }
            if let earlier = first[id.value] {
                findings.append(context.finding("duplicate-id", at: id,
                    "duplicate id \"\(id.value)\" (first defined at line \(earlier.line), column \(earlier.column))"))
            } else {
                first[id.value] = id
            }
        }
        return findings
    }
}

/// `broken-link`: every `href="#x"` / `xlink:href="#x"` names an existing id (after
/// percent-decoding the fragment). A bare `#` points nowhere and is reported too.
struct BrokenLinkRule: DocumentRule {
    func check(_ context: RuleContext) -> [ValidationFinding] {
        let ids = Set(context.tree.elements.compactMap { $0.value("id") })
        var findings: [ValidationFinding] = []
        for element in context.tree.elements {
            for attribute in element.attributes where attribute.name == "href" || attribute.name == "xlink:href" {
                let value = attribute.value.trimmingASCIIWhitespace
                guard value.hasPrefix("#") else { continue }
                let fragment = Self.percentDecoded(String(value.dropFirst()))
                if fragment.isEmpty {
                    findings.append(context.finding("broken-link", at: attribute,
                        "\(attribute.name)=\"#\" on <\(element.qualifiedName)> points to no element; link to an id"))
                } else if !ids.contains(fragment) {
                    findings.append(context.finding("broken-link", at: attribute,
                        "\(attribute.name)=\"\(value)\" on <\(element.qualifiedName)> points to no element with id \"\(fragment)\""))
                }
            }
        }
        return findings
    }

    /// `%XX` sequences decoded as UTF-8 bytes; a malformed escape is kept as written.
    static func percentDecoded(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        var index = 0
        func hexValue(_ byte: UInt8) -> UInt8? {
            switch byte {
            case 48...57: return byte - 48
            case 65...70: return byte - 55
            case 97...102: return byte - 87
            default: return nil
            }
        }
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
               let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) {
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
