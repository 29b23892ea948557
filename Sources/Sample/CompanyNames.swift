/// Company names built from word lists, with the legal forms of each region.
///
/// About one name in eight contains a comma (`Acme, Inc.`), some carry accents
/// (`Müller & Söhne, GmbH`) and about one in a hundred has a quoted nickname
/// (`O'Brien "Analytics"`), so the CSV writer's quoting is exercised throughout.
enum CompanyNames {
    static let prefixes = [
        "Blue", "North", "Bright", "Silver", "Red", "Green", "Iron", "Clear", "Swift", "Stone",
        "Sun", "River", "Oak", "Cedar", "Summit", "Harbor", "Pixel", "Quantum", "Atlas", "Nova",
        "Lumen", "Vertex", "Pine", "Granite", "Copper", "Maple", "Falcon", "Orbit", "Echo", "Zen",
    ]
    static let stems = [
        "wave", "field", "point", "bridge", "stack", "path", "forge", "leaf", "line", "crest",
        "light", "works", "gate", "peak", "shore", "spark", "loop", "grid", "nest", "vale",
    ]
    static let trades = [
        "Analytics", "Labs", "Systems", "Logistics", "Health", "Foods", "Studio", "Partners",
        "Software", "Robotics", "Energy", "Media", "Consulting", "Supply Co.", "Dental",
        "Fitness", "Legal", "Realty", "Marketing", "Payments", "Cloud", "Security", "Travel",
        "Architects", "Engineering", "Bakery", "Coffee Roasters", "Clinic", "Insurance", "Learning",
    ]
    static let surnames = [
        "Hale", "Norris", "O'Brien", "Müller", "Nakamura", "Okafor", "Núñez", "Larsen", "Ødegaard",
        "Dubois", "Kowalski", "Singh", "Moreau", "Chen", "Rossi", "García", "Schröder", "Novák",
        "Fitzgerald", "Andersson", "Björk", "Yılmaz", "Kaur", "Fernández", "Lefèvre", "Tanaka",
    ]
    static let accentedClassics = [
        "Müller & Söhne, GmbH", "Café Lumière", "Société Générale de Données", "Señor Taco",
        "Zürich Präzision AG", "São Paulo Logística Ltda.", "Øresund Shipping ApS",
    ]

    /// Legal forms per region; the comma-bearing ones need CSV quoting.
    static func legalForms(_ region: Region) -> [String] {
        switch region {
        case .northAmerica: return [", Inc.", " Inc.", " LLC", " Corp.", ""]
        case .emea: return [" GmbH", " Ltd", " B.V.", " S.A.", " AB", " plc", ""]
        case .apac: return [" Pty Ltd", " Pte. Ltd.", " K.K.", " Ltd", ""]
        case .latam: return [" S.A. de C.V.", " Ltda.", " S.A.", ""]
        }
    }

    static func make(region: Region, using rng: inout SeededGenerator) -> String {
        let style = rng.unit()
        if style < 0.006 {
            return rng.element(of: accentedClassics)
        }
        if style < 0.016 {
            return rng.element(of: surnames) + " \"" + rng.element(of: trades) + "\""
        }
        let legal = rng.element(of: legalForms(region))
        if style < 0.22 {
            let first = rng.element(of: surnames)
            var second = rng.element(of: surnames)
            if second == first { second = "Sons" }
            return first + " & " + second + legal
        }
        if style < 0.40 {
            return rng.element(of: surnames) + " " + rng.element(of: trades) + legal
        }
        return rng.element(of: prefixes) + rng.element(of: stems) + " " + rng.element(of: trades) + legal
    }
}
