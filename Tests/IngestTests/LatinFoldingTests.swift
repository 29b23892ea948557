import Foundation
import Testing
@testable import Ingest

@Suite struct LatinFoldingTests {
    let options: String.CompareOptions = [.diacriticInsensitive, .caseInsensitive, .widthInsensitive]

    @Test func foldsLikeFoundationWithinLatinScalars() {
        #expect(LatinFolding.fold("Müller") == "muller")
        #expect(LatinFolding.fold("STRAßE") == "strasse")    // ß → ss
        #expect(LatinFolding.fold("Œuvre Ærø") == "œuvre ærø")  // ligatures and stroke letters stay letters
        #expect(LatinFolding.fold("Łódź") == "łodz")          // Ł keeps its stroke, ó and ź lose their marks
        #expect(LatinFolding.fold("İstanbul ı") == "istanbul ı")
        #expect(LatinFolding.fold("") == "")
    }

    @Test func everyScalarOfTheRangeFoldsAsFoundationFoldsItInAText() {
        // Each scalar between letters and beside a capital: the scalar-by-scalar folding
        // equals Foundation's folding of the whole text.
        for v in LatinFolding.scalars {
            let c = String(Character(Unicode.Scalar(v)!))
            for text in ["x\(c)Y", c + c, "É\(c)", "\(c)ß"] {
                #expect(LatinFolding.fold(text) == text.folding(options: options, locale: nil), "U+\(String(v, radix: 16))")
            }
        }
    }

    @Test func otherScalarsFoldTheWholeTextThroughFoundation() {
        // A combining acute (U+0301) after "e", full-width "Ａ", Greek and a tab.
        for text in ["Cafe\u{301} Noir", "ＡＣＭＥ Müller", "Ωmega Müller", "Acme\tInc"] {
            #expect(LatinFolding.fold(text) == text.folding(options: options, locale: nil))
        }
        #expect(LatinFolding.fold("Cafe\u{301}") == "cafe")
        #expect(LatinFolding.fold("ＡＣＭＥ") == "acme")
    }

    @Test func companyNamesWithDiacriticsKeepTheirKeys() {
        #expect(CompanyName.key("Chloé Müller") == "chloe muller")
        #expect(CompanyName.key("Société Générale S.A.") == "societe generale")
        #expect(CompanyName.key("Straße AG") == "strasse")
    }
}
