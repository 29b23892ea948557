import Foundation

/// Foundation's folding of diacritics, case and width (`String.folding(options:
/// [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)`), fast for text
/// whose scalars all lie in U+0020–U+017F (ASCII, Latin-1 and Latin Extended-A: nearly every
/// European name, `Müller`, `Chloé`, `Łukasz`). Each of those scalars is folded once, by
/// Foundation, and a text's folding is its scalars' foldings joined — which holds for them, as
/// none of them combines with its neighbours (`Ä` → `a`, `ß` → `ss`, `Œ` → `œ`, `ı` stays).
/// Folding the whole text through Foundation costs microseconds a name; a company-name table
/// of half a million customers spent half a second there.
enum LatinFolding {
    static let scalars: ClosedRange<UInt32> = 0x20...0x17F

    private static let options: String.CompareOptions = [.diacriticInsensitive, .caseInsensitive, .widthInsensitive]

    /// The folding of each scalar of `scalars`, by its value ("" below U+0020).
    private static let folded: [String] = (0...scalars.upperBound).map { v in
        guard v >= scalars.lowerBound, let scalar = Unicode.Scalar(v) else { return "" }
        return String(Character(scalar)).folding(options: options, locale: nil)
    }

    /// `text` folded as Foundation folds it.
    static func fold(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            guard scalars.contains(scalar.value) else { return text.folding(options: options, locale: nil) }
            out += folded[Int(scalar.value)]
        }
        return out
    }
}
