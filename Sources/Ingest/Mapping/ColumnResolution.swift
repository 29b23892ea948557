/// Which column of a file holds each canonical field.
struct ColumnResolution: Sendable {
    /// canonical field → 0-based column.
    var columns: [String: Int] = [:]
    /// How each field was found: "mapping", a preset name, or "auto".
    var sources: [String: String] = [:]

    subscript(field: String) -> Int? { columns[field] }

    /// An explicit mapping names a header the file does not have.
    struct MissingHeader: Error, Equatable {
        var field: String
        var header: String
    }

    /// Resolves the columns: explicit mapping first (it must exist), then the preset's
    /// header names, then the automatic synonyms; the first unused column that matches wins.
    static func resolve(header: [String], entity: Entity, mapping: ColumnMapping,
                        preset: Preset?) throws(MissingHeader) -> ColumnResolution {
        try resolve(header: header, entity: entity, mapping: mapping, preset: preset,
                    format: preset.flatMap { ExportRecognition.productFormat($0, entity) })
    }

    /// Resolves with a product's format: its header names first, then, for questions named
    /// by a survey's author, the first header containing one of the format's fragments.
    static func resolve(header: [String], entity: Entity, mapping: ColumnMapping, preset: Preset?,
                        format: ExportFormat?) throws(MissingHeader) -> ColumnResolution {
        let keys = header.map(headerKey)
        var used = Set<Int>()
        var result = ColumnResolution()
        // Explicit mappings first, so automatic matches cannot take their columns.
        for field in entity.fields {
            guard let wanted = mapping.header(for: entity, field) else { continue }
            let key = headerKey(wanted)
            guard let index = keys.firstIndex(of: key) else { throw MissingHeader(field: field, header: wanted) }
            result.columns[field] = index
            result.sources[field] = "mapping"
            used.insert(index)
        }
        for field in entity.fields where result.columns[field] == nil {
            var presetNames = format.map { $0.candidates(field) } ?? []
            for name in preset?.candidates(entity, field) ?? [] where !presetNames.contains(name) { presetNames.append(name) }
            let tiers: [(String, [String])] = [((format?.product ?? preset)?.rawValue ?? "", presetNames),
                                               ("auto", HeaderSynonyms.candidates(entity, field))]
            search: for (source, names) in tiers {
                for name in names {
                    let key = headerKey(name)
                    if let index = keys.indices.first(where: { keys[$0] == key && !used.contains($0) }) {
                        result.columns[field] = index
                        result.sources[field] = source
                        used.insert(index)
                        break search
                    }
                }
            }
        }
        if let format, let suffix = format.npsGroupSuffix.map(headerKey), result.columns["nps_score"] == nil {
            let group = keys.indices.first { keys[$0].hasSuffix(suffix) && keys[$0].count > suffix.count }
            if let group, let score = keys.firstIndex(of: String(keys[group].dropLast(suffix.count))), !used.contains(score) {
                result.columns["nps_score"] = score
                result.sources["nps_score"] = format.product.rawValue
                used.insert(score)
                used.insert(group)
            }
        }
        if let format {
            for (field, fragments) in format.questionColumns.sorted(by: { $0.key < $1.key })
            where result.columns[field] == nil {
                let index = fragments.lazy.compactMap { fragment in
                    keys.indices.first { keys[$0].contains(fragment) && !used.contains($0) }
                }.first
                if let index {
                    result.columns[field] = index
                    result.sources[field] = format.product.rawValue
                    used.insert(index)
                }
            }
        }
        return result
    }

    /// How well a header fits an entity: required fields found count double.
    static func fitScore(header: [String], entity: Entity, preset: Preset? = nil) -> Int {
        guard let r = try? resolve(header: header, entity: entity, mapping: ColumnMapping(), preset: preset) else { return 0 }
        var score = 0
        for field in r.columns.keys { score += entity.requiredFields.contains(field) ? 2 : 1 }
        if !entity.requiredFields.allSatisfy({ r.columns[$0] != nil }) { score /= 2 }
        return score
    }
}
