import Foundation

/// Company names compared the way people read them: `ACME, Inc.`, `Acme Inc` and `acme`
/// are one company; so are `Müller GmbH & Co. KG` and `Muller`.
///
/// Normalisation: diacritics and case folded; `&` read as "and"; dots removed inside words
/// (`L.L.C.` → `llc`); every other character that is not a letter or digit separates words;
/// a leading "the" and trailing legal-form words (Inc, Incorporated, LLC, LLP, Ltd, Limited,
/// Corp, Corporation, Co, Company, PLC, GmbH, AG, KG, SA, SAS, SARL, SRL, SpA, BV, NV, Oy,
/// AB, AS, ApS, Pty, Pte, KK, SE, …, and an "and" left in front of them) are dropped, the
/// rest joined by single spaces. A name made only of such words is kept whole.
enum CompanyName {
    static let legalForms: Set<String> = [
        "inc", "incorporated", "llc", "llp", "lp", "lllp", "pllc", "ltd", "limited", "corp", "corporation", "co",
        "company", "plc", "pc", "gmbh", "mbh", "ag", "kg", "kgaa", "ug", "ohg", "ev", "sa", "sas", "sarl", "sasu",
        "srl", "spa", "sl", "bv", "nv", "vof", "oy", "oyj", "ab", "as", "asa", "aps", "pty", "pte", "kk", "se",
        "sro", "kft", "zrt", "ulc", "lda", "ltda", "sc", "sp", "zoo",
    ]

    /// The comparison key of a company name; nil when nothing is left.
    static func key(_ name: String) -> String? {
        if name.utf8.allSatisfy({ $0 < 0x80 }) { return asciiKey(name) }
        return foldedKey(name)
    }

    /// `key` for ASCII names (nearly every name; a whole customers file's keys are made when
    /// one row matches by name): the same rules on bytes, without Foundation's folding, the
    /// words written straight into one buffer, single spaces between them.
    static func asciiKey(_ name: String) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(name.utf8.count + 8)
        var wordEnds: [Int] = []  // end of each word in `out` (a word starts after the space before it)
        var inWord = false
        for b in name.utf8 {
            let letter: UInt8
            switch b {
            case 0x2E, 0x27: continue  // "L.L.C." → "llc", "O'Brien" → "obrien"
            case 0x30...0x39, 0x61...0x7A: letter = b
            case 0x41...0x5A: letter = b | 0x20
            default: letter = 0
            }
            if letter != 0 {
                if !inWord {
                    if !out.isEmpty { out.append(0x20) }
                    inWord = true
                }
                out.append(letter)
                continue
            }
            if inWord {
                wordEnds.append(out.count)
                inWord = false
            }
            if b == 0x26 || b == 0x2B {  // "&", "+": the word "and"
                if !out.isEmpty { out.append(0x20) }
                out.append(0x61)
                out.append(0x6E)
                out.append(0x64)
                wordEnds.append(out.count)
            }
        }
        if inWord { wordEnds.append(out.count) }
        guard !wordEnds.isEmpty else { return nil }
        let bytes = out, ends = wordEnds
        func start(_ k: Int) -> Int { k == 0 ? 0 : ends[k - 1] + 1 }
        func word(_ k: Int) -> String { String(decoding: bytes[start(k)..<ends[k]], as: UTF8.self) }
        var first = 0, last = ends.count - 1
        if last > first && word(first) == "the" { first += 1 }
        while last > first, case let w = word(last), legalForms.contains(w) || w == "and" { last -= 1 }
        // "Acme & Co" → "acme"; but a name that was only legal words stays as written.
        if first == last && legalForms.contains(word(first)) { first = 0; last = ends.count - 1 }
        return String(decoding: bytes[start(first)..<ends[last]], as: UTF8.self)
    }

    /// `key` for any name: diacritics, case and width folded as Foundation folds them
    /// (`LatinFolding`), then the words.
    static func foldedKey(_ name: String) -> String? {
        let folded = LatinFolding.fold(name)
        // Folded to ASCII (`Chloé Müller` → `chloe muller`): the same rules on bytes.
        if folded.utf8.allSatisfy({ $0 < 0x80 }) { return asciiKey(folded) }
        return wordKey(folded)
    }

    /// `key` of text already folded, for any script: words by Unicode letter and digit properties.
    static func wordKey(_ folded: String) -> String? {
        var words: [String] = []
        var current = ""
        func flush() {
            if !current.isEmpty { words.append(current); current = "" }
        }
        for scalar in folded.unicodeScalars {
            if scalar == "." || scalar == "'" || scalar == "’" { continue }  // "L.L.C." → "llc", "O'Brien" → "obrien"
            if scalar == "&" || scalar == "+" {
                flush()
                words.append("and")
                continue
            }
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                current.unicodeScalars.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            } else {
                flush()
            }
        }
        flush()
        return core(words)
    }

    /// The words without a leading "the" and trailing legal forms, joined by spaces.
    private static func core(_ words: [String]) -> String? {
        guard !words.isEmpty else { return nil }
        var core = words
        if core.count > 1 && core.first == "the" { core.removeFirst() }
        while core.count > 1, let last = core.last, legalForms.contains(last) || last == "and" {
            core.removeLast()
        }
        // "Acme & Co" → "acme"; but a name that was only legal words stays as written.
        if core.count == 1 && legalForms.contains(core[0]) { core = words }
        return core.joined(separator: " ")
    }
}

/// E-mail addresses and web domains as join keys.
enum EmailAddress {
    /// The address lower-cased, from `a@b.com`, `mailto:a@b.com` or `Name <a@b.com>`; nil when
    /// the text is not one address (exactly one `@`, a local part, a dotted domain, no spaces).
    static func normalised(_ text: String) -> String? {
        guard text.utf8.contains(0x40) else { return nil }  // no "@": not an address (cheap test first)
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return normalisedASCII(text) }
        var t = text.trimmingCharacters(in: .whitespaces)
        if let open = t.lastIndex(of: "<"), let close = t.lastIndex(of: ">"), open < close {
            t = String(t[t.index(after: open)..<close])
        }
        if t.lowercased().hasPrefix("mailto:") { t = String(t.dropFirst(7)) }
        t = t.lowercased()
        let parts = t.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
              !parts[1].hasSuffix("."), !t.contains(where: { $0 == " " || $0 == "," || $0 == ";" }) else { return nil }
        return t
    }

    /// `normalised` for ASCII text (nearly every address), the same steps on bytes: trim spaces
    /// and tabs (the ASCII members of `CharacterSet.whitespaces`), take what the last `<…>`
    /// encloses, drop a `mailto:`, lower-case, then check the shape.
    private static func normalisedASCII(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { all -> String? in
            var start = 0, end = all.count
            while start < end && (all[start] == 0x20 || all[start] == 0x09) { start += 1 }
            while end > start && (all[end - 1] == 0x20 || all[end - 1] == 0x09) { end -= 1 }
            var open: Int?, close: Int?
            for k in start..<end {
                if all[k] == 0x3C { open = k } else if all[k] == 0x3E { close = k }
            }
            if let open, let close, open < close { start = open + 1; end = close }
            var bytes = [UInt8](UnsafeBufferPointer(rebasing: all[start..<end]))
            for k in bytes.indices where bytes[k] >= 0x41 && bytes[k] <= 0x5A { bytes[k] |= 0x20 }
            if bytes.starts(with: "mailto:".utf8) { bytes.removeFirst(7) }
            var at: Int?
            for (k, b) in bytes.enumerated() {
                switch b {
                case 0x40:
                    if at != nil { return nil }  // a second "@"
                    at = k
                case 0x20, 0x2C, 0x3B: return nil  // space, comma, semicolon
                default: break
                }
            }
            guard let at, at > 0 else { return nil }
            let domain = bytes[(at + 1)...]
            guard domain.contains(0x2E), domain.first != 0x2E, domain.last != 0x2E else { return nil }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// The domain of a normalised address.
    static func domain(ofAddress address: String) -> String? {
        guard let at = address.lastIndex(of: "@") else { return nil }
        return String(address[address.index(after: at)...])
    }

    /// The host of a web address or bare domain (`https://www.acme.com/about` → `acme.com`);
    /// nil when the text is not one.
    static func domain(ofWebsite text: String) -> String? {
        // No "." at all: not a domain (the steps below only drop text; cheap test first, as
        // every unmatched plain id of an orders or surveys file comes here).
        guard text.utf8.contains(0x2E) else { return nil }
        var t = text.trimmingCharacters(in: .whitespaces).lowercased()
        for scheme in ["https://", "http://"] where t.hasPrefix(scheme) { t = String(t.dropFirst(scheme.count)) }
        if let slash = t.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { t = String(t[..<slash]) }
        if let colon = t.firstIndex(of: ":") { t = String(t[..<colon]) }
        if t.hasPrefix("www.") { t = String(t.dropFirst(4)) }
        guard t.contains("."), !t.hasPrefix("."), !t.hasSuffix("."), !t.contains("@"),
              t.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }),
              t.contains(where: { $0.isLetter }) else { return nil }
        return t
    }

    /// Mailbox providers whose domain says nothing about the company.
    static let freeMailDomains: Set<String> = [
        "gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk", "yahoo.fr", "ymail.com", "hotmail.com",
        "hotmail.co.uk", "hotmail.fr", "outlook.com", "live.com", "msn.com", "icloud.com", "me.com", "mac.com",
        "aol.com", "gmx.de", "gmx.net", "gmx.com", "web.de", "t-online.de", "proton.me", "protonmail.com",
        "mail.com", "yandex.ru", "yandex.com", "mail.ru", "qq.com", "163.com", "126.com", "zoho.com", "fastmail.com",
        "hey.com", "orange.fr", "free.fr", "laposte.net", "libero.it",
    ]
}
