import Model

/// Survey responses (NPS, CSAT, CES, good/bad ratings).
extension DatasetBuilder {
    mutating func loadSurveys(_ path: String, _ recognition: Recognition = Recognition(entity: .surveys, format: nil, evidence: "option"))
        throws(IngestError) {
        let (table, reader, start, hashing) = try open(path, recognition)
        var accounting = start
        var productRows = ProductRowRules(format: reader.format, dateField: "date")
        var unknownCustomers = 0
        let fileName = path.split(separator: "/").last.map(String.init) ?? path
        // A product's own survey kind wins over any column that looks like a kind (Freshdesk's
        // ticket "Type" is Incident/Question, not the survey).
        let fixedKind: SurveyKind? = reader.format?.rules.surveyKind
            ?? (reader.column("kind") == nil ? ValueVocabulary.surveyKind(fileName) : nil)
        let split = reader.column("nps_score") != nil || reader.column("csat_score") != nil
        if !split && (reader.column("score") == nil || (reader.column("kind") == nil && fixedKind == nil)) {
            if reader.column("score") == nil {
                throw .missingColumn(path: path, entity: .surveys, field: "score",
                                     tried: HeaderSynonyms.candidates(.surveys, "score"))
            }
            throw .unknownSurveyKind(path: path)
        }
        var ids = Set<String>()
        // Per row: columns found once, kinds remembered per distinct bytes, no array per row.
        let scoreFields = split ? ["nps_score", "csat_score", "score"] : ["score"]
        let scoreColumns = scoreFields.map { reader.column($0) }
        let noRatingColumn = reader.column(scoreFields.first { reader.column($0) != nil } ?? "score")
        let kindColumn = reader.column("kind"), idColumn = reader.column("id")
        let customerColumn = reader.column("customer"), commentColumn = reader.column("comment")
        var kinds = ByteKeyedCache<SurveyKind?>()
        var answers: [(SurveyKind, String, Int?)] = []  // kind, field, column
        var responses: [SurveyResponse] = []
        dataset.surveys.reserveCapacity(dataset.surveys.count + table.rowCount)  // one answer a row, as a rule
        let rated = reader.format?.rules.ratingLabels ?? []
        let labels = Dictionary(rated.map { (headerKey($0.label), $0.score) }, uniquingKeysWith: { a, _ in a })
        let labelNames = rated.map { "\"\($0.label)\"" }.joined(separator: ", ")
        try table.forEachRow { row throws(IngestError) in
            do throws(RowSkip) {
                if row.isEmptyRow { throw RowSkip(reason: "empty_row", column: 0, message: "row has no values") }
                try productRows.check(row, reader: reader)
                try reader.checkShape(row)
                // No answer at all (a contact who never took the survey) is not a response.
                if scoreColumns.allSatisfy({ row.isBlank($0) }) {
                    throw RowSkip(reason: "no_rating", column: noRatingColumn, message: "no score given")
                }
                let day = try reader.notAfterToday(reader.requiredDay("date", row), "date", row)
                if let id = row.string(idColumn) {
                    if ids.contains(id) {
                        throw RowSkip(reason: "duplicate_id", column: idColumn,
                                      message: "response id \"\(id)\" appears on an earlier row")
                    }
                    ids.insert(id)
                }
                answers.removeAll(keepingCapacity: true)
                if split {
                    for (field, kind) in [("nps_score", SurveyKind.nps), ("csat_score", .csat)] where reader.text(field, row) != nil {
                        answers.append((kind, field, reader.column(field)))
                    }
                    if let kind = ValueVocabulary.surveyKind(reader.text("kind", row)), reader.text("score", row) != nil {
                        answers.append((kind, "score", reader.column("score")))
                    }
                } else {
                    let kind: SurveyKind
                    if let fixedKind {
                        kind = fixedKind
                    } else {
                        let known = row.withBytes(kindColumn) { raw in
                            kinds.value(for: raw) { _ in ValueVocabulary.surveyKind(row.string(kindColumn)) }
                        }
                        guard let k = known else {
                            throw RowSkip(reason: "bad_kind", column: kindColumn,
                                          message: "unknown survey \"\(row.string(kindColumn) ?? "")\"; expected NPS, CSAT or CES")
                        }
                        kind = k
                    }
                    answers.append((kind, "score", reader.column("score")))
                }
                responses.removeAll(keepingCapacity: true)
                let customer = surveyCustomer(row, customerColumn)
                for (kind, field, column) in answers {
                    var k = kind
                    let score: Double
                    if !labels.isEmpty {
                        let text = reader.text(field, row) ?? ""
                        guard let labelled = labels[headerKey(text)] else {
                            throw RowSkip(reason: "bad_score", column: column,
                                          message: "unknown rating \"\(text)\"; expected one of \(labelNames)")
                        }
                        score = labelled
                    } else if let number = Self.plainNumber(row, column) {
                        score = number
                    } else if case let key = headerKey(reader.text(field, row) ?? ""), key.hasPrefix("good") || key.hasPrefix("bad") {
                        k = .csatGoodBad
                        score = key.hasPrefix("good") ? 1 : 0
                    } else if case let key = headerKey(reader.text(field, row) ?? ""),
                              key.isEmpty || key == "offered" || key == "unoffered" || key == "notoffered" {
                        throw RowSkip(reason: "no_rating", column: column, message: "no score given (\"\(reader.text(field, row) ?? "")\")")
                    } else {
                        guard let v = try reader.number(field, row, reason: "bad_score") else {
                            throw RowSkip(reason: "no_rating", column: column, message: "no score given")
                        }
                        score = v
                    }
                    let range: ClosedRange<Double>
                    switch k {
                    case .nps: range = 0...10
                    case .csat: range = 1...5
                    case .ces: range = 1...7
                    case .csatGoodBad: range = 0...1
                    }
                    guard range.contains(score), score == score.rounded() || k == .csat else {
                        throw RowSkip(reason: "bad_score", column: column,
                                      message: "score \(reader.text(field, row) ?? "") is outside \(k.rawValue.uppercased()) range "
                                        + "\(Int(range.lowerBound))–\(Int(range.upperBound))")
                    }
                    responses.append(SurveyResponse(customer: customer, day: day, kind: k, score: score,
                                                    comment: row.string(commentColumn)))
                }
                guard !responses.isEmpty else {
                    throw RowSkip(reason: "no_rating", column: reader.column("score"), message: "no score given")
                }
                if customer == nil { unknownCustomers += 1 }
                dataset.surveys.append(contentsOf: responses)
                accounting.use()
            } catch {
                reader.skip(error, row, into: &accounting)
            }
        }
        try finish(accounting, hashing: hashing, unknownCustomers: unknownCustomers, noun: "response",
                   kept: "kept for overall scores, left out of per-customer and per-segment views")
    }

    /// The customer a survey row names, found from the field bytes when it is an id as written
    /// (counted as an id match); other keys go through `customerReference`.
    private mutating func surveyCustomer(_ row: RowView, _ column: Int?) -> CustomerIndex? {
        let byID: CustomerIndex? = row.withBytes(column) { raw in
            let c = ByteCursor(raw)
            return c.isAtEnd ? nil : customerIndex.value(for: UnsafeBufferPointer(rebasing: raw[c.index..<c.end]))
        }
        if let byID {
            if joining.file != nil { joining.keyed.idMatches &+= 1 }
            return byID
        }
        return customerReference(row.string(column), line: row.line)
    }

    /// A score written as a plain number (a digit, sign or point first), read without making
    /// a `String`; nil for anything else (words, "good"/"bad", empty), which takes the general path.
    private static func plainNumber(_ row: RowView, _ column: Int?) -> Double? {
        row.withBytes(column) { raw in
            let c = ByteCursor(raw)
            guard !c.isAtEnd else { return nil }
            let first = raw[c.index]
            guard (first >= 0x30 && first <= 0x39) || first == 0x2D || first == 0x2B || first == 0x2E else { return nil }
            if case .amount(let v, nil) = MoneyParsing.read(raw, mark: nil) { return v }
            return nil
        }
    }
}
