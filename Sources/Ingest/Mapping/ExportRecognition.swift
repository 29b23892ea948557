/// How a file was recognised: which product's format (or the generic columns of an entity),
/// and what gave it away.
public struct Recognition: Sendable {
    /// What the file holds.
    public var entity: Entity
    /// The product's format; nil for a generic export (the automatic header synonyms).
    public var format: ExportFormat?
    /// "header" (a product's signature or the generic columns), "file name", "--preset", "option".
    public var evidence: String

    /// "HubSpot deals", or "generic customers".
    public var label: String { format.map(\.description) ?? "generic \(entity)" }
}

/// Recognises exports by their header: a product's format when every header of its signature
/// is present (the most specific signature wins; the file name breaks ties), else the entity
/// whose generic columns the header fits (the file name first, if its entity's required
/// columns are there).
public enum ExportRecognition {
    /// The formats a header matches, best first.
    /// - Parameters:
    ///   - fileName: the file's name, a tie-breaker only.
    ///   - product: when given (`--preset`), only that product's formats are considered.
    ///   - entity: when given (`--orders FILE`), only formats of that entity are considered.
    static func matches(header: [String], fileName: String, product: Preset?, entity: Entity?) -> [ExportFormat] {
        let keys = Set(header.map(headerKey))
        let name = fileName.lowercased()
        let pool = product?.formats ?? Preset.allFormats
        var scored: [(format: ExportFormat, score: Int, order: Int)] = []
        for (order, format) in pool.enumerated() {
            if let entity, format.entity != entity, format.notUsedBecause == nil { continue }
            guard format.signatureMatches(keys) else { continue }
            let hinted = format.fileNameHints.contains { name.contains($0) }
            scored.append((format, format.signature.count * 2 + (hinted ? 1 : 0), order))
        }
        return scored.sorted { $0.score != $1.score ? $0.score > $1.score : $0.order < $1.order }.map(\.format)
    }

    /// Recognises one file from its header and name.
    /// - Returns: nil when neither a product's signature nor any entity's required columns match.
    public static func recognise(header: [String], fileName: String, product: Preset? = nil,
                                 entity: Entity? = nil) -> Recognition? {
        if let best = matches(header: header, fileName: fileName, product: product, entity: entity).first {
            return Recognition(entity: best.entity, format: best, evidence: product == nil ? "header" : "--preset")
        }
        // A named product whose signature the header does not carry: its column names still
        // apply, to the entity the file name or header suggests.
        func fits(_ e: Entity) -> Bool {
            guard let r = try? ColumnResolution.resolve(header: header, entity: e, mapping: ColumnMapping(),
                                                        preset: product) else { return false }
            return e.requiredFields.allSatisfy { r.columns[$0] != nil }
        }
        if let entity {
            return Recognition(entity: entity, format: product.flatMap { productFormat($0, entity) },
                               evidence: "option")
        }
        // A file named for a revenue, survey or ticket entity may name its customers by e-mail,
        // domain or company instead of an id column: the customer join picks that column.
        func joinable(_ e: Entity) -> Bool {
            guard e != .customers, let r = try? ColumnResolution.resolve(header: header, entity: e, mapping: ColumnMapping(),
                                                                          preset: product) else { return false }
            return e.requiredFields.allSatisfy { $0 == "customer" || r.columns[$0] != nil }
                && header.contains { DatasetBuilder.alternativeKeyHeaders.contains(headerKey($0)) }
        }
        if let byName = InputFiles.entity(forFileName: fileName), fits(byName) || joinable(byName) {
            return Recognition(entity: byName, format: product.flatMap { productFormat($0, byName) }, evidence: "file name")
        }
        let best = Entity.allCases
            .map { ($0, ColumnResolution.fitScore(header: header, entity: $0, preset: product)) }
            .filter { $0.1 >= 4 && fits($0.0) }
            .max { $0.1 < $1.1 }
        guard let best else { return nil }
        return Recognition(entity: best.0, format: product.flatMap { productFormat($0, best.0) }, evidence: "header")
    }

    /// A product's first usable format for an entity (for `--preset` with a file whose header
    /// lacks the signature).
    static func productFormat(_ product: Preset, _ entity: Entity) -> ExportFormat? {
        product.formats.first { $0.entity == entity && $0.notUsedBecause == nil }
    }
}
